import { own } from '../../engine/util/dict.ts';
import { lazy, Suspense, useMemo } from 'react';
import { cniExchangeForPod, nodeTables, podTables } from '../../engine/index.ts';
import { useLab } from '../../store/useLab.ts';
import { Tabs } from '../shared/Tabs.tsx';
import { AddRouteForm } from './AddRouteForm.tsx';
import { CniReplay } from './CniReplay.tsx';
import { CodeBlock } from './CodeBlock.tsx';

const NodeEvents = lazy(() => import('./NodeEvents.tsx'));

function NodeDetails({ name }: { name: string }) {
  const cluster = useLab((s) => s.cluster);
  const t = useMemo(() => nodeTables(cluster, name), [cluster, name]);
  if (!t) return <p className="mt-2 text-sm">Node {name} is no longer in the cluster.</p>;
  const cni = t.files.filter((f) => f.path.startsWith('/etc/cni/'));
  const other = t.files.filter((f) => !f.path.startsWith('/etc/cni/'));
  return (
    <Tabs
      label={`Node ${name}`}
      tabs={[
        {
          id: 'route',
          label: 'ip route',
          render: () => (
            <>
              <CodeBlock title="$ ip route" lines={t.ipRoute} />
              <AddRouteForm node={name} />
            </>
          ),
        },
        { id: 'addr', label: 'ip addr', render: () => <CodeBlock title="$ ip addr" lines={t.ipAddr} /> },
        { id: 'neigh', label: 'ip neigh', render: () => <CodeBlock title="$ ip neigh" lines={t.ipNeigh} /> },
        {
          id: 'fdb',
          label: 'bridge fdb',
          render: () => <CodeBlock title="$ bridge fdb" lines={t.bridgeFdb} />,
        },
        {
          id: 'nat',
          label: 'iptables',
          render: () => <CodeBlock title="$ iptables -t nat -S" lines={t.iptablesNat} />,
        },
        {
          id: 'cni',
          label: 'CNI config',
          render: () =>
            cni.length ? (
              cni.map((f) => <CodeBlock key={f.path} title={`$ cat ${f.path}`} lines={f.content} />)
            ) : (
              <p className="text-sm">No CNI configuration on this node.</p>
            ),
        },
        {
          id: 'files',
          label: 'files',
          render: () =>
            other.length ? (
              other.map((f) => (
                <CodeBlock
                  key={f.path}
                  title={`$ cat ${f.path}`}
                  lines={f.content === '' ? '(empty file)' : f.content.replace(/\r\n/g, '\\r\\n\n')}
                />
              ))
            ) : (
              <p className="text-sm">
                No plugin state files yet: they appear when the first pod is networked.
              </p>
            ),
        },
        {
          id: 'events',
          label: 'Events',
          render: () => (
            <Suspense fallback={<p className="text-sm">Loading the events…</p>}>
              <NodeEvents name={name} />
            </Suspense>
          ),
        },
      ]}
    />
  );
}

/** Picks this pod as the next trace's source or destination: choosing endpoints by clicking. */
function TraceEndButtons({ podKey, name }: { podKey: string; name: string }) {
  const setTraceEnd = useLab((s) => s.setTraceEnd);
  const ends = useLab((s) => s.traceEnds);
  const button = 'rounded border border-slate-300 px-2 py-0.5 text-xs dark:border-slate-600';
  return (
    <div className="mt-2 flex flex-wrap items-center gap-2">
      <button
        type="button"
        className={button}
        aria-pressed={ends.from === `pod/${podKey}`}
        onClick={() => setTraceEnd('from', `pod/${podKey}`)}
      >
        Trace from {name}
      </button>
      <button
        type="button"
        className={button}
        aria-pressed={ends.to === podKey}
        onClick={() => setTraceEnd('to', podKey)}
      >
        Trace to {name}
      </button>
    </div>
  );
}

