/** The terminal with `hostNetwork: true` pods: the node's namespace, the node's IP. */
import { describe, expect, it } from 'vitest';
import { createCluster, type ClusterState } from '../engine/index.ts';
import { netnsOf } from './netns.ts';
import { hopPlace } from './ping.ts';
import type { Ctx } from './program.ts';
import { terminal } from './test-cluster.ts';
import type { Place } from './types.ts';

/** flannel: pod a on node-1; two hostNetwork pods on node-2 (a node exporter and a DNS agent). */
function cluster(): ClusterState {
  const c = createCluster(
    {
      network: { plugin: 'flannel' },
      nodes: [{ name: 'node-1' }, { name: 'node-2' }],
      pods: [
        { name: 'a', node: 'node-1' },
        {
          name: 'agent',
          node: 'node-2',
          hostNetwork: true,
          containers: [{ name: 'exporter', image: 'prom/node-exporter', ports: [{ containerPort: 9100 }] }],
        },
        {
          name: 'dns',
          node: 'node-2',
          hostNetwork: true,
          containers: [{ name: 'dns', ports: [{ containerPort: 53, protocol: 'UDP' }] }],
        },
      ],
    },
    1,
  );
  if (!c.ok) throw new Error(c.problems.map((p) => p.message).join('; '));
  return c.state;
}

describe('kubectl with hostNetwork pods', () => {
  it('get pods -o wide shows the node IP, shared by both hostNetwork pods', () => {
    const out = terminal(cluster()).type('kubectl get pods -o wide');
    expect(out).toMatch(/^a +1\/1 +Running .* 10\.244\.0\.2 +node-1 /m);
    expect(out).toMatch(/^agent +1\/1 +Running .* 192\.168\.56\.12 +node-2 /m);
    expect(out).toMatch(/^dns +1\/1 +Running .* 192\.168\.56\.12 +node-2 /m);
  });

  it('-o yaml shows hostNetwork: true, the defaulted hostPort and the node IP as podIP', () => {
    const out = terminal(cluster()).type('kubectl get pod agent -o yaml');
    expect(out).toContain('  hostNetwork: true\n');
    expect(out).toContain('    - containerPort: 9100\n      hostPort: 9100\n      protocol: TCP\n');
    expect(out).toContain('  hostIP: 192.168.56.12\n');
    expect(out).toContain('  podIP: 192.168.56.12\n  podIPs:\n  - ip: 192.168.56.12\n');
    // A pod-network pod has neither.
    const plain = terminal(cluster()).type('kubectl get pod a -o yaml');
    expect(plain).not.toContain('hostNetwork');
    expect(plain).not.toContain('hostPort');
  });

  it('describe shows the node IP and the host port, as kubectl describe prints them', () => {
    const out = terminal(cluster()).type('kubectl describe pod agent');
    expect(out).toContain('\nIP:               192.168.56.12\nIPs:\n  IP:  192.168.56.12\n');
    expect(out).toContain('    Port:           9100/TCP\n    Host Port:      9100/TCP\n');
    expect(terminal(cluster()).type('kubectl describe pod a')).toContain('    Host Port:      0/TCP\n');
  });
});

