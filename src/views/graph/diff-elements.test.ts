import { describe, expect, it } from 'vitest';
import { diffElements } from './diff-elements.ts';

const pod = (id: string, x: number, label = id, classes = 'pod') => ({
  group: 'nodes' as const,
  data: { id, label, parent: 'node:n1' },
  position: { x, y: 0 },
  classes,
});

describe('diffElements', () => {
  it('adds, removes, and reports only what changed in an element', () => {
    const before = [pod('a', 0), pod('b', 10), pod('c', 20)];
    const after = [pod('a', 0), pod('b', 15), pod('c', 20, 'c2', 'pod phase-running'), pod('d', 30)];
    const diff = diffElements(before, after);
    expect(diff.add.map((e) => e.data.id)).toEqual(['d']);
    expect(diff.remove).toEqual([]);
    expect(diff.update.map((u) => [u.element.data.id, u.data, u.position, u.classes])).toEqual([
      ['b', false, true, false],
      ['c', true, false, true],
    ]);
    expect(diffElements(after, [pod('a', 0)]).remove).toEqual(['b', 'c', 'd']);
  });

  it('re-adds an element whose parent changed (Cytoscape cannot move it between parents)', () => {
    const moved = { ...pod('a', 0), data: { id: 'a', label: 'a', parent: 'node:n2' } };
    const diff = diffElements([pod('a', 0)], [moved]);
    expect(diff.remove).toEqual(['a']);
    expect(diff.add).toEqual([moved]);
  });
});
