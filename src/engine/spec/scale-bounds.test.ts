/**
 * Work that must not grow with what is unrelated to it: kubelet's retry only touches pods a
 * command could unblock, and a Calico node joins without walking the pool. Generous time
 * limits, far below the quadratic figures they guard against (20,000 mixed actions took 61 s
 * when every command retried every pending pod; a Calico node cost 33 ms at 1,000 nodes).
 */
import { describe, expect, it } from 'vitest';
import { applyCommands, createCluster, type Command } from '../index.ts';
import { RandomSource } from '../util/prng.ts';

describe('scale bounds', () => {
  it('20,000 mixed actions with hundreds of pods waiting for an address run in seconds', () => {
    // /27 node blocks: 29 pods per node; 40 nodes hold 1,160, the rest wait.
    const r = createCluster({
      clusterCIDR: '10.9.0.0/21',
      nodeCIDRMaskSize: 27,
      underlayCIDR: '10.200.0.0/16',
      network: { plugin: 'flannel' },
      nodes: Array.from({ length: 40 }, (_, i) => ({ name: `n${i}` })),
    });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const rng = new RandomSource(7);
    const actions: Command[] = [];
    let next = 0;
    for (let i = 0; i < 20_000; i++) {
      const roll = rng.u32() % 10;
      if (roll < 6) actions.push({ type: 'schedulePod', name: `p${next++}`, node: `n${rng.u32() % 40}` });
      else if (roll < 9) actions.push({ type: 'deletePod', name: `p${rng.u32() % Math.max(1, next)}` });
      else
        actions.push({
          type: 'trace',
          from: `pod/p${rng.u32() % Math.max(1, next)}`,
          to: 'n0',
          protocol: 'icmp',
        });
    }
    const started = performance.now();
    const { state, results } = applyCommands(r.state, actions);
    const ms = performance.now() - started;
    expect(results).toHaveLength(20_000);
    expect(state.pending.length).toBeGreaterThan(100);
    expect(ms).toBeLessThan(10_000);
  });

  it('a Calico node joins in about the same time at 4,000 nodes as at 1,000', () => {
    const join = (nodes: number): number => {
      const r = createCluster({
        underlayCIDR: '10.200.0.0/16',
        network: { plugin: 'calico' },
        nodes: Array.from({ length: nodes }, (_, i) => ({ name: `n${i}` })),
      });
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      const adds: Command[] = Array.from({ length: 1000 }, (_, i) => ({
        type: 'addNode',
        name: `extra${i}`,
      }));
      const started = performance.now();
      const { results } = applyCommands(r.state, adds);
      const ms = performance.now() - started;
      expect(results.every((x) => x.ok)).toBe(true);
      return ms / 1000;
    };
    join(1000);
    const small = Math.min(join(1000), join(1000));
    const large = Math.min(join(4000), join(4000));
    // Walking the pool per claim would make this about 4; a constant-time claim, about 1.
    console.log(
      `Calico join: ${small.toFixed(4)} ms per node at 1,000 nodes, ${large.toFixed(4)} ms at 4,000 (ratio ${(large / small).toFixed(2)})`,
    );
    expect(large / small).toBeLessThan(2.5);
  });
});
