import { useMemo } from 'react';
import { listPods } from '../engine/index.ts';
import { useLab } from '../store/useLab.ts';

/** The pods as `kubectl get pods -o wide` would list them: the graph's text mirror. */
export function PodsTable() {
  const cluster = useLab((s) => s.cluster);
  const selection = useLab((s) => s.selection);
  const select = useLab((s) => s.select);
  const dispatch = useLab((s) => s.dispatch);
  const pods = useMemo(() => listPods(cluster), [cluster]);
  return (
    <section aria-labelledby="pods-heading" className="min-w-0">
      <h2
        id="pods-heading"
        className="mb-2 text-sm font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-300"
      >
        Pods <span className="font-normal">({pods.length})</span>
      </h2>
      {pods.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">
          No pods yet. Schedule one to see the CNI plugin give it an IP.
        </p>
      ) : null}
      <div className="max-h-72 overflow-auto rounded border border-slate-200 dark:border-slate-700">
        <table aria-label="Pods" className="w-full border-collapse text-left font-mono text-xs">
          <thead className="sticky top-0 bg-slate-100 dark:bg-slate-800">
            <tr>
              <th scope="col" className="px-2 py-1">
                Name
              </th>
              <th scope="col" className="px-2 py-1">
                Namespace
              </th>
              <th scope="col" className="px-2 py-1">
                Status
              </th>
              <th scope="col" className="px-2 py-1">
                IP
              </th>
              <th scope="col" className="px-2 py-1">
                Node
              </th>
              <th scope="col" className="px-2 py-1">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {pods.map((p) => {
              const selected = selection?.kind === 'pod' && selection.key === p.key;
              return (
                <tr
                  key={p.key}
                  aria-selected={selected}
                  className={
                    selected
                      ? 'bg-fuchsia-50 dark:bg-fuchsia-950'
                      : 'border-t border-slate-100 dark:border-slate-800'
                  }
                >
                  <th scope="row" className="px-2 py-1 font-normal">
                    <button
                      type="button"
                      className="underline decoration-dotted hover:decoration-solid"
                      onClick={() => select({ kind: 'pod', key: p.key })}
                    >
                      {p.name}
                    </button>
                  </th>
                  <td className="px-2 py-1">{p.namespace}</td>
                  <td className="px-2 py-1" title={p.message}>
                    {p.phase === 'Running' ? 'Running' : `Pending${p.reason ? ` (${p.reason})` : ''}`}
                  </td>
                  <td className="px-2 py-1">{p.ip ?? '<none>'}</td>
                  <td className="px-2 py-1">{p.node ?? '<none>'}</td>
                  <td className="px-2 py-1">
                    <button
                      type="button"
                      aria-label={`Delete pod ${p.name}`}
                      className="rounded border border-slate-300 px-1.5 font-sans text-xs dark:border-slate-600"
                      onClick={() => dispatch({ type: 'deletePod', name: p.key })}
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
