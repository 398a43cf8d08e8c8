import { describe, expect, it } from 'vitest';
import { markedElements } from './marks.ts';

describe('markedElements', () => {
  const drawn = new Set(['node:node-1', 'pod:default/web', 'pod:prod/api', 'dev:node-1:cni0']);
  const isDrawn = (id: string) => drawn.has(id);

  it('resolves highlight and goal references to drawn ids, pods in default when no namespace', () => {
    const marks = markedElements(
      ['node/node-1', 'pod/web'],
      { goal: ['pod/prod/api', 'device/node-1/cni0'], met: ['pod/web'] },
      isDrawn,
    );
    expect(Object.fromEntries([...marks].map(([id, s]) => [id, [...s]]))).toEqual({
      'node:node-1': ['highlight'],
      'pod:default/web': ['highlight', 'goal-met'],
      'pod:prod/api': ['goal'],
      'dev:node-1:cni0': ['goal'],
    });
  });

  it('leaves out references to nothing drawn', () => {
    expect(markedElements(['node/gone', 'pod/none'], { goal: ['device/x/y'], met: [] }, isDrawn).size).toBe(
      0,
    );
  });
});
