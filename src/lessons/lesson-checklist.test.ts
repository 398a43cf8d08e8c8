import { describe, expect, it } from 'vitest';
import { lessonChecklist } from './lesson-checklist.ts';

describe('lessonChecklist', () => {
  it('lists what a new lesson lacks', () => {
    const items = lessonChecklist({
      steps: [
        { type: 'narrative', id: 'intro', body: 'x' },
        { type: 'task', id: 'do-it', body: 'y', goal: { type: 'podRunning', pod: 'a' } },
      ],
      solution: [],
    });
    expect(items.filter((i) => !i.done).map((i) => [i.label, i.detail])).toEqual([
      ['A hint for every task', 'no hint: do-it'],
      ['A solution that meets the goals', 'record it in the sandbox, or list the actions under "solution"'],
      ['A quiz or a prediction', 'add a step of type "quiz" or "predict" to check understanding'],
    ]);
  });

  it('is all done for a complete lesson, and survives junk', () => {
    const items = lessonChecklist({
      steps: [
        { type: 'task', id: 't', body: 'y', hints: ['h'], goal: {} },
        { type: 'quiz', id: 'q', body: 'z' },
      ],
      solution: [{ type: 'trace' }],
    });
    expect(items.every((i) => i.done)).toBe(true);
    expect(lessonChecklist(null)).toEqual([{ label: 'The file holds a lesson object', done: false }]);
    expect(lessonChecklist({ steps: 'x' }).some((i) => i.done)).toBe(false);
  });
});
