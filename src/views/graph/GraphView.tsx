import { useEffect, useMemo, useRef, useState } from 'react';
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { useTheme } from '../../store/prefs-store.ts';
import { useLab } from '../../store/useLab.ts';
import { selectGraphInput } from '../../store/selectors.ts';
import { diffElements } from './diff-elements.ts';
import { collapsedNodes, toElements } from './elements.ts';
import { MARK_CLASSES, markedElements } from './marks.ts';
import { graphStyle } from './graph-style.ts';
import { installGraphProbe } from './graph-probe.ts';
import { assignSlots } from './slots.ts';
import { usePacketMarker } from './usePacketMarker.ts';

/**
 * The cluster topology, drawn by Cytoscape from the store. Cytoscape never holds truth:
 * each store change becomes a new element list, and only the difference is applied.
 */
export function GraphView() {
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const drawn = useRef<ElementDefinition[]>([]);
  const cluster = useLab((s) => s.cluster);
  const [theme] = useTheme();
  const select = useLab((s) => s.select);
  const input = useMemo(() => selectGraphInput(cluster), [cluster]);
  const [slots, setSlots] = useState<ReadonlyMap<string, number>>(new Map());
  const nextSlots = assignSlots(slots, input.pods);
  if (nextSlots !== slots) setSlots(nextSlots);
  const expanded = useLab((s) => s.expandedNodes);
  const setExpanded = useLab((s) => s.setExpanded);
  const collapsed = useMemo(() => collapsedNodes(input.pods, expanded), [input, expanded]);
  const elements = useMemo(
    () => toElements(input.nodes, input.pods, nextSlots, input.underlayCIDR, collapsed),
    [input, nextSlots, collapsed],
  );

  useEffect(() => {
    if (!container.current) return;
    const cy = cytoscape({
      container: container.current,
      elements: [],
      layout: { name: 'preset' },
      minZoom: 0.15,
      maxZoom: 2.5,
      wheelSensitivity: 0.3,
      boxSelectionEnabled: false,
      autoungrabify: true,
    });
    cyRef.current = cy;
    drawn.current = [];
    const uninstall = installGraphProbe(cy);
    return () => {
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
      if (data.kind === 'pod' && data.key) select({ kind: 'pod', key: data.key });
      else if ((data.kind === 'node' || data.kind === 'device') && (data.name || data.node))
        select({ kind: 'node', name: (data.name ?? data.node)! });
      else if (data.kind === 'summary' && data.name) {
        const name = data.name;
        setExpanded(name, true);
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
    drawn.current = elements;
    if (
      firstDraw ||
      diff.add.some((el) => el.data.kind === 'node') ||
      diff.remove.some((id) => id.startsWith('node:'))
    ) {
      cy.fit(undefined, 16);
    }
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
  const speed = useLab((s) => s.speed);
  usePacketMarker(cyRef, traceEvent, 1000 / speed, elements);

  const podCount = input.pods.length;
  return (
    <div
      ref={container}
      data-testid="topology"
      role="img"
      aria-label={`Cluster topology: ${input.nodes.length} nodes and ${podCount} pods on the underlay network ${input.underlayCIDR}. The Nodes list and the Pods table describe the same cluster.`}
      className="h-full min-h-[320px] w-full"
    />
  );
}
