import { describe, expect, it } from 'vitest';
import { assignSlots } from './slots.ts';

describe('assignSlots keeps the drawing stable', () => {
  it('gives new pods the lowest free slot per node and keeps existing slots', () => {
    const a = assignSlots(new Map(), [
      { key: 'a', node: 'n1' },
      { key: 'b', node: 'n1' },
      { key: 'c', node: 'n2' },
    ]);
    expect([...a]).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 0],
    ]);
    const b = assignSlots(a, [
      { key: 'b', node: 'n1' },
      { key: 'c', node: 'n2' },
      { key: 'd', node: 'n1' },
    ]);
    expect(b.get('b')).toBe(1);
    expect(b.get('d')).toBe(0);
  });

  it('returns the same map when nothing changed, and ignores unscheduled pods', () => {
    const a = assignSlots(new Map(), [
      { key: 'a', node: 'n1' },
      { key: 'p', node: null },
    ]);
    expect(
      assignSlots(a, [
        { key: 'a', node: 'n1' },
        { key: 'p', node: null },
      ]),
    ).toBe(a);
  });
});