function PodDetails({ podKey }: { podKey: string }) {
  const cluster = useLab((s) => s.cluster);
  const view = useMemo(() => {
    const pod = own(cluster.pods, podKey);
    return pod
      ? { pod, tables: podTables(cluster, podKey), exchanges: cniExchangeForPod(cluster, podKey) }
      : null;
  }, [cluster, podKey]);
  if (!view) return <p className="mt-2 text-sm">Pod {podKey} is no longer in the cluster.</p>;
  const { pod, tables, exchanges } = view;
  return (
    <>
      <p className="mt-1 text-sm">
        <span className="font-semibold">{pod.phase}</span>
        {pod.reason ? ` (${pod.reason})` : ''}
        {pod.ip ? ` · IP ${pod.ip}` : ''}
        {pod.node ? ` · on ${pod.node}` : ''}
      </p>
      {pod.ip ? <TraceEndButtons podKey={podKey} name={pod.name} /> : null}
      <p className="mt-1 font-mono text-xs">
        labels:{' '}
        {Object.entries(pod.labels)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ') || '(none)'}
      </p>
      {pod.message ? (
        <p className="mt-1 rounded bg-amber-50 px-2 py-1 font-mono text-xs text-amber-950 dark:bg-amber-950 dark:text-amber-50">
          {pod.message}
        </p>
      ) : null}
      <Tabs
        label={`Pod ${pod.name}`}
        tabs={[
          {
            id: 'containers',
            label: 'containers',
            render: () => (
              <div className="text-sm">
                {tables?.hostNetwork ? (
                  <p>
                    hostNetwork: true: the containers run in {pod.node ?? 'the node'}'s own network namespace,
                    so kubelet made no netns and called no CNI plugin; the pod's IP is the node's and its
                    ports are the node's ports.
                  </p>
                ) : (
                  <p>
                    The containers share the pod's network namespace, held by the pause container
                    {tables ? ` (sandbox ${tables.sandbox.containerId.slice(0, 12)})` : ''}: they reach each
                    other on localhost and share one port space.
                  </p>
                )}
                <table className="mt-2 w-full text-left text-xs" aria-label={`Containers of ${pod.name}`}>
                  <thead>
                    <tr>
                      <th scope="col">Container</th>
                      <th scope="col">Image</th>
                      <th scope="col">Listens on</th>
                    </tr>
                  </thead>
                  <tbody className="font-mono">
                    {(
                      tables?.containers ?? pod.containers.map((c) => ({ ...c, listening: [] as string[] }))
                    ).map((c) => (
                      <tr key={c.name}>
                        <td>{c.name}</td>
                        <td>{c.image ?? ''}</td>
                        <td>
                          {c.listening.join(', ') ||
                            (c.ports ?? [])
                              .map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`)
                              .join(', ') ||
                            'nothing'}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ),
          },
          {
            id: 'addr',
            label: 'ip addr',
            render: () =>
              tables ? (
                <CodeBlock title="$ ip addr   (in the pod)" lines={tables.ipAddr} />
              ) : (
                <p className="text-sm">No network namespace yet.</p>
              ),
          },
          {
            id: 'route',
            label: 'ip route',
            render: () =>
              tables ? (
                <CodeBlock title="$ ip route   (in the pod)" lines={tables.ipRoute} />
              ) : (
                <p className="text-sm">No network namespace yet.</p>
              ),
          },
          {
            id: 'cni',
            label: 'CNI ADD',
            render: () =>
              tables?.hostNetwork ? (
                <p className="text-sm">
                  No CNI call: a hostNetwork pod runs in its node's network namespace, which kubelet neither
                  creates nor hands to a CNI plugin.
                </p>
              ) : (
                <CniReplay exchanges={exchanges} />
              ),
          },
        ]}
      />
    </>
  );
}

/** Details of the selected node or pod, printed as Linux and the CNI plugins print them. */
export function Inspector() {
  const selection = useLab((s) => s.selection);
  const select = useLab((s) => s.select);
  if (!selection) {
    return (
      <section aria-label="Inspector" className="text-sm text-slate-600 dark:text-slate-300">
        Select a node or a pod, in the drawing or in the lists, to read its interfaces, routes and CNI files.
      </section>
    );
  }
  const title = selection.kind === 'node' ? `Node ${selection.name}` : `Pod ${selection.key}`;
  return (
    <section aria-labelledby="inspector-heading">
      <div className="flex items-center justify-between">
        <h2 id="inspector-heading" className="text-base font-semibold">
          {title}
        </h2>
        <button type="button" className="text-sm underline" onClick={() => select(null)}>
          Close
        </button>
      </div>
      {selection.kind === 'node' ? (
        <NodeDetails key={selection.name} name={selection.name} />
      ) : (
        <PodDetails key={selection.key} podKey={selection.key} />
      )}
    </section>
  );
}