describe('kubectl exec into a hostNetwork pod runs in the node namespace', () => {
  it('ip addr and ip route print the node tables, hostname the node name', () => {
    const t = terminal(cluster());
    const onNode = terminal(cluster());
    expect(t.type('kubectl exec agent -- ip addr')).toBe(onNode.type('ssh node-2 ip addr'));
    expect(t.type('kubectl exec agent -- ip addr')).toContain('inet 192.168.56.12/24');
    expect(t.type('kubectl exec agent -- ip route')).toBe(onNode.type('ssh node-2 ip route'));
    expect(t.type('kubectl exec agent -- hostname')).toBe('node-2\n');
    expect(t.type('kubectl exec a -- hostname')).toBe('a\n');
  });

  it('ss lists the node daemons and every hostNetwork pod listener on that node', () => {
    const t = terminal(cluster());
    const tcp = t.type('kubectl exec agent -- ss -lnt');
    expect(tcp).toMatch(/0\.0\.0\.0:22 /);
    expect(tcp).toMatch(/0\.0\.0\.0:9100 /);
    expect(t.type('kubectl exec dns -- ss -lnu')).toMatch(/0\.0\.0\.0:53 /);
    expect(t.type('ssh node-2 ss -lnt')).toMatch(/0\.0\.0\.0:9100 /);
    expect(t.type('ssh node-1 ss -lnt')).not.toMatch(/9100/);
  });

  it('ping runs from the node: it reaches a pod on another node and the trace starts at node-2', () => {
    const t = terminal(cluster());
    const out = t.type('kubectl exec agent -- ping -c 1 10.244.0.2');
    expect(out).toContain('1 packets transmitted, 1 received, 0% packet loss');
    expect(t.traces[0]?.from).toBe('pod/default/agent');
    expect(t.traces[0]?.hops[0]?.where).toBe('node/node-2');
    expect(t.traces[0]?.hops.some((h) => h.where.startsWith('pod/agent'))).toBe(false);
  });

  it('ping from it fails as the node fails: the bridge plugin leaves no route to the other node pods', () => {
    // The bridge plugin programs no routes between nodes: node-2 has no route to node-1's pods.
    const c = createCluster(
      {
        nodes: [{ name: 'node-1' }, { name: 'node-2' }],
        pods: [
          { name: 'a', node: 'node-1' },
          { name: 'agent', node: 'node-2', hostNetwork: true },
        ],
      },
      1,
    );
    if (!c.ok) throw new Error('cluster');
    const ip = c.state.pods['default/a']?.ip ?? '';
    const fromPod = terminal(c.state).type(`kubectl exec agent -- ping -c 1 ${ip}`);
    const fromNode = terminal(c.state).type(`ssh node-2 ping -c 1 ${ip}`);
    expect(fromNode).toContain('From 192.168.56.1 icmp_seq=1 Destination Net Unreachable');
    expect(fromPod).toBe(`${fromNode}command terminated with exit code 1\n`);
  });

  it('names its place as the tracer names the hops from it (node/NAME), for drops at the sender', () => {
    const state = cluster();
    const at = (place: Place): string | null => hopPlace({ place, netns: netnsOf(state, place) } as Ctx);
    expect(at({ kind: 'pod', pod: 'default/agent', container: 'exporter' })).toBe('node/node-2');
    expect(at({ kind: 'pod', pod: 'default/a', container: 'app' })).toBe('pod/a');
  });

  it('a container without NET_ADMIN still cannot change the node routes', () => {
    const t = terminal(cluster());
    const before = t.host.cluster();
    expect(t.type('kubectl exec agent -- ip route add 10.9.0.0/24 via 192.168.56.11')).toContain(
      'RTNETLINK answers: Operation not permitted',
    );
    expect(t.host.cluster()).toBe(before);
  });
});

describe('kubectl apply of a hostNetwork Pod', () => {
  const manifest = (hostPort?: number): string => `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: exporter
spec:
  hostNetwork: true
  nodeName: node-1
  containers:
  - name: exporter
    image: prom/node-exporter
    ports:
    - containerPort: 9100${hostPort !== undefined ? `\n      hostPort: ${hostPort}` : ''}
EOF`;

  it('creates it with the node IP, then finds the same manifest unchanged', () => {
    const t = terminal(cluster());
    expect(t.type(manifest())).toBe('pod/exporter created\n');
    expect(t.host.cluster().pods['default/exporter']).toMatchObject({
      hostNetwork: true,
      phase: 'Running',
      ip: '192.168.56.11',
    });
    expect(t.type(manifest())).toBe('pod/exporter unchanged\n');
    expect(t.type(manifest(9100))).toBe('pod/exporter unchanged\n');
  });

  it('refuses a hostPort other than the containerPort as the API server does', () => {
    const t = terminal(cluster());
    expect(t.type(manifest(8080))).toBe(
      'The Pod "exporter" is invalid: spec.containers[0].ports[0].hostPort: Invalid value: 8080: must match `containerPort` when `hostNetwork` is true\n',
    );
    expect(t.host.cluster().pods['default/exporter']).toBeUndefined();
  });
});
