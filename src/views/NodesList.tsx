import { useMemo } from 'react';
import { useLab } from '../store/useLab.ts';
import { selectGraphInput } from '../store/selectors.ts';

/** The next free default node name: node-1, node-2, … */
export function nextNodeName(existing: ReadonlyArray<{ name: string }>): string {
  const taken = new Set(existing.map((n) => n.name));
  let n = 1;
  while (taken.has(`node-${n}`)) n += 1;
  return `node-${n}`;
}

/** The nodes and their devices as a list: the graph's text mirror for nodes, with node actions. */
export function NodesList() {
  const cluster = useLab((s) => s.cluster);
  const select = useLab((s) => s.select);
  const dispatch = useLab((s) => s.dispatch);
  const { nodes, pods } = useMemo(() => selectGraphInput(cluster), [cluster]);
  return (
    <section aria-labelledby="nodes-heading">
      <div className="mb-2 flex items-center justify-between">
        <h2
          id="nodes-heading"
          className="text-sm font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-300"
        >
          Nodes <span className="font-normal">({nodes.length})</span>
        </h2>
        <button
          type="button"
          className="rounded border border-slate-300 px-2 py-0.5 text-xs dark:border-slate-600"
          onClick={() => dispatch({ type: 'addNode', name: nextNodeName(nodes) })}
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
            </span>
            <button
              type="button"
              aria-label={`Remove node ${n.name}`}
              className="shrink-0 rounded border border-slate-300 px-1.5 text-xs dark:border-slate-600"
              onClick={() => dispatch({ type: 'removeNode', name: n.name })}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
