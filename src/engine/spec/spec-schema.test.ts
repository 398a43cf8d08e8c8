import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlainBulkCommand, parseCommandFully, parseCommands } from './spec-schema.ts';

describe('the bulk fast path of command validation', () => {
  it('accepts only what the full check accepts, unchanged (property)', () => {
    let accepted = 0;
    const name = fc.oneof(
      fc.constantFrom('node-1', 'a.b', 'constructor', 'x'),
      fc.constantFrom('Bad', '-x', '', 7, null, undefined),
    );
    const shape = fc.record(
      {
        type: fc.constantFrom('schedulePod', 'addNode', 'removeNode', 'nope'),
        name,
        node: name,
        ip: fc.constantFrom('192.168.56.20', 5, undefined),
      },
      { requiredKeys: ['type'] },
    );
    fc.assert(
      fc.property(shape, (o) => {
        const full = parseCommandFully(o);
        if (isPlainBulkCommand(o)) {
          expect(full.ok).toBe(true);
          if (full.ok) expect(full.value).toEqual(o);
          accepted++;
        }
      }),
      { numRuns: 3000, seed: 17 },
    );
    // The fast path was taken often enough for the comparison to mean something.
    expect(accepted).toBeGreaterThan(10);
  });
  it('still names the path of a bad bulk-looking action', () => {
    const r = parseCommands([
      { type: 'schedulePod', name: 'ok' },
      { type: 'schedulePod', name: 'Bad' },
    ]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]?.path).toBe('actions[1].name');
  });
});
