/**
 * The course's guarantee: every bundled lesson loads with zero problems and its solution,
 * replayed through the real engine, meets every task goal and every prediction.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadLessons } from './load-lesson.ts';
import { execOnState } from '../shell/run-exec.ts';
import { runLessonSolution } from './run-lesson.ts';

const dir = new URL('../../lessons/', import.meta.url);
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.json') && name !== 'lesson.schema.json')
  .sort()
  .map((name) => ({ name, text: readFileSync(new URL(name, dir), 'utf8') }));

describe('bundled lessons', () => {
  it('exist (the course ships with lessons)', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  const loaded = loadLessons(files);

  it.each(loaded.map((l) => [l.name, l] as const))('%s loads with zero problems', (_name, result) => {
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it.each(loaded.map((l) => [l.name, l] as const))(
    '%s: the solution meets every goal and prediction',
    (_name, result) => {
      if (!result.ok) throw new Error('the lesson did not load (see the test above)');
      expect(result.lesson.steps.some((s) => s.type === 'task')).toBe(true);
      const check = runLessonSolution(result.lesson, execOnState);
      expect(check.ok ? [] : check.problems).toEqual([]);
      if (!check.ok) return;
      const failed = check.checks.filter((c) => !c.met).map((c) => `${c.step}: ${c.detail}`);
      expect(failed).toEqual([]);
      expect(check.checks.length).toBeGreaterThan(0);
    },
  );
});
