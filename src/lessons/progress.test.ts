import { describe, expect, it } from 'vitest';
import {
  createEmptyProgress,
  exportProgress,
  importProgress,
  mergeProgress,
  parseProgress,
  recordAnswer,
  recordStep,
  type Progress,
} from './progress.ts';

const saved: Progress = {
  version: 1,
  lessons: {
    'ip-per-pod': { step: 3, completed: ['intro', 'schedule-web'], answers: { 'quiz-1': ['b'] } },
    'flannel-vxlan': { step: 0, completed: [] },
  },
};

describe('parseProgress', () => {
  it('reads version 1 unchanged', () => {
    expect(parseProgress(saved)).toEqual({ progress: saved, dropped: [] });
  });

  it('keeps valid lessons and drops corrupted ones, saying which', () => {
    const corrupted = {
      version: 1,
      lessons: {
        ...saved.lessons,
        broken: { step: 'x', completed: [] },
        'Not An Id': { step: 1, completed: [] },
        other: 'zzz',
      },
    };
    const { progress, dropped } = parseProgress(corrupted);
    expect(progress.lessons).toEqual(saved.lessons);
    expect(dropped).toEqual([
      'lesson "broken": unreadable step',
      '"Not An Id": not a lesson id',
      'lesson "other": unreadable entry',
    ]);
  });

  it('migrates version 0 ({ lessonId: stepIndex })', () => {
    expect(parseProgress({ 'ip-per-pod': 2, calico: -1, weave: 'x' })).toEqual({
      progress: { version: 1, lessons: { 'ip-per-pod': { step: 2, completed: [] } } },
      dropped: ['lesson "calico": the step is not a number', 'lesson "weave": the step is not a number'],
    });
  });

  it('never fails on junk, and does not pollute prototypes', () => {
    expect(parseProgress(null)).toEqual({ progress: createEmptyProgress(), dropped: [] });
    expect(parseProgress('oops').dropped).toEqual(['the saved progress is not an object']);
    expect(parseProgress({ version: 9, lessons: {} }).dropped[0]).toContain('newer version');
    expect(parseProgress({ version: 1, lessons: [] }).dropped[0]).toContain('"lessons" is not an object');
    const polluted = parseProgress(
      JSON.parse('{"version":1,"lessons":{"__proto__":{"step":1,"completed":[]}}}'),
    );
    expect(polluted.dropped).toEqual(['"__proto__": not a lesson id']);
    expect(({} as Record<string, unknown>)['step']).toBeUndefined();
  });
});

describe('export and import', () => {
  it('round-trips', () => {
    const text = exportProgress(saved);
    expect(importProgress(text)).toEqual({ ok: true, progress: saved, dropped: [] });
  });

  it('fails clearly on text that is not JSON', () => {
    expect(importProgress('{nope')).toEqual({
      ok: false,
      message: expect.stringContaining('the progress file is not valid JSON'),
    });
  });

  it('merges imported progress into the current one', () => {
    const other: Progress = {
      version: 1,
      lessons: {
        'ip-per-pod': { step: 1, completed: ['intro', 'quiz-1'] },
        calico: { step: 2, completed: ['a'] },
      },
    };
    const merged = mergeProgress(saved, other);
    expect(merged.lessons['ip-per-pod']).toEqual({
      step: 3,
      completed: ['intro', 'schedule-web', 'quiz-1'],
      answers: { 'quiz-1': ['b'] },
    });
    expect(merged.lessons['calico']).toEqual({ step: 2, completed: ['a'] });
  });
});

describe('recording', () => {
  it('returns the same object when nothing changed', () => {
    expect(recordStep(saved, 'ip-per-pod', 3, 'intro')).toBe(saved);
    expect(recordAnswer(saved, 'ip-per-pod', 'quiz-1', ['b'])).toBe(saved);
  });

  it('records steps and answers immutably', () => {
    const next = recordStep(saved, 'ip-per-pod', 4, 'trace-it');
    expect(next.lessons['ip-per-pod']).toEqual({
      step: 4,
      completed: ['intro', 'schedule-web', 'trace-it'],
      answers: { 'quiz-1': ['b'] },
    });
    expect(saved.lessons['ip-per-pod']?.completed).toHaveLength(2);
    expect(recordStep(createEmptyProgress(), 'new-one', 0).lessons['new-one']).toEqual({
      step: 0,
      completed: [],
    });
    expect(recordAnswer(saved, 'calico', 'q', ['a', 'c']).lessons['calico']).toEqual({
      step: 0,
      completed: [],
      answers: { q: ['a', 'c'] },
    });
  });
});
