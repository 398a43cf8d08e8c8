/**
 * One validation: `lab check`, `lab run` and the browser (which lists `loadLesson`'s
 * problems with `formatProblem`, in the file picker and on the lesson page) give the same
 * verdict and the same messages for the same file.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLesson } from '../lessons/load-lesson.ts';
import { formatProblem } from '../lessons/problems.ts';
import { checkLessonFiles } from './check-lessons.ts';
import { main } from './main.ts';

const SAMPLE = readFileSync(new URL('../lessons/fixtures/sample-lesson.json', import.meta.url), 'utf8');

type Doc = Record<string, unknown> & {
  cluster: Record<string, unknown> & { nodes: Record<string, unknown>[] };
  solution: unknown[];
  steps: Record<string, unknown>[];
};
function sample(change: (doc: Doc) => void = () => {}): string {
  const doc = JSON.parse(SAMPLE) as Doc;
  change(doc);
  return JSON.stringify(doc, null, 2);
}

/** What each entry point says about `text`: exit verdict and problem lines without the file name. */
function verdicts(text: string): { check: string[]; run: string[]; browser: string[]; ok: boolean[] } {
  const dir = mkdtempSync(join(tmpdir(), 'parity-'));
  const path = join(dir, 'lesson.json');
  writeFileSync(path, text);
  const checked = checkLessonFiles([path]);
  const check = checked.output
    .split('\n')
    .filter((l) => l.startsWith(`${path}: `))
    .map((l) => l.slice(path.length + 2).replace(/^: /, ''));
  let err = '';
  const code = main(
    ['run', path, '--summary'],
    () => {},
    (s) => (err += `${s}\n`),
  );
  const run = err
    .split('\n')
    .filter((l) => l.startsWith(`${path}: `))
    .map((l) => l.slice(path.length + 2).replace(/^: /, ''));
  const loaded = loadLesson({ name: 'lesson.json', text });
  const browser = loaded.ok ? [] : loaded.problems.map(formatProblem);
  return { check, run, browser, ok: [checked.exitCode === 0, code === 0, loaded.ok] };
}

const BAD: ReadonlyArray<{ name: string; text: string; says: string }> = [
  {
    name: 'a node IP that is not an address',
    text: sample((d) => (d.cluster.nodes[0] = { name: 'node-1', ip: '999.1.1.1' })),
    says: 'cluster.nodes[0].ip: "999.1.1.1" is not an IPv4 address',
  },
  {
    name: 'a solution that leaves a goal unmet',
    text: sample((d) => (d.solution = d.solution.slice(0, 1))),
    says: 'steps[3].goal: the solution does not meet the goal of step "trace-overlay"',
  },
  {
    name: 'a misspelt top-level key',
    text: sample((d) => ((d['sumary'] = d['summary']), delete d['summary'])),
    says: 'sumary: unknown field; did you mean "summary"?',
  },
  {
    name: 'a misspelt key in a solution action',
    text: sample((d) => (d.solution[0] = { type: 'schedulePod', name: 'db', nod: 'node-2' })),
    says: 'solution[0].nod: unknown field; did you mean "node"?',
  },
  {
    name: 'an array as an action',
    text: sample((d) => (d.solution[0] = ['schedulePod'])),
    says: 'solution[0]: must be an object, but it is an array',
  },
  {
    name: 'a network without a plugin',
    text: sample((d) => (d.cluster['network'] = {})),
    says: 'cluster.network.plugin: "plugin" is missing',
  },
  {
    name: 'a "__proto__" key',
    text: sample().replace('"schemaVersion"', '"__proto__": {"x": 1}, "schemaVersion"'),
    says: '__proto__: unknown field',
  },
  {
    name: 'a "__proto__" label key',
    text: sample().replace('"labels": {', '"labels": {"__proto__": "x", '),
    says: 'is not a valid label key',
  },
  { name: 'text that is not JSON', text: '{"schemaVersion": 1,', says: 'the file is not valid JSON' },
];

const GOOD: ReadonlyArray<{ name: string; text: string }> = [
  { name: 'the sample lesson', text: sample() },
  { name: 'a BOM before the JSON (accepted everywhere)', text: `\uFEFF${sample()}` },
  {
    name: 'a node named "constructor"',
    text: sample().replaceAll('node-2', 'constructor'),
  },
  {
    name: 'a cluster CIDR with host bits (masked, as kube-controller-manager does)',
    text: sample((d) => (d.cluster['clusterCIDR'] = '10.244.7.9/16')),
  },
];

describe('lab check, lab run and the browser agree', () => {
  for (const { name, text, says } of BAD) {
    it(`refuse ${name} with the same messages`, () => {
      const v = verdicts(text);
      expect(v.ok).toEqual([false, false, false]);
      expect(v.browser.length).toBeGreaterThan(0);
      expect(v.check).toEqual(v.browser);
      expect(v.run).toEqual(v.browser);
      expect(v.browser.join('\n')).toContain(says);
    });
  }
  for (const { name, text } of GOOD) {
    it(`accept ${name}`, () => {
      const v = verdicts(text);
      expect(v).toEqual({ check: [], run: [], browser: [], ok: [true, true, true] });
    });
  }
});
