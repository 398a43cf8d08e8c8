import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calicoIpamOf } from '../cni/calico.ts';
import { weaveIpamOf } from '../cni/weave-net.ts';
import { formatIp } from '../net/ipv4.ts';
import { applyCommand, applyCommands, createCluster, type ClusterState, type Command } from '../index.ts';
import type { ClusterSpec } from '../state/types.ts';

function cluster(spec: ClusterSpec): ClusterState {
  const r = createCluster(spec, 3);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.state;
}

const running = (s: ClusterState) =>
  s.podOrder.flatMap((k) => {
    const p = s.pods[k];
    return p?.phase === 'Running' ? [p] : [];
  });

/** Every address Calico's IPAM holds belongs to a running pod or a live node's tunnel. */
function calicoLeaks(s: ClusterState): string[] {
  const ipam = calicoIpamOf(s.clusterData);
  if (ipam === null) return [];
  const live = new Set(running(s).map((p) => `k8s-pod-network.${p.sandbox?.containerId ?? ''}`));
  for (const n of s.nodeOrder) live.add(`ipip-tunnel-addr-${n}`);
  const leaks: string[] = [];
  for (const b of Object.values(ipam.blocks))
    for (const h of Object.values(b.allocations)) if (!live.has(h)) leaks.push(h);
  return leaks;
}

/** Every address Weave's IPAM holds is a running pod's or a live node's bridge address. */
function weaveLeaks(s: ClusterState): string[] {
  const ipam = weaveIpamOf(s.clusterData);
  if (ipam === null) return [];
  const live = new Set(running(s).map((p) => p.ip));
  for (const n of s.nodeOrder) live.add(s.nodes[n]?.devices['weave']?.addresses[0]?.split('/')[0] ?? null);
  const leaks: string[] = [];
  for (const [peer, list] of Object.entries(ipam.allocated))
    for (const ip of list) if (!live.has(formatIp(ip))) leaks.push(`${peer} ${formatIp(ip)}`);
  return leaks;
}

/** One cycle: a pod lands on node-2, then node-2 is deleted and joins again. */
function cycles(start: ClusterState, count: number): { state: ClusterState; failedAt: number | null } {
  let s = start;
  for (let i = 0; i < count; i++) {
    const r = applyCommands(s, [
      { type: 'schedulePod', name: `visitor-${i}`, node: 'node-2' },
      { type: 'removeNode', name: 'node-2' },
      { type: 'addNode', name: 'node-2' },
      { type: 'schedulePod', name: `probe-${i}`, node: 'node-2' },
      { type: 'deletePod', name: `probe-${i}` },
    ]);
    s = r.state;
    const probe = r.state.events.find((e) => e.includes(`pod/default/probe-${i}:`));
    if (probe !== undefined || r.results.some((x) => !x.ok)) return { state: s, failedAt: i };
  }
  return { state: s, failedAt: null };
}

