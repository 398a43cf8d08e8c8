/**
 * `npm run lab -- check lessons/*.json`: validates lesson files and prints every problem as
 * `FILE: PATH: message`, then `N lessons checked, M with problems`. Exit 0 when all are clean.
 */
import { readFileSync, statSync } from 'node:fs';
import { loadLessons } from '../lessons/load-lesson.ts';
import { fileTooLargeToRead } from '../lessons/safe-json.ts';

/** Checks the files; the CLI prints `output` and exits with `exitCode` (0 clean, 1 problems, 2 no files). */
export function checkLessonFiles(given: readonly string[]): { exitCode: number; output: string } {
  if (given.length === 0) return { exitCode: 2, output: 'usage: npm run lab -- check LESSON.json...\n' };
  // `lessons/*.json` also matches the JSON Schema that sits beside the lessons.
  const schemas = given.filter((p) => p.endsWith('.schema.json'));
  const paths = given.filter((p) => !p.endsWith('.schema.json'));
  if (paths.length === 0) return { exitCode: 2, output: `no lesson files among: ${schemas.join(', ')}\n` };
  const lines: string[] = [];
  const readable: { name: string; text: string }[] = [];
  let unreadable = 0;
  for (const path of paths) {
    try {
      const tooLarge = fileTooLargeToRead(statSync(path).size);
      if (tooLarge !== null) {
        unreadable++;
        lines.push(`${path}: : ${tooLarge}`);
        continue;
      }
      readable.push({ name: path, text: readFileSync(path, 'utf8') });
    } catch (error) {
      unreadable++;
      const reason =
        error instanceof Error && 'code' in error && error.code === 'ENOENT' ? 'no such file' : String(error);
      lines.push(`${path}: : cannot read the file: ${reason}`);
    }
  }
  const results = loadLessons(readable);
  let withProblems = unreadable;
  for (const result of results) {
    if (result.ok) continue;
    withProblems++;
    for (const problem of result.problems) lines.push(`${result.name}: ${problem.path}: ${problem.message}`);
  }
  const n = paths.length;
  lines.push(`${n} lesson${n === 1 ? '' : 's'} checked, ${withProblems} with problems`);
  return { exitCode: withProblems === 0 ? 0 : 1, output: `${lines.join('\n')}\n` };
}
