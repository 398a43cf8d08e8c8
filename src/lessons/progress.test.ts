import { describe, expect, it } from 'vitest';
import {
  createEmptyProgress,
  describeImport,
  exportProgress,
  importProgress,
  mergeProgress,
  mergeProgressReport,
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

describe('importProgress and merging', () => {
  it('refuses what is not progress, or is from a newer version, with the reason', () => {
    expect(importProgress('null')).toMatchObject({ ok: false, message: /holds no progress/ });
    expect(importProgress('[1]')).toMatchObject({ ok: false, message: /holds no progress/ });
    expect(importProgress('{"version":2,"lessons":{}}')).toMatchObject({
      ok: false,
      message: /newer version/,
    });
    expect(importProgress('{"version":1,"lessons":5}')).toMatchObject({ ok: false, message: /"lessons"/ });
  });

  it('an imported file of over 1,000 lessons keeps the course lessons it names', () => {
    const lessons: Record<string, unknown> = {};
    for (let i = 0; i < 1005; i++) lessons[`junk-${i}`] = { step: 0, completed: [] };
    lessons['ip-per-pod'] = { step: 2, completed: ['intro'] };
    const r = importProgress(JSON.stringify({ version: 1, lessons }), { keep: new Set(['ip-per-pod']) });
    if (!r.ok) throw new Error(r.message);
    expect(r.progress.lessons['ip-per-pod']).toEqual({ step: 2, completed: ['intro'] });
    expect(r.dropped).toEqual(['5 other lessons: more than 1000 lessons saved']);
  });

  it('tells the student what an import added, merged, kept and refused', () => {
    const current: Progress = {
      version: 1,
      lessons: { a: { step: 1, completed: [], answers: { q: ['mine'] }, updatedAt: 300 } },
    };
    const incoming: Progress = {
      version: 1,
      lessons: {
        a: { step: 2, completed: ['x'], answers: { q: ['old'] }, updatedAt: 100 },
        b: { step: 0, completed: [] },
        c: { step: 0, completed: [] },
      },
    };
    const report = mergeProgressReport(current, incoming);
    expect(describeImport(report, ['lesson "d": step is not a whole number'])).toBe(
      'Progress imported: added 2 lessons (b, c); merged 1 (a); kept your newer answers for a/q; refused: lesson "d": step is not a whole number.',
    );
    const many = mergeProgressReport(createEmptyProgress(), {
      version: 1,
      lessons: Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`l${i}`, { step: 0, completed: [] }])),
    });
    expect(describeImport(many, [])).toBe(
      'Progress imported: added 8 lessons (l0, l1, l2, l3, l4 and 3 more).',
    );
    expect(describeImport(mergeProgressReport(current, createEmptyProgress()), [])).toBe(
      'The file holds no lessons; nothing changed.',
    );
  });

  it('merges field by field: the newer entry wins each answer and the step, completed steps unite', () => {
    const mine: Progress = {
      version: 1,
      lessons: {
        a: { step: 4, completed: ['x'], answers: { q1: ['new'], q2: ['mine'] }, updatedAt: 200 },
        b: { step: 1, completed: [], answers: { q1: ['old'] }, updatedAt: 100 },
      },
    };
    const theirs: Progress = {
      version: 1,
      lessons: {
        a: { step: 2, completed: ['y'], answers: { q1: ['old'], q3: ['theirs'] }, updatedAt: 100 },
        b: { step: 3, completed: ['z'], answers: { q1: ['newer'] }, updatedAt: 300 },
        c: { step: 0, completed: [] },
      },
    };
    const report = mergeProgressReport(mine, theirs);
    expect(report.progress.lessons['a']).toEqual({
      step: 4,
      completed: ['x', 'y'],
      answers: { q1: ['new'], q2: ['mine'], q3: ['theirs'] },
      updatedAt: 200,
    });
    expect(report.progress.lessons['b']).toEqual({
      step: 3,
      completed: ['z'],
      answers: { q1: ['newer'] },
      updatedAt: 300,
    });
    expect(report.added).toEqual(['c']);
    expect(report.merged).toEqual(['a', 'b']);
    expect(report.keptNewer).toEqual(['a/q1']);
  });
});

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
    // A bad field costs that field: "broken" keeps its (empty) completed list, back at step 1.
    expect(progress.lessons).toEqual({ ...saved.lessons, broken: { step: 0, completed: [] } });
    expect(dropped).toEqual([
      'lesson "broken": step "x" (not a step number; back to step 1)',
      '"Not An Id": not a lesson id',
      'lesson "other": not an object',
    ]);
  });

  it('drops a bad field, not the lesson', () => {
    const { progress, dropped } = parseProgress({
      version: 1,
      lessons: {
        'ip-per-pod': {
          step: 1.5,
          completed: ['intro', 'Bad Id', 7],
          answers: { 'quiz-1': ['b'], 'quiz-2': 'x' },
        },
      },
    });
    expect(progress.lessons['ip-per-pod']).toEqual({
      step: 0,
      completed: ['intro'],
      answers: { 'quiz-1': ['b'] },
    });
    expect(dropped).toEqual([
      'lesson "ip-per-pod": step 1.5 (not a step number; back to step 1)',
      'lesson "ip-per-pod": completed step "Bad Id"',
      'lesson "ip-per-pod": completed step 7',
      'lesson "ip-per-pod": the answer to "quiz-2"',
    ]);
  });

  it("never drops the course's own lessons for other entries", () => {
    const lessons: Record<string, unknown> = {};
    for (let i = 0; i < 1005; i++) lessons[`junk-${i}`] = { step: 0, completed: [] };
    lessons['ip-per-pod'] = { step: 2, completed: ['intro'] };
    const { progress, dropped } = parseProgress({ version: 1, lessons }, { keep: new Set(['ip-per-pod']) });
    expect(progress.lessons['ip-per-pod']).toEqual({ step: 2, completed: ['intro'] });
    expect(Object.keys(progress.lessons)).toHaveLength(1001);
    expect(dropped).toEqual(['5 other lessons: more than 1000 lessons saved']);
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

  it('speaks of a progress file, never of lessons, when the file is too large, empty or too deep', () => {
    const messages = [
      importProgress(' '.repeat(2 * 1024 * 1024 + 1)),
      importProgress('  '),
      importProgress('['.repeat(40)),
    ].map((r) => (r.ok ? 'ok' : r.message));
    expect(messages).toEqual([
      'the progress file is too large (2,097,153 characters; at most 2,097,152 are accepted): a progress file exported by the lab is far smaller: check that this is one',
      'the progress file is empty: a progress file is a JSON object',
      'the progress file nests arrays and objects more than 16 levels deep: flatten it',
    ]);
    for (const m of messages) expect(m).not.toMatch(/lesson/);
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

describe('progress keyed by names that are Object.prototype properties', () => {
  it('a lesson id or quiz step id "constructor" is saved, read back and merged like any other', () => {
    let progress = createEmptyProgress();
    progress = recordAnswer(progress, 'constructor', 'first-quiz', ['a']);
    // The second answer used to throw "a.every is not a function" (answers["constructor"] was Object).
    progress = recordAnswer(progress, 'constructor', 'constructor', ['b']);
    progress = recordStep(progress, 'constructor', 2, 'constructor');
    progress = recordStep(progress, 'to-string', 1, 'constructor');
    expect(JSON.parse(exportProgress(progress))).toEqual({
      version: 1,
      lessons: {
        constructor: {
          step: 2,
          completed: ['constructor'],
          answers: { 'first-quiz': ['a'], constructor: ['b'] },
        },
        'to-string': { step: 1, completed: ['constructor'] },
      },
    });
    const back = importProgress(exportProgress(progress));
    expect(back.ok && back.dropped).toEqual([]);
    if (!back.ok) return;
    expect(back.progress).toEqual(progress);
    expect(recordAnswer(back.progress, 'constructor', 'constructor', ['b'])).toBe(back.progress);
    const merged = mergeProgress(createEmptyProgress(), back.progress);
    expect(merged.lessons['constructor']?.answers?.['constructor']).toEqual(['b']);
    expect(recordStep(createEmptyProgress(), 'constructor', 0)).not.toBe(createEmptyProgress());
  });

  it('a "__proto__" lesson id in saved progress is dropped with a reason, never sets a prototype', () => {
    const parsed = parseProgress(
      JSON.parse('{"version":1,"lessons":{"__proto__":{"step":1,"completed":[]}}}'),
    );
    expect(parsed.dropped).toEqual(['"__proto__": not a lesson id']);
    expect(Object.getPrototypeOf(parsed.progress.lessons)).toBe(null);
  });
});

describe('reading a saved entry', () => {
  it('keeps a valid entry whole, in field order, without unknown fields or a "__proto__" answer', () => {
    const input = JSON.parse(
      '{"version":1,"lessons":{"a":{"updatedAt":7,"extra":1,"answers":{"__proto__":["x"],"q-1":["b"]},"completed":["s-1"],"step":2}}}',
    );
    const { progress, dropped } = parseProgress(input);
    expect(dropped).toEqual([]);
    expect(JSON.stringify(progress.lessons['a'])).toBe(
      '{"step":2,"completed":["s-1"],"answers":{"q-1":["b"]},"updatedAt":7}',
    );
  });

  it('drops only the bad fields: a fractional step, an unsafe updatedAt, a 1,001-character answer', () => {
    const input = {
      version: 1,
      lessons: {
        a: {
          step: 1.5,
          completed: ['ok', 'Not-Kebab'],
          updatedAt: 2 ** 60,
          answers: { q: ['x'.repeat(1001)] },
        },
      },
    };
    const { progress, dropped } = parseProgress(input);
    expect(progress.lessons['a']).toEqual({ step: 0, completed: ['ok'], answers: {} });
    expect(dropped).toEqual([
      'lesson "a": step 1.5 (not a step number; back to step 1)',
      'lesson "a": completed step "Not-Kebab"',
      'lesson "a": the answer to "q"',
      'lesson "a": updatedAt',
    ]);
  });
});
