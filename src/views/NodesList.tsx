import { memo, useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useLab } from '../store/useLab.ts';
import { selectGraphInput } from '../store/selectors.ts';
import type { Command, CommandResult } from '../engine/index.ts';
import { addressLines, collapsedNodes, type GraphNodeInput } from './graph/elements.ts';
import { nextFreeName } from './shared/next-name.ts';

const small = 'rounded border border-slate-300 px-1.5 text-xs whitespace-nowrap dark:border-slate-600';

interface RowProps {
  readonly node: GraphNodeInput;
  readonly collapsed: boolean;
  readonly expanded: boolean;
  readonly select: (selection: { kind: 'node'; name: string }) => void;
  readonly setExpanded: (node: string, expanded: boolean) => void;
  readonly dispatch: (command: Command) => CommandResult;
}

/** One node; memoised on its summary, which keeps its identity while the node is unchanged. */
const NodeRow = memo(function NodeRow({
  node: n,
  collapsed,
  expanded,
  select,
  setExpanded,
  dispatch,
}: RowProps) {
  const lastEvent = n.events[n.events.length - 1];
  return (
    <div className="flex items-start justify-between gap-2 py-1">
      <div className="min-w-0">
        <button
          type="button"
          className="font-semibold underline decoration-dotted hover:decoration-solid"
          onClick={() => select({ kind: 'node', name: n.name })}
        >
          {n.name}
        </button>{' '}
        <span className="font-mono text-xs">
          eth0 {n.ip}, {addressLines(n).join(', ')}, {n.ready ? 'Ready' : 'NotReady'}, {n.podCount} pod
          {n.podCount === 1 ? '' : 's'}
        </span>
        {n.message ? (
          <p className="mt-0.5 rounded bg-amber-50 px-1.5 py-0.5 font-mono text-xs break-words text-amber-950 dark:bg-amber-950 dark:text-amber-50">
            <span className="font-sans font-semibold">Message: </span>
            {n.message}
          </p>
        ) : null}
        {lastEvent ? (
          <p className="mt-0.5 font-mono text-xs break-words text-slate-700 dark:text-slate-300">
            <span className="font-sans font-semibold">
              Last event{n.events.length > 1 ? ` (of ${n.events.length})` : ''}:{' '}
            </span>
            {lastEvent}
          </p>
        ) : null}
      </div>
      <span className="flex shrink-0 gap-1">
        {collapsed || expanded ? (
          <button
            type="button"
            aria-pressed={expanded}
            className={small}
            onClick={() => setExpanded(n.name, !expanded)}
          >
            {expanded ? `Collapse ${n.name} in the drawing` : `Expand ${n.name} in the drawing`}
          </button>
        ) : null}
        <button
          type="button"
          aria-label={`Remove node ${n.name}`}
          className={small}
          onClick={(event) => {
            const list = event.currentTarget.closest('ul');
            const result = dispatch({ type: 'removeNode', name: n.name });
            // The pressed button goes away with its node: keep the keyboard in the list.
            if (result.ok)
              requestAnimationFrame(() =>
                (
                  list?.querySelector<HTMLButtonElement>('button[aria-label^="Remove node"]') ??
                  document.getElementById('nodes-heading')
                )?.focus(),
              );
          }}
        >
          Remove
        </button>
      </span>
    </div>
  );
});

/**
 * The nodes, their address ranges, state, message and last event, as a list: the graph's
 * text mirror for nodes, with node actions. Virtualised: 5,000 nodes render a screenful.
 */
export function NodesList() {
  const cluster = useLab((s) => s.cluster);
  const select = useLab((s) => s.select);
  const dispatch = useLab((s) => s.dispatch);
  const expanded = useLab((s) => s.expandedNodes);
  const setExpanded = useLab((s) => s.setExpanded);
  const { nodes } = selectGraphInput(cluster);
  const collapsed = useMemo(() => collapsedNodes(nodes, expanded), [nodes, expanded]);
  const scroller = useRef<HTMLDivElement>(null);
  // The virtualiser keeps its own state; the compiler leaves this component as written.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtual = useVirtualizer({
    count: nodes.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 34,
    overscan: 8,
    getItemKey: (i) => nodes[i]?.name ?? i,
    initialRect: { width: 400, height: 320 },
  });
  return (
    <section aria-labelledby="nodes-heading" className="min-w-0">
      <div className="mb-2 flex items-center justify-between">
        <h2
          id="nodes-heading"
          tabIndex={-1}
          className="text-sm font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-300"
        >
          Nodes <span className="font-normal">({nodes.length})</span>
        </h2>
        <button
          type="button"
          className="rounded border border-slate-300 px-2 py-0.5 text-xs dark:border-slate-600"
          onClick={() => dispatch({ type: 'addNode', name: nextFreeName('node', nodes) })}
        >
          Add node
        </button>
      </div>
      <div ref={scroller} className="max-h-80 overflow-auto">
        <ul aria-label="Nodes" className="relative text-sm" style={{ height: virtual.getTotalSize() }}>
          {virtual.getVirtualItems().map((item) => {
            const n = nodes[item.index]!;
            return (
              <li
                key={item.key}
                data-index={item.index}
                ref={virtual.measureElement}
                aria-setsize={nodes.length}
                aria-posinset={item.index + 1}
                className="absolute inset-x-0 border-b border-slate-100 dark:border-slate-800"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <NodeRow
                  node={n}
                  collapsed={collapsed.has(n.name)}
                  expanded={expanded.has(n.name)}
                  select={select}
                  setExpanded={setExpanded}
                  dispatch={dispatch}
                />
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}
