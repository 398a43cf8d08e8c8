import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadLessons } from './load-lesson.ts';
import { loadSolutionPrefix, solutionPrefixBefore } from './run-lesson.ts';

function lesson(name: string) {
  const text = readFileSync(new URL(`../../lessons/${name}`, import.meta.url), 'utf8');
  const [result] = loadLessons([{ name, text }]);
  if (!result?.ok) throw new Error(`${name} did not load`);
  return result.lesson;
}

const stepIndex = (l: ReturnType<typeof lesson>, id: string) => l.steps.findIndex((s) => s.id === id);

describe('catching up to a step', () => {
  it('counts the terminal lines that earlier steps are met by (ss -lnt in the shared namespace)', async () => {
    const l = lesson('02-shared-network-namespace.json');
    const at = stepIndex(l, 'schedule-shop');
    // Without the shell the ss -lnt step looks unmet, and the catch-up would skip its line.
    expect(solutionPrefixBefore(l, at)).toBe(0);
    expect(await loadSolutionPrefix(l, at)).toBe(1);
    expect(await loadSolutionPrefix(l, stepIndex(l, 'coordinate'))).toBe(3);
  });

  it('replays kubectl describe node before the troubleshooting quiz, and nothing at the start', async () => {
    const l = lesson('10-troubleshooting.json');
    expect(await loadSolutionPrefix(l, stepIndex(l, 'find-the-cause'))).toBe(2);
    expect(await loadSolutionPrefix(l, 0)).toBe(0);
  });

  it('is the plain count for a lesson without terminal lines', async () => {
    const l = lesson('05-across-nodes-without-nat.json');
    const last = l.steps.length - 1;
    expect(await loadSolutionPrefix(l, last)).toBe(solutionPrefixBefore(l, last));
  });
});
