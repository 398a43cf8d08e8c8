import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLessonParser } from './lesson-parser.ts';
import { fakeEngine } from './test-fakes.ts';

const { parseLesson, loadLessons } = createLessonParser(fakeEngine);
const sampleText = readFileSync(new URL('./fixtures/sample-lesson.json', import.meta.url), 'utf8');
const sample = (): Record<string, unknown> & {
  steps: Record<string, unknown>[];
  cluster: Record<string, unknown>;
  solution: unknown[];
} => JSON.parse(sampleText) as ReturnType<typeof sample>;

function problemsOf(input: unknown): { path: string; message: string }[] {
  const result = parseLesson(input);
  return result.ok ? [] : [...result.problems];
}

describe('parseLesson: structure', () => {
  it('accepts the sample lesson with every step type', () => {
    const result = parseLesson(sample());
    expect(result.ok ? result.lesson.steps.map((s) => s.type) : result.problems).toEqual([
      'narrative',
      'task',
      'predict',
      'task',
      'quiz',
      'task',
    ]);
  });

  it('rejects what is not an object', () => {
    expect(problemsOf([])).toEqual([
      { path: '', message: expect.stringContaining('a lesson is a JSON object') },
    ]);
    expect(problemsOf('hello')[0]?.message).toContain('but this is a string');
  });

  it('reports every structural problem with its path and an actionable sentence', () => {
    const lesson = sample();
    delete lesson['title'];
    lesson['id'] = 'Bad_ID';
    lesson['colour'] = 'blue';
    lesson.steps[1] = { ...lesson.steps[1], goal: { type: 'podRunning', pod: 7 } };
    lesson.steps[2] = { ...lesson.steps[2], type: 'video' };
    lesson.steps[3] = { ...lesson.steps[3], bdy: 'typo' };
    const problems = problemsOf(lesson);
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'title', message: '"title" is missing: add it (a string)' },
        { path: 'id', message: expect.stringMatching(/^"Bad_ID" must be kebab-case/) },
        { path: 'colour', message: 'unknown field' },
        { path: 'steps[1].goal.pod', message: 'must be a string, but it is a whole number' },
        {
          path: 'steps[2].type',
          message: expect.stringMatching(
            /^unknown type "video": use one of "narrative", "task", "quiz", "predict"/,
          ),
        },
        { path: 'steps[3].bdy', message: 'unknown field; did you mean "body"?' },
      ]),
    );
    expect(problems).toHaveLength(6);
  });

  it('names the goal types when a goal type is unknown', () => {
    const lesson = sample();
    lesson.steps[1] = { ...lesson.steps[1], goal: { type: 'podIsHappy', pod: 'db' } };
    expect(problemsOf(lesson)).toEqual([
      { path: 'steps[1].goal.type', message: expect.stringContaining('"podHasIpIn", "podRunning"') },
    ]);
  });

  it('says one thing about a seed far out of range, not one per bound', () => {
    expect(problemsOf({ ...sample(), seed: 1e300 })).toEqual([
      { path: 'seed', message: 'must be at most 4294967295 (it is 1e+300)' },
    ]);
    expect(problemsOf({ ...sample(), seed: -1e300 })).toEqual([
      { path: 'seed', message: 'must be at least 0 (it is -1e+300)' },
    ]);
  });

  it('flags bidirectional control characters in titles and summaries, spelled out', () => {
    const lesson = sample();
    lesson['title'] = 'Flannel \u202Eevil';
    lesson['summary'] = 'fine';
    lesson.steps[1]!['title'] = 'Step \u2066two\u2069';
    const found = problemsOf(lesson);
    expect(found.map((p) => p.path)).toEqual(['title', 'steps[1].title']);
    expect(found[0]?.message).toMatch(/^"Flannel <U\+202E>evil" holds a bidirectional control character/);
    expect(found[1]?.message).toMatch(/^"Step <U\+2066>two<U\+2069>" holds a bidirectional/);
  });

  it('refuses a 300,000-character title, echoing it cut to 80 characters with its length', () => {
    expect(problemsOf({ ...sample(), title: 't'.repeat(300_000) })).toEqual([
      {
        path: 'title',
        message: `must be at most 120 characters long (it is "${'t'.repeat(80)}… (300,000 characters)")`,
      },
    ]);
  });

  it('refuses a newer format version with a clear sentence', () => {
    expect(problemsOf({ ...sample(), schemaVersion: 2 })).toEqual([
      { path: 'schemaVersion', message: expect.stringContaining('newer than this lab understands') },
    ]);
  });
});

