import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyCommand, createCluster, type Command, type TraceResult } from '../engine/index.ts';
import { choiceOrder, orderChoices } from './choice-order.ts';
import { loadLessons } from './load-lesson.ts';

describe('choiceOrder', () => {
  it('is a permutation, and the same for the same seed and key', () => {
    for (let n = 1; n <= 8; n++) {
      const order = choiceOrder(n, 12345, `lesson/step-${n}`);
      expect([...order].sort((a, b) => a - b)).toEqual([...Array(n).keys()]);
      expect(choiceOrder(n, 12345, `lesson/step-${n}`)).toEqual(order);
    }
  });

  it('differs between students and between steps', () => {
    const orders = new Set<string>();
    for (let seed = 0; seed < 40; seed++) orders.add(choiceOrder(4, seed, 'a/b').join());
    expect(orders.size).toBeGreaterThan(10);
    const bySteps = new Set<string>();
    for (let i = 0; i < 40; i++) bySteps.add(choiceOrder(4, 7, `a/step-${i}`).join());
    expect(bySteps.size).toBeGreaterThan(10);
  });

  it('puts each choice first about equally often', () => {
    const first = [0, 0, 0];
    for (let seed = 0; seed < 3000; seed++) first[choiceOrder(3, seed, 'x/y')[0] as number]! += 1;
    for (const count of first) expect(count).toBeGreaterThan(850);
  });

  it('keeps the written order when the author pins it', () => {
    expect(orderChoices(['a', 'b', 'c'], 99, 'x/y', false)).toEqual(['a', 'b', 'c']);
  });
});

const dir = new URL('../../lessons/', import.meta.url);
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.json') && name !== 'lesson.schema.json')
  .map((name) => ({ name, text: readFileSync(new URL(name, dir), 'utf8') }));

describe('the bundled course after shuffling', () => {
  const questions: { key: string; count: number; right: Set<number>; shuffle: boolean | undefined }[] = [];
  for (const result of loadLessons(files)) {
    if (!result.ok) continue;
    for (const step of result.lesson.steps) {
      const key = `${result.lesson.id}/${step.id}`;
      if (step.type === 'quiz' && !(step.multiple ?? step.choices.filter((c) => c.correct).length > 1))
        questions.push({
          key,
          count: step.choices.length,
          right: new Set(step.choices.flatMap((c, i) => (c.correct ? [i] : []))),
          shuffle: step.shuffle,
        });
      if (step.type === 'predict' && step.choices)
        questions.push({
          key,
          count: step.choices.length,
          right: new Set(step.choices.flatMap((c, i) => (c === step.answer ? [i] : []))),
          shuffle: step.shuffle,
        });
    }
  }

  it('has single-answer questions to check', () => {
    expect(questions.length).toBeGreaterThan(10);
  });

  it('shows the right answer first in about 1 of n choices', () => {
    // Expected count per student: the sum of 1/n over the questions; observed over 500 students.
    const expected = questions.reduce((sum, q) => sum + 1 / q.count, 0);
    let observed = 0;
    const students = 500;
    for (let seed = 0; seed < students; seed++) {
      for (const q of questions) {
        const first = q.shuffle === false ? 0 : (choiceOrder(q.count, seed * 2654435761, q.key)[0] as number);
        if (q.right.has(first)) observed += 1;
      }
    }
    const ratio = observed / students / expected;
    expect(ratio).toBeGreaterThan(0.85);
    expect(ratio).toBeLessThan(1.15);
  });

  it('pins no order that puts the right answer first', () => {
    expect(questions.filter((q) => q.shuffle === false && q.right.has(0)).map((q) => q.key)).toEqual([]);
  });
});

describe('the bundled course hands out no answers', () => {
  const lessons = loadLessons(files).flatMap((r) => (r.ok ? [r.lesson] : []));

  it('counts hops in predict prompts as the player shows them (from 1)', () => {
    const wrong: string[] = [];
    for (const lesson of lessons)
      for (const step of lesson.steps) {
        if (step.type !== 'predict') continue;
        for (const m of step.body.matchAll(/\bhop (\d+)\b/g))
          if (Number(m[1]) !== step.ask.hop + 1)
            wrong.push(`${lesson.id}/${step.id}: "hop ${m[1]}" for index ${step.ask.hop}`);
      }
    expect(wrong).toEqual([]);
  });

  it('no drop reason along a solution names a later action of it', () => {
    const leaks: string[] = [];
    for (const lesson of lessons) {
      const created = createCluster(lesson.cluster as never, lesson.seed);
      if (!created.ok) throw new Error(`${lesson.id}: the cluster does not build`);
      let state = created.state;
      lesson.solution.forEach((command, i) => {
        const { state: next, result } = applyCommand(state, command as Command);
        state = next;
        const trace = result.ok && 'trace' in result ? (result.trace as TraceResult | undefined) : undefined;
        const reasons = [trace?.dropReason, trace?.reply?.dropReason].filter((r) => r !== undefined);
        for (const later of lesson.solution.slice(i + 1)) {
          if (later.type !== 'addRoute') continue;
          const { dst, via } = later as { dst?: string; via?: string };
          for (const reason of reasons)
            if ((dst && reason.includes(dst)) || (via && reason.includes(via)) || reason.includes('addRoute'))
              leaks.push(`${lesson.id}, action ${i + 1}: ${reason}`);
        }
      });
    }
    expect(leaks).toEqual([]);
  });
});
