/**
 * The store never crashes on input: the runner's fuzz generators feed it random commands,
 * undos, resets, cluster loads and traces (seeded). After every step the cluster keeps the
 * engine's invariants, a failed command changes nothing, and undo returns the earlier state.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command, TraceRequest } from '../engine/index.ts';
import { brokenInvariants } from '../cli/engine-invariants.ts';
import { anyCommandArb, clusterArb, commandArb } from '../cli/scenario-arbitrary.ts';
import { createLabStore } from './lab-store.ts';

type Step =
  | { kind: 'dispatch'; command: unknown }
  | { kind: 'undo' }
  | { kind: 'reset' }
  | { kind: 'load'; cluster: unknown; seed: number }
  | { kind: 'trace'; command: unknown }
  | { kind: 'select'; name: string };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 10, arbitrary: anyCommandArb.map((command) => ({ kind: 'dispatch' as const, command })) },
  { weight: 3, arbitrary: fc.constant({ kind: 'undo' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reset' as const }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(clusterArb, fc.nat())
      .map(([cluster, seed]) => ({ kind: 'load' as const, cluster, seed })),
  },
  {
    weight: 2,
    arbitrary: commandArb
      .filter((c) => c['type'] === 'trace')
      .map((command) => ({ kind: 'trace' as const, command })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('constructor', '__proto__', 'node-1')
      .map((name) => ({ kind: 'select' as const, name })),
  },
);

describe('lab store under random input', () => {
  it('dispatch, undo, reset, load and trace never throw and keep the invariants (150 cases)', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 25 }), (steps) => {
        const store = createLabStore();
        for (const step of steps) {
          const s = store.getState();
          const before = s.cluster;
          switch (step.kind) {
            case 'dispatch': {
              const result = s.dispatch(step.command as Command);
              if (!result.ok) expect(store.getState().cluster).toBe(before);
              break;
            }
            case 'undo': {
              const past = s.past;
              s.undo();
              if (past.length > 0) expect(store.getState().cluster).toBe(past[past.length - 1]);
              break;
            }
            case 'reset':
              s.reset();
              break;
            case 'load': {
              const loaded = s.loadCluster(step.cluster, step.seed);
              if (!loaded.ok) expect(store.getState().cluster).toBe(before);
              break;
            }
            case 'trace':
              s.runTrace(step.command as unknown as TraceRequest);
              s.play();
              s.stepForward();
              s.stepBack();
              break;
            case 'select':
              s.select({ kind: 'node', name: step.name });
              break;
          }
          expect(brokenInvariants(store.getState().cluster)).toEqual([]);
        }
      }),
      { seed: 20261202, numRuns: 150 },
    );
  });
});