describe('parseLesson: meaning', () => {
  it('passes engine problems through under cluster and solution paths', () => {
    const lesson = sample();
    lesson.cluster['nodes'] = [{ name: 'node-1', ip: 'bad' }, { name: 'node-2' }];
    lesson.solution.push({ type: 'teleport' });
    expect(problemsOf(lesson)).toEqual([
      { path: 'cluster.nodes[0].ip', message: '"bad" is not an IPv4 address' },
      { path: 'solution[3].type', message: 'unknown command type "teleport"' },
    ]);
  });

  it('reports unknown pods and nodes in goals, highlights and predictions', () => {
    const lesson = sample();
    lesson.steps[0] = { ...lesson.steps[0], highlight: ['node/node-9', 'pod/wbe', 'device/node-3/cni0'] };
    lesson.steps[1] = { ...lesson.steps[1], goal: { type: 'podRunning', pod: 'dbb' } };
    lesson.steps[2] = {
      ...lesson.steps[2],
      trace: { from: 'node/node-7', to: '10.244.9.9', protocol: 'icmp' },
    };
    lesson.steps[3] = {
      ...lesson.steps[3],
      goal: { type: 'tracePassedDevice', from: 'web', to: 'ghost', device: 'cni0', node: 'node-5' },
    };
    const paths = problemsOf(lesson).map((p) => p.path);
    expect(paths).toEqual([
      'steps[0].highlight[0]',
      'steps[0].highlight[1]',
      'steps[0].highlight[2]',
      'steps[1].goal.pod',
      'steps[2].trace.from',
      'steps[3].goal.to',
      'steps[3].goal.node',
    ]);
    expect(problemsOf(lesson)[3]?.message).toBe(
      'pod "dbb" is neither in cluster.pods nor scheduled by the solution: check the name (known: default/web, default/db)',
    );
  });

  it('reports bad and overlapping CIDRs, duplicate ids and names', () => {
    const lesson = sample();
    lesson.cluster['serviceCIDR'] = '10.244.128.0/17';
    lesson.cluster['nodes'] = [{ name: 'node-1' }, { name: 'node-1' }, { name: 'node-2' }];
    lesson.steps[1] = {
      ...lesson.steps[1],
      id: 'intro',
      goal: { type: 'podHasIpIn', pod: 'db', cidr: '10.244.1.5/24' },
    };
    lesson.steps[3] = { ...lesson.steps[3], goal: { type: 'podHasIpIn', pod: 'db', cidr: '10.300.0.0/16' } };
    expect(problemsOf(lesson)).toEqual([
      {
        path: 'cluster.serviceCIDR',
        message:
          'serviceCIDR 10.244.128.0/17 overlaps clusterCIDR 10.244.0.0/16: pods, services and nodes need separate ranges',
      },
      {
        path: 'cluster.nodes[1].name',
        message: 'node name "node-1" is already used by cluster.nodes[0].name: node names must be unique',
      },
      {
        path: 'steps[1].id',
        message: 'step id "intro" is already used by steps[0].id: step ids must be unique',
      },
      {
        path: 'steps[1].goal.cidr',
        message: '"10.244.1.5/24" has host bits set: the network is "10.244.1.0/24"',
      },
      { path: 'steps[3].goal.cidr', message: expect.stringContaining('"10.300.0.0/16" is not an IPv4 CIDR') },
    ]);
  });

  it('checks quizzes and predictions for consistency', () => {
    const lesson = sample();
    const quiz = lesson.steps[4] as { choices: { correct: boolean }[] };
    lesson.steps[4] = { ...lesson.steps[4], multiple: false };
    lesson.steps[2] = { ...lesson.steps[2], answer: 'tunl0', ask: { kind: 'ip', hop: 0 } };
    const problems = problemsOf(lesson);
    expect(problems.map((p) => p.path)).toEqual([
      'steps[2].ask.field',
      'steps[2].answer',
      'steps[4].choices',
    ]);
    expect(problems[2]?.message).toContain('set "multiple": true');
    quiz.choices.forEach((c) => (c.correct = false));
    lesson.steps[2] = sample().steps[2] as Record<string, unknown>;
    lesson.steps[4] = { ...quiz };
    expect(problemsOf(lesson)).toEqual([
      { path: 'steps[4].choices', message: expect.stringContaining('no choice is marked') },
    ]);
  });
});

describe('loadLessons', () => {
  it('loads good files and reports broken ones without stopping', () => {
    const results = loadLessons([
      { name: 'a.json', text: sampleText },
      { name: 'broken.json', text: '{ "schemaVersion": 1, ' },
      { name: 'empty.json', text: '' },
      { name: 'deep.json', text: '['.repeat(5000) + ']'.repeat(5000) },
      { name: 'huge.json', text: ' '.repeat(600 * 1024) },
      { name: 'dup.json', text: sampleText },
      { name: 'b.json', text: sampleText.replace('"sample-flannel"', '"sample-two"') },
    ]);
    expect(results.map((r) => [r.name, r.ok])).toEqual([
      ['a.json', true],
      ['broken.json', false],
      ['empty.json', false],
      ['deep.json', false],
      ['huge.json', false],
      ['dup.json', false],
      ['b.json', true],
    ]);
    const messages = results.map((r) => (r.ok ? '' : (r.problems[0]?.message ?? '')));
    expect(messages[1]).toMatch(/not valid JSON at line 1, column \d+/);
    expect(messages[2]).toContain('the file is empty');
    expect(messages[3]).toContain('more than 64 levels deep');
    expect(messages[4]).toContain('too large');
    expect(messages[5]).toBe(
      'lesson id "sample-flannel" is already used by a.json: lesson ids must be unique',
    );
  });

  it('turns an exception in a validator into a problem for that file only', () => {
    const throwing = createLessonParser({
      ...fakeEngine,
      parseClusterSpec: () => {
        throw new Error('boom');
      },
    });
    const [result] = throwing.loadLessons([{ name: 'x.json', text: sampleText }]);
    expect(result).toEqual({
      name: 'x.json',
      ok: false,
      problems: [{ path: '', message: 'the lab failed to check x.json: boom' }],
    });
  });
});
