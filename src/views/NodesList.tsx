import { useMemo } from 'react';
import { useLab } from '../store/useLab.ts';
import { selectGraphInput } from '../store/selectors.ts';
import { collapsedNodes } from './graph/elements.ts';
import { nextFreeName } from './shared/next-name.ts';

/** The nodes and their devices as a list: the graph's text mirror for nodes, with node actions. */
export function NodesList() {
  const cluster = useLab((s) => s.cluster);
  const select = useLab((s) => s.select);
  const dispatch = useLab((s) => s.dispatch);
  const expanded = useLab((s) => s.expandedNodes);
  const setExpanded = useLab((s) => s.setExpanded);
  const { nodes, pods } = useMemo(() => selectGraphInput(cluster), [cluster]);
  const collapsed = useMemo(() => collapsedNodes(pods, expanded), [pods, expanded]);
  return (
    <section aria-labelledby="nodes-heading">
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
      <ul aria-label="Nodes" className="space-y-1 text-sm">
        {nodes.map((n) => (
          <li key={n.name} className="flex items-start justify-between gap-2">
            <span>
              <button
                type="button"
                className="font-semibold underline decoration-dotted hover:decoration-solid"
                onClick={() => select({ kind: 'node', name: n.name })}
              >
                {n.name}
              </button>{' '}
              <span className="font-mono text-xs">
                eth0 {n.ip}, podCIDR {n.podCIDR ?? 'none'}, {n.ready ? 'Ready' : 'NotReady'},{' '}
                {pods.filter((p) => p.node === n.name).length} pods
                {n.devices.length > 0 ? `, devices: ${n.devices.map((d) => d.name).join(', ')}` : ''}
              </span>
              {cluster.nodes[n.name]?.message ? (
                // What the node's agents report (a flanneld that cannot start, a missing conflist).
                <span className="block font-mono text-xs text-amber-900 dark:text-amber-200">
                  {cluster.nodes[n.name]?.message}
                </span>
              ) : null}
            </span>
            <span className="flex shrink-0 gap-1">
              {collapsed.has(n.name) || expanded.has(n.name) ? (
                <button
                  type="button"
                  aria-pressed={expanded.has(n.name)}
                  className="rounded border border-slate-300 px-1.5 text-xs dark:border-slate-600"
                  onClick={() => setExpanded(n.name, !expanded.has(n.name))}
                >
                  {expanded.has(n.name)
                    ? `Collapse ${n.name} in the drawing`
                    : `Expand ${n.name} in the drawing`}
                </button>
              ) : null}
              <button
                type="button"
                aria-label={`Remove node ${n.name}`}
                className="rounded border border-slate-300 px-1.5 text-xs dark:border-slate-600"
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
          </li>
        ))}
      </ul>
    </section>
  );
}
