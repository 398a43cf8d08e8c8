/**
 * Seeded fuzzing of the runner and the engine (`npm run fuzz` runs the same properties with
 * many more cases). A seed that ever failed is pinned below as a named regression test.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runText } from './main.ts';
import { checkEngineOn, engineProperty, longEngineProperty, runnerProperty } from './fuzz-check.ts';

const SEED = 20261202;

describe('fuzzed runner', () => {
  it('any file text: exit 0 or 1, never a stack trace (300 cases)', () => {
    fc.assert(runnerProperty, { seed: SEED, numRuns: 300 });
  });

  it('any commands on any cluster: failed actions change nothing, invariants hold (200 cases)', () => {
    fc.assert(engineProperty, { seed: SEED, numRuns: 200 });
  });

  it('thousands of actions in random order keep the invariants (2 cases)', () => {
    // No shrinking of thousands of actions: the seed and path reproduce a failure exactly.
    fc.assert(longEngineProperty, { seed: SEED, numRuns: 2, endOnFailure: true });
  });
});

describe('pinned fuzz regressions', () => {
  it('addNode "constructor" (copyHostStores read Object.prototype.constructor as a node)', () => {
    checkEngineOn({ network: { plugin: 'flannel' }, nodes: [{ name: 'node-1' }] }, [
      { type: 'addNode', name: 'constructor' },
    ]);
  });

  it('Weave: removeNode, then addNode "constructor" (list.slice is not a function)', () => {
    checkEngineOn({ network: { plugin: 'weave' }, nodes: [{ name: 'node-1' }, { name: 'node-2' }] }, [
      { type: 'removeNode', name: 'node-2' },
      { type: 'addNode', name: 'constructor' },
      { type: 'schedulePod', name: 'a', node: 'constructor' },
    ]);
  });

  it('an unknown top-level key is refused, not ignored (exit 1 naming it)', () => {
    let err = '';
    const code = runText(
      'f.json',
      '{"cluster":{},"action":[]}',
      true,
      () => {},
      (s) => (err += s),
    );
    expect(code).toBe(1);
    expect(err).toBe('f.json: action: unknown field; did you mean "actions"?');
  });

  it('seed 20261202, long run: deleting tunl0 (Calico) or weave left routes through the missing link', () => {
    checkEngineOn(
      {
        network: { plugin: 'calico', mode: 'ipip' },
        nodes: [{ name: 'node-1' }, { name: 'node-2' }],
        pods: [{ name: 'a' }, { name: 'b' }],
      },
      [
        { type: 'deleteInterface', node: 'node-2', name: 'tunl0' },
        { type: 'trace', from: 'a', to: 'b', protocol: 'icmp' },
      ],
    );
    checkEngineOn(
      {
        network: { plugin: 'weave' },
        nodes: [{ name: 'node-1' }, { name: 'constructor' }],
        pods: [{ name: 'a' }],
      },
      [
        { type: 'deleteInterface', node: 'constructor', name: 'weave' },
        { type: 'schedulePod', name: 'b', node: 'constructor' },
      ],
    );
  });
});
