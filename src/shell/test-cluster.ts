/** The two-node flannel VXLAN cluster of the real-output reference, for the shell's tests. */
import { createCluster, type ClusterState } from '../engine/index.ts';
import { createLocalHost, type LocalHost } from './local-host.ts';
import { runLine } from './shell.ts';
import { createSession, type Session } from './types.ts';
import type { TraceResult } from '../engine/index.ts';

/** node-1 192.168.56.11 (10.244.0.0/24) with pod a, node-2 .12 (10.244.1.0/24) with pod b. */
export function referenceCluster(): ClusterState {
  const c = createCluster(
    {
      network: { plugin: 'flannel', backend: 'vxlan' },
      nodes: [{ name: 'node-1' }, { name: 'node-2' }],
      pods: [
        { name: 'a', node: 'node-1' },
        {
          name: 'b',
          node: 'node-2',
          containers: [
            { name: 'web', image: 'nginx', ports: [{ containerPort: 80 }] },
            { name: 'metrics', image: 'prom/statsd-exporter', ports: [{ containerPort: 9102 }] },
          ],
        },
      ],
    },
    1,
  );
  if (!c.ok) throw new Error(c.problems.map((p) => p.message).join('; '));
  return c.state;
}

/** A terminal over a local host: type lines, read what they printed. */
export function terminal(state: ClusterState = referenceCluster()): {
  host: LocalHost;
  traces: TraceResult[];
  type: (line: string) => string;
  session: () => Session;
} {
  const traces: TraceResult[] = [];
  const host = createLocalHost(state, (t) => traces.push(t));
  let session = createSession();
  return {
    host,
    traces,
    type: (line) => {
      const r = runLine(host, session, line);
      session = r.session;
      return r.output;
    },
    session: () => session,
  };
}
