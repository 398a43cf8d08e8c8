import { memo, useCallback, useEffect, useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { listPods } from '../engine/index.ts';
import { useLab, useLabStoreApi } from '../store/useLab.ts';
import type { Selection } from '../store/ui-slice.ts';

interface RowProps {
  readonly podKey: string;
  readonly name: string;
  readonly namespace: string;
  readonly status: string;
  readonly message: string | undefined;
  readonly ip: string | null;
  /** `hostNetwork: true`: the IP is the node's own. */
  readonly hostNetwork: boolean;
  readonly node: string | null;
  readonly selected: boolean;
  readonly select: (selection: Selection) => void;
  readonly remove: (key: string) => void;
}

/** Rows are one line each (names never wrap), so the virtualiser knows their height. */
const ROW_H = 26;

/** One row; memoised on plain fields, so a new pod re-renders one row, not the table. */
const PodRow = memo(function PodRow({
  podKey,
  name,
  namespace,
  status,
  message,
  ip,
  hostNetwork,
  node,
  selected,
  select,
  remove,
}: RowProps) {
  return (
    <tr
      aria-selected={selected}
      style={{ height: ROW_H }}
      className={
        selected ? 'bg-fuchsia-50 dark:bg-fuchsia-950' : 'border-t border-slate-100 dark:border-slate-800'
      }
    >
      <th scope="row" className="px-2 py-1 font-normal whitespace-nowrap">
        <button
          type="button"
          className="underline decoration-dotted hover:decoration-solid"
          onClick={() => select({ kind: 'pod', key: podKey })}
        >
          {name}
        </button>
      </th>
      <td className="px-2 py-1 whitespace-nowrap">{namespace}</td>
      <td className="px-2 py-1 whitespace-nowrap" title={message}>
        {status}
      </td>
      <td className="px-2 py-1 whitespace-nowrap">
        {ip ?? '<none>'}
        {hostNetwork ? (
          <span
            className="block text-xs text-slate-600 dark:text-slate-300"
            title="hostNetwork: true: the pod runs in its node's network namespace, with the node's IP"
          >
            host network
          </span>
        ) : null}
      </td>
      <td className="px-2 py-1 whitespace-nowrap">{node ?? '<none>'}</td>
      <td
        className={`sticky right-0 px-2 py-1 ${selected ? 'bg-fuchsia-50 dark:bg-fuchsia-950' : 'bg-white dark:bg-slate-900'}`}
      >
        <button
          type="button"
          aria-label={`Delete pod ${name}`}
          data-delete-pod=""
          className="rounded border border-slate-300 px-1.5 font-sans text-xs dark:border-slate-600"
          onClick={() => remove(podKey)}
        >
          Delete
        </button>
      </td>
    </tr>
  );
});

/** The pods as `kubectl get pods -o wide` would list them: the graph's text mirror. */
export function PodsTable() {
  const cluster = useLab((s) => s.cluster);
  const selection = useLab((s) => s.selection);
  const select = useLab((s) => s.select);
  const dispatch = useLab((s) => s.dispatch);
  const store = useLabStoreApi();
  const pods = useMemo(() => listPods(cluster), [cluster]);
  const scroller = useRef<HTMLDivElement>(null);
  // Virtualised: 150,000 pods render a screenful of rows, with spacer rows around them.
  // The virtualiser keeps its own state; the compiler leaves this component as written.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtual = useVirtualizer({
    count: pods.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_H,
    overscan: 12,
    initialRect: { width: 600, height: 288 },
  });
  // A pod just scheduled is scrolled into view, so its row shows as it does in a short table.
  const lastAction = useLab((s) => s.lastAction);
  useEffect(() => {
    const command = lastAction?.command;
    if (command?.type !== 'schedulePod' || !lastAction?.result.ok) return;
    const key = `${command.namespace ?? 'default'}/${command.name}`;
    const index = store.getState().cluster.podOrder.indexOf(key);
    if (index >= 0) virtual.scrollToIndex(index, { align: 'auto' });
    // virtual: the same virtualiser on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lastAction, store]);
  const items = virtual.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = virtual.getTotalSize() - (items[items.length - 1]?.end ?? 0);
  const heading = useRef<HTMLHeadingElement>(null);
  const body = useRef<HTMLTableSectionElement>(null);
  // The row a deleted pod held, so the focus can move to its neighbour instead of the page.
  const deletedAt = useRef<number | null>(null);
  const remove = useCallback(
    (key: string) => {
      const before = store.getState().cluster;
      const index = before.podOrder.indexOf(key);
      dispatch({ type: 'deletePod', name: key });
      if (store.getState().cluster !== before) deletedAt.current = index;
    },
    [dispatch, store],
  );
  useEffect(() => {
    const index = deletedAt.current;
    if (index === null) return;
    deletedAt.current = null;
    const buttons = body.current?.querySelectorAll<HTMLButtonElement>('button[data-delete-pod]') ?? [];
    // Only a screenful of rows is rendered: count from the first one shown.
    const first = virtual.getVirtualItems()[0]?.index ?? 0;
    (buttons[Math.max(0, Math.min(index - first, buttons.length - 1))] ?? heading.current)?.focus();
    // virtual: read at the time of the change only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pods]);
  return (
    <section aria-labelledby="pods-heading" className="min-w-0">
      <h2
        id="pods-heading"
        ref={heading}
        tabIndex={-1}
        className="mb-2 text-sm font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-300"
      >
        Pods <span className="font-normal">({pods.length})</span>
      </h2>
      {pods.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">
          No pods yet. Schedule one to see the CNI plugin give it an IP.
        </p>
      ) : null}
      <div
        ref={scroller}
        className="max-h-72 overflow-auto rounded border border-slate-200 dark:border-slate-700"
      >
        <table
          aria-label="Pods"
          aria-rowcount={pods.length + 1}
          className="w-full border-collapse text-left font-mono text-xs"
        >
          <thead className="sticky top-0 z-10 bg-slate-100 dark:bg-slate-800">
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
              <th scope="col" className="sticky right-0 bg-slate-100 px-2 py-1 dark:bg-slate-800">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody ref={body}>
            {before > 0 ? (
              <tr aria-hidden="true" style={{ height: before }}>
                <td colSpan={6} />
              </tr>
            ) : null}
            {items.map((item) => {
              const p = pods[item.index]!;
              return (
                <PodRow
                  key={p.key}
                  podKey={p.key}
                  name={p.name}
                  namespace={p.namespace}
                  status={p.phase === 'Running' ? 'Running' : `Pending${p.reason ? ` (${p.reason})` : ''}`}
                  message={p.message}
                  ip={p.ip}
                  hostNetwork={p.hostNetwork === true}
                  node={p.node}
                  selected={selection?.kind === 'pod' && selection.key === p.key}
                  select={select}
                  remove={remove}
                />
              );
            })}
            {after > 0 ? (
              <tr aria-hidden="true" style={{ height: after }}>
                <td colSpan={6} />
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </section>
  );
}