describe('addresses come back when a node is deleted', () => {
  it('Calico: a /25 pool does not run out over 40 remove/add cycles with one live pod', () => {
    let s = cluster({
      clusterCIDR: '10.9.0.0/25',
      nodeCIDRMaskSize: 26,
      network: { plugin: 'calico' },
      nodes: [{ name: 'node-1' }, { name: 'node-2' }],
    });
    s = applyCommand(s, { type: 'schedulePod', name: 'live', node: 'node-1' }).state;
    const r = cycles(s, 40);
    expect(r.failedAt).toBeNull();
    expect(calicoLeaks(r.state)).toEqual([]);
    expect(running(r.state).map((p) => p.name)).toEqual(['live']);
  });

  it('Weave: a /27 range does not run out over 40 remove/add cycles with one live pod', () => {
    let s = cluster({
      clusterCIDR: '10.9.0.0/27',
      nodeCIDRMaskSize: 27,
      network: { plugin: 'weave' },
      nodes: [{ name: 'node-1' }, { name: 'node-2' }],
    });
    s = applyCommand(s, { type: 'schedulePod', name: 'live', node: 'node-1' }).state;
    const r = cycles(s, 40);
    expect(r.failedAt).toBeNull();
    expect(weaveLeaks(r.state)).toEqual([]);
  });

  it('the controllers act right after the node is deleted, and say so in events', () => {
    let s = cluster({
      clusterCIDR: '10.9.0.0/24',
      network: { plugin: 'calico' },
      nodes: [{ name: 'node-1' }, { name: 'node-2' }],
    });
    s = applyCommand(s, { type: 'schedulePod', name: 'a', node: 'node-2' }).state;
    s = applyCommand(s, { type: 'removeNode', name: 'node-2' }).state;
    const tail = s.events.slice(-3);
    expect(tail[0]).toMatch(/^Normal PodGC node\/node-2: deleted 1 pod/);
    expect(tail[1]).toMatch(/^Normal RemovingNode node\/node-2/);
    expect(tail[2]).toMatch(
      /^Normal IPAMReleased node\/node-2: calico-kube-controllers released 2 IP address\(es\) of the deleted node \(its pods and tunnel\); block 10\.9\.0\.\d+\/26 back to the pool$/,
    );
    let w = cluster({
      clusterCIDR: '10.32.0.0/12',
      network: { plugin: 'weave' },
      nodes: [{ name: 'node-1' }, { name: 'node-2' }],
    });
    w = applyCommand(w, { type: 'removeNode', name: 'node-2' }).state;
    expect(w.events.at(-1)).toBe(
      'Normal RemovedPeer node/node-2: weave-kube on node-1 ran weave rmpeer: 524288 IPs taken over from node-2',
    );
    // node-1 owns the whole range again, as one range: the next peer to join gets half of it.
    expect(weaveIpamOf(w.clusterData)?.ranges).toEqual([
      { peer: 'node-1', cidr: { net: 0x0a200000, prefix: 12 } },
    ]);
  });

  it('Calico: a block other nodes borrowed from loses its affinity and goes when they free it', () => {
    // One /26 block: node-1 claims it, node-2 can only borrow.
    let s = cluster({
      clusterCIDR: '10.9.0.0/26',
      nodeCIDRMaskSize: 26,
      network: { plugin: 'calico' },
      nodes: [{ name: 'node-1' }, { name: 'node-2' }],
    });
    s = applyCommand(s, { type: 'schedulePod', name: 'b', node: 'node-2' }).state;
    s = applyCommand(s, { type: 'removeNode', name: 'node-1' }).state;
    expect(s.events.at(-1)).toContain('loses its affinity');
    expect(Object.values(calicoIpamOf(s.clusterData)?.blocks ?? {}).map((b) => b.affinity)).toEqual([null]);
    s = applyCommands(s, [
      { type: 'deletePod', name: 'b' },
      { type: 'removeNode', name: 'node-2' },
    ]).state;
    expect(calicoIpamOf(s.clusterData)?.blocks).toEqual({});
    expect(calicoIpamOf(s.clusterData)?.claimOrder).toEqual([]);
  });

  for (const plugin of ['calico', 'weave'] as const) {
    it(`${plugin}: no address is ever held for a pod or node that is gone, and none twice (property)`, () => {
      const nodes = ['n1', 'n2', 'n3'];
      const step: fc.Arbitrary<Command> = fc.oneof(
        fc.record({ type: fc.constant('addNode' as const), name: fc.constantFrom(...nodes) }),
        fc.record({ type: fc.constant('removeNode' as const), name: fc.constantFrom(...nodes) }),
        fc.record({
          type: fc.constant('schedulePod' as const),
          name: fc.integer({ min: 1, max: 40 }).map((i) => `p${i}`),
          node: fc.constantFrom(...nodes),
        }),
        fc.record({
          type: fc.constant('deletePod' as const),
          name: fc.integer({ min: 1, max: 40 }).map((i) => `p${i}`),
        }),
      );
      fc.assert(
        fc.property(fc.array(step, { minLength: 20, maxLength: 120 }), (cmds) => {
          let s = cluster({
            clusterCIDR: plugin === 'calico' ? '10.9.0.0/25' : '10.9.0.0/27',
            nodeCIDRMaskSize: 27,
            network: { plugin },
            nodes: [{ name: 'n1' }, { name: 'n2' }],
          });
          for (const c of cmds) {
            s = applyCommand(s, c).state;
            expect(plugin === 'calico' ? calicoLeaks(s) : weaveLeaks(s)).toEqual([]);
            const ips = running(s).map((p) => p.ip);
            expect(new Set(ips).size).toBe(ips.length);
          }
        }),
        { numRuns: 60 },
      );
    });
  }
});
