/**
 * A pod with several host-local range sets holds one address per set. Linux answers ARP and
 * echo on each, and picks the source of a packet by the route to its destination (the
 * connected route's `src`), so a trace to a further address reaches the pod, its packets
 * carry the addresses of that subnet, and the neighbours learned name them.
 */
import { describe, expect, it } from 'vitest';
import { applyCommands, createCluster, parseClusterSpec, podTables, type ClusterState } from '../index.ts';

function cluster(): ClusterState {
  const spec = parseClusterSpec(
    {
      network: { plugin: 'bridge', isGateway: false, ipMasq: false },
      nodes: [
        {
          name: 'node-1',
          ipam: {
            ranges: [[{ rangeStart: '10.244.0.20', rangeEnd: '10.244.0.29' }], [{ subnet: '172.30.1.0/28' }]],
          },
        },
      ],
      pods: [
        { name: 'a', node: 'node-1' },
        { name: 'b', node: 'node-1' },
      ],
    },
    'cluster',
  );
  if (!spec.ok) throw new Error(JSON.stringify(spec.problems));
  const c = createCluster(spec.value, 4);
  if (!c.ok) throw new Error(JSON.stringify(c.problems));
  return c.state;
}

describe('a trace to a pod address of a further range set', () => {
  it('is delivered to the pod that holds it, from the address on that subnet', () => {
    const r = applyCommands(cluster(), [
      { type: 'trace', from: 'pod/b', to: '172.30.1.2', protocol: 'icmp' },
    ]);
    const res = r.results[0];
    expect(res?.ok).toBe(true);
    const t = res !== undefined && res.ok && 'trace' in res ? res.trace : undefined;
    expect(t?.delivered).toBe(true);
    expect(t?.reply?.delivered).toBe(true);
    const first = t?.hops[0]?.packet.ip;
    expect(first).toMatchObject({ src: '172.30.1.3', dst: '172.30.1.2' });
    expect(t?.hops.at(-1)?.note).toContain('delivered to default/a (172.30.1.2)');
    // What the two kernels learned names the addresses on 172.30.1.0/28.
    expect(podTables(r.state, 'default/b')?.ipNeigh.map((n) => n.split(' lladdr')[0])).toEqual([
      '172.30.1.2 dev eth0',
    ]);
    expect(podTables(r.state, 'default/a')?.ipNeigh.map((n) => n.split(' lladdr')[0])).toEqual([
      '172.30.1.3 dev eth0',
    ]);
  });

  it('to the first address still uses the first address as its source', () => {
    const r = applyCommands(cluster(), [{ type: 'trace', from: 'pod/b', to: 'a', protocol: 'icmp' }]);
    const res = r.results[0];
    const t = res !== undefined && res.ok && 'trace' in res ? res.trace : undefined;
    expect(t?.hops[0]?.packet.ip).toMatchObject({ src: '10.244.0.21', dst: '10.244.0.20' });
  });

  it('deleting the pod forgets what its neighbours learned about its further address', () => {
    const r = applyCommands(cluster(), [
      { type: 'trace', from: 'pod/b', to: '172.30.1.2', protocol: 'icmp' },
      { type: 'deletePod', name: 'a' },
    ]);
    expect(podTables(r.state, 'default/b')?.ipNeigh).toEqual([]);
  });
});
