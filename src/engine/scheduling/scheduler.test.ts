import { describe, expect, it } from 'vitest';
import { applyCommands, createCluster, listPods, type Command } from '../index.ts';
import fc from 'fast-check';
import { ScheduleIndex } from './scheduler-index.ts';
import { MAX_PODS_PER_NODE, numFeasibleNodesToFind, pickNodeLinear } from './scheduler.ts';

describe('scheduler (percentageOfNodesToScore, nextStartNodeIndex)', () => {
  it.each([
    [3, 3],
    [99, 99],
    [100, 100],
    [200, 100],
    [1000, 420],
    [5000, 500],
    [50000, 2500],
  ])('%i nodes → score %i', (nodes, want) => {
    expect(numFeasibleNodesToFind(nodes)).toBe(want);
  });

  it('scans round-robin from nextStartNodeIndex and picks the fewest pods', () => {
    const nodes = Array.from({ length: 200 }, (_, i) => ({ name: `n${i}` }));
    const r = createCluster({ clusterCIDR: '10.0.0.0/16', underlayCIDR: '172.16.0.0/22', nodes });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const pods: Command[] = ['a', 'b', 'c'].map((name) => ({ type: 'schedulePod', name }));
    const { state } = applyCommands(r.state, pods);
    expect(listPods(state).map((p) => p.node)).toEqual(['n0', 'n100', 'n1']);
    expect(state.scheduler.nextStartNodeIndex).toBe(100);
  });

  it('never exceeds 110 pods per node and reports why nothing fits', () => {
    const r = createCluster({ nodes: [{ name: 'n1' }] });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const pods: Command[] = Array.from({ length: 111 }, (_, i) => ({ type: 'schedulePod', name: `p${i}` }));
    const { results } = applyCommands(r.state, pods);
    expect(results.slice(0, 110).every((x) => x.ok)).toBe(true);
    expect(results[110]).toMatchObject({
      ok: false,
      error: { code: 'no-node-available', message: '0/1 nodes are available: 1 Too many pods.' },
    });
  });
});

describe('ScheduleIndex matches the linear scan', () => {
  it('for random readiness, pod counts, starts and window sizes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 105, max: 112 })), {
          minLength: 1,
          maxLength: 300,
        }),
        fc.nat(),
        fc.integer({ min: 1, max: 320 }),
        (nodes, start, want) => {
          const names = nodes.map((_, i) => `n${i}`);
          const eligible = Uint8Array.from(nodes.map(([e]) => (e ? 1 : 0)));
          const podCount = Int32Array.from(nodes.map(([, c]) => c));
          const cache = { names, eligible, podCount, index: new Map<string, number>(), tree: null };
          const tree = new ScheduleIndex(names, eligible, podCount, MAX_PODS_PER_NODE);
          const s = start % names.length;
          const linear = pickNodeLinear(cache, s, want);
          const fast = tree.pick(s, want);
          expect(
            fast.index < 0
              ? null
              : {
                  node: names[fast.index],
                  index: fast.index,
                  nextStart: (s + fast.processed) % names.length,
                },
          ).toEqual(linear);
        },
      ),
      { numRuns: 400, seed: 5 },
    );
  });
});
