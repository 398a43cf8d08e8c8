/** The Weave data plane in a cluster: the initial consensus ring (G.2) and device MACs. */
import { describe, expect, it } from 'vitest';
import { WEAVE_IPAM_KEY, weaveIpamOf } from '../cni/weave-net.ts';
import { weaveAllocateIn } from './weave-ipam.ts';
import { applyCommands, createCluster } from '../index.ts';
import { formatCidr } from '../net/ipv4.ts';
import { nodeTables } from '../kernel/node-tables.ts';
import type { ClusterState } from '../state/types.ts';
import type { WeaveMode } from './weave.ts';

function weaveCluster(nodes: number, encapsulation: WeaveMode = 'fastdp', seed = 1): ClusterState {
  const r = createCluster(
    {
      network: { plugin: 'weave', encapsulation },
      nodes: Array.from({ length: nodes }, (_, i) => ({ name: `node-${i + 1}` })),
    },
    seed,
  );
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.state;
}

function ring(state: ClusterState): string[] {
  return (weaveIpamOf(state.clusterData)?.ranges ?? []).map((r) => `${r.peer} ${formatCidr(r.cidr)}`);
}

describe('weave ring in a cluster', () => {
  it('a batch of pods leaves the state it started from unchanged, and replays to the same state', () => {
    const created = createCluster({ network: { plugin: 'weave' } }, 5);
    if (!created.ok) throw new Error('cluster');
    const base = applyCommands(
      created.state,
      ['n1', 'n2', 'n3'].map((name) => ({ type: 'addNode' as const, name })),
    ).state;
    const frozen = JSON.stringify(base);
    const pods = Array.from({ length: 12 }, (_, i) => ({ type: 'schedulePod' as const, name: `p${i}` }));
    const once = applyCommands(base, pods).state;
    expect(JSON.stringify(base)).toBe(frozen);
    expect(JSON.stringify(applyCommands(base, pods).state)).toBe(JSON.stringify(once));
    // One pod per batch gives the same addresses as one batch.
    let stepwise = base;
    for (const p of pods) stepwise = applyCommands(stepwise, [p]).state;
    expect(JSON.stringify(weaveIpamOf(stepwise.clusterData))).toBe(
      JSON.stringify(weaveIpamOf(once.clusterData)),
    );
    // A committed state's clusterData owns nothing: allocating on it copies first.
    const saved = once.clusterData[WEAVE_IPAM_KEY];
    const savedJson = JSON.stringify(saved);
    weaveAllocateIn(once.clusterData, WEAVE_IPAM_KEY, 'n1');
    expect(JSON.stringify(saved)).toBe(savedJson);
  });
  it('the initial peers get the consensus split in node order', () => {
    expect(ring(weaveCluster(3))).toEqual([
      'node-1 10.32.0.0/13',
      'node-2 10.40.0.0/14',
      'node-3 10.44.0.0/14',
    ]);
    expect(ring(weaveCluster(2))).toEqual(['node-1 10.32.0.0/13', 'node-2 10.40.0.0/13']);
    expect(ring(weaveCluster(1))).toEqual(['node-1 10.32.0.0/12']);
  });

  it('each bridge takes the lowest address of its share (weave:expose)', () => {
    const s = weaveCluster(3);
    expect(['node-1', 'node-2', 'node-3'].map((n) => s.nodes[n]?.devices['weave']?.addresses[0])).toEqual([
      '10.32.0.1/12',
      '10.40.0.0/12',
      '10.44.0.0/12',
    ]);
  });

  it('a node added later takes the upper half of the largest share', () => {
    const { state } = applyCommands(weaveCluster(3), [{ type: 'addNode', name: 'node-4' }]);
    expect(ring(state)).toEqual([
      'node-1 10.32.0.0/14',
      'node-4 10.36.0.0/14',
      'node-2 10.40.0.0/14',
      'node-3 10.44.0.0/14',
    ]);
  });

  it('a cluster created empty builds the ring as nodes join', () => {
    const r = createCluster({ network: { plugin: 'weave' } });
    if (!r.ok) throw new Error('cluster');
    const { state } = applyCommands(r.state, [
      { type: 'addNode', name: 'a' },
      { type: 'addNode', name: 'b' },
    ]);
    expect(ring(state)).toEqual(['a 10.32.0.0/13', 'b 10.40.0.0/13']);
  });
});

describe('weave device MACs', () => {
  const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;

  it.each(['fastdp', 'sleeve'] as const)('%s: every weave device has its own MAC in ip addr', (mode) => {
    const t = nodeTables(weaveCluster(2, mode), 'node-1');
    const weave = t?.interfaces.filter(
      (i) => i.name === 'weave' || /^(datapath|vethwe-|vxlan-)/.test(i.name),
    );
    expect(weave?.length).toBe(mode === 'fastdp' ? 5 : 3);
    for (const i of weave ?? []) expect(i.mac).toMatch(MAC);
    expect(new Set(weave?.map((i) => i.mac)).size).toBe(weave?.length);
    expect(t?.ipAddr).not.toContain('link/ether  brd');
  });

  it('comes from the seeded PRNG: the same seed gives the same MACs, another seed others', () => {
    const macs = (seed: number) =>
      nodeTables(weaveCluster(2, 'fastdp', seed), 'node-2')
        ?.interfaces.filter((i) => i.name === 'datapath' || i.name === 'vxlan-6784')
        .map((i) => i.mac);
    expect(macs(7)).toEqual(macs(7));
    expect(macs(7)).not.toEqual(macs(8));
  });
});
