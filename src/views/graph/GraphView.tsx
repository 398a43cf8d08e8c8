import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { useTheme } from '../../store/prefs-store.ts';
import { useLab } from '../../store/useLab.ts';
import { selectGraphInput, selectNodeDetail } from '../../store/selectors.ts';
import { diffElements } from './diff-elements.ts';
import { collapsedNodes, toElements, type GraphNodeDetail } from './elements.ts';
import { graphStyle } from './graph-style.ts';
import { installGraphProbe } from './graph-probe.ts';
import { MARK_CLASSES, markedElements } from './marks.ts';
import { assignSlots } from './slots.ts';
import { usePacketMarker } from './usePacketMarker.ts';
import { fitReadable, zoomBy } from './viewport.ts';
import { ZoomControls } from './ZoomControls.tsx';

/** Below this canvas width nodes are stacked in one column. */
const NARROW_PX = 640;

/**
 * The cluster topology, drawn by Cytoscape from the store. Cytoscape never holds truth:
 * each store change becomes a new element list, and only the difference is applied.
 */
export function GraphView() {
  const container = useRef<HTMLDivElement>(null);
  const overlay = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const drawn = useRef<ElementDefinition[]>([]);
  const cluster = useLab((s) => s.cluster);
  const [theme] = useTheme();
  const select = useLab((s) => s.select);
  const input = selectGraphInput(cluster);
  const expanded = useLab((s) => s.expandedNodes);
  const setExpanded = useLab((s) => s.setExpanded);
  const [narrow, setNarrow] = useState(false);
  const collapsed = useMemo(() => collapsedNodes(input.nodes, expanded), [input, expanded]);
  const details = useMemo(() => {
    const out = new Map<string, GraphNodeDetail>();
    for (const n of input.nodes)
      if (!collapsed.has(n.name)) {
        const d = selectNodeDetail(cluster, n.name);
        if (d) out.set(n.name, d);
      }
    return out;
  }, [cluster, input, collapsed]);
  const livePods = useMemo(() => [...details.values()].flatMap((d) => d.pods), [details]);
  const [slots, setSlots] = useState<ReadonlyMap<string, number>>(new Map());
  const nextSlots = assignSlots(slots, livePods);
  if (nextSlots !== slots) setSlots(nextSlots);
  const elements = useMemo(
    () => toElements(input.nodes, details, nextSlots, input.underlayCIDR, { narrow }),
    [input, details, nextSlots, narrow],
  );

  useEffect(() => {
    if (!container.current) return;
    const cy = cytoscape({
      container: container.current,
      elements: [],
      layout: { name: 'preset' },
      minZoom: 0.02,
      maxZoom: 4,
      boxSelectionEnabled: false,
      autoungrabify: true,
    });
    cyRef.current = cy;
    drawn.current = [];
    const uninstall = installGraphProbe(cy);
    // Refit when the canvas changes size (a window resize, a phone turned), and re-lay out
    // in one column when it gets narrow.
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        cy.resize();
        setNarrow(cy.width() < NARROW_PX);
        fitReadable(cy);
      });
    });
    observer.observe(container.current);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      uninstall();
      cy.destroy();
      cyRef.current = null;
    };
  }, []);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const handler = (event: cytoscape.EventObject) => {
      const data = event.target.data() as { kind?: string; key?: string; name?: string; node?: string };
      if ((data.kind === 'pod' || data.kind === 'podif') && data.key) select({ kind: 'pod', key: data.key });
      else if ((data.kind === 'node' || data.kind === 'device') && (data.name || data.node)) {
        const name = (data.name ?? data.node)!;
        // A summary box opens: the node is drawn in full, with its pods and devices.
        if (event.target.hasClass('summary')) setExpanded(name, true);
        select({ kind: 'node', name });
      }
    };
    cy.on('tap', 'node', handler);
    return () => {
      cy.off('tap', 'node', handler);
    };
  }, [select, setExpanded]);

  useEffect(() => {
    cyRef.current?.style(graphStyle(theme));
  }, [theme]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const diff = diffElements(drawn.current, elements);
    const firstDraw = drawn.current.length === 0;
    cy.batch(() => {
      for (const id of diff.remove) cy.getElementById(id).remove();
      if (diff.add.length > 0) cy.add(diff.add);
      for (const change of diff.update) {
        const el = change.element;
        const target = cy.getElementById(String(el.data.id));
        if (change.data) target.data(el.data);
        if (change.position && el.position) target.position(el.position);
        if (change.classes) target.classes(el.classes ?? '');
      }
    });
    const relaid = diff.update.some((c) => c.position && c.element.data.kind === 'anchor');
    drawn.current = elements;
    if (
      firstDraw ||
      relaid ||
      diff.add.some((el) => el.data.kind === 'node') ||
      diff.remove.some((id) => id.startsWith('node:'))
    )
      fitReadable(cy);
  }, [elements]);

  const highlight = useLab((s) => s.highlight);
  const goalMarks = useLab((s) => s.goalMarks);
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const marks = markedElements(highlight, goalMarks, (id) => cy.getElementById(id).nonempty());
    cy.batch(() => {
      cy.elements(MARK_CLASSES.map((c) => `.${c}`).join(', ')).removeClass(MARK_CLASSES.join(' '));
      for (const [id, classes] of marks) cy.getElementById(id).addClass([...classes].join(' '));
    });
  }, [highlight, goalMarks, elements]);

  const traceEvent = useLab((s) => (s.trace ? (s.trace.events[s.cursor] ?? null) : null));
  const traceEvents = useLab((s) => s.trace?.events ?? null);
  const speed = useLab((s) => s.speed);
  const podNode = useCallback(
    (name: string) => (cluster.pods[name] ?? cluster.pods[`default/${name}`])?.node ?? null,
    [cluster],
  );
  usePacketMarker(cyRef, overlay, traceEvents, traceEvent, 1000 / speed, podNode, elements);

  const onKeyDown = (event: KeyboardEvent) => {
    const cy = cyRef.current;
    if (!cy) return;
    const pan: Record<string, [number, number]> = {
      ArrowLeft: [40, 0],
      ArrowRight: [-40, 0],
      ArrowUp: [0, 40],
      ArrowDown: [0, -40],
    };
    if (event.key === '+' || event.key === '=') zoomBy(cy, 1.25);
    else if (event.key === '-' || event.key === '_') zoomBy(cy, 0.8);
    else if (event.key === '0') fitReadable(cy);
    else if (pan[event.key]) cy.panBy({ x: pan[event.key]![0], y: pan[event.key]![1] });
    else return;
    event.preventDefault();
  };

  const podCount = input.podTotal;
  return (
    <div className="flex h-full w-full flex-col">
      <div className="flex items-center justify-between gap-2 border-b border-slate-200 px-2 py-1 dark:border-slate-700">
        <p className="min-w-0 truncate text-xs text-slate-600 dark:text-slate-300">
          {collapsed.size > 0
            ? `${collapsed.size} of ${input.nodes.length} nodes shown as summaries: select one to open it. `
            : ''}
          Drag to pan; wheel, pinch or + and − to zoom.
        </p>
        <ZoomControls
          onZoom={(action) => {
            const cy = cyRef.current;
            if (!cy) return;
            if (action === 'fit') fitReadable(cy);
            else zoomBy(cy, action === 'in' ? 1.25 : 0.8);
          }}
        />
      </div>
      <div className="relative min-h-0 w-full flex-1">
        <div
          ref={container}
          data-testid="topology"
          role="img"
          tabIndex={0}
          onKeyDown={onKeyDown}
          aria-roledescription="drawing"
          aria-label={`Cluster topology: ${input.nodes.length} nodes and ${podCount} pods on the underlay network ${input.underlayCIDR}. Plus and minus zoom, 0 fits, arrow keys pan. The Nodes list and the Pods table describe the same cluster.`}
          className="h-full w-full focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-blue-600"
        />
        <div
          ref={overlay}
          data-testid="packet-overlay"
          aria-hidden="true"
          className="pointer-events-none absolute inset-0 overflow-hidden"
        />
      </div>
    </div>
  );
}
