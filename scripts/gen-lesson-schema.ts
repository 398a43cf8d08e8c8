/**
 * Writes lessons/lesson.schema.json from the zod lesson schema (src/lessons/lesson-schema.ts).
 *   npx tsx scripts/gen-lesson-schema.ts           write the file
 *   npx tsx scripts/gen-lesson-schema.ts --check   exit 1 when the committed file is out of date
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderLessonJsonSchema } from '../src/lessons/lesson-schema.ts';

const target = fileURLToPath(new URL('../lessons/lesson.schema.json', import.meta.url));
const expected = renderLessonJsonSchema();

function readCurrent(): string | null {
  try {
    return readFileSync(target, 'utf8');
  } catch {
    return null;
  }
}

if (process.argv.includes('--check')) {
  if (readCurrent() !== expected) {
    console.error('lessons/lesson.schema.json is out of date: run `npx tsx scripts/gen-lesson-schema.ts`');
    process.exit(1);
  }
  console.log('lessons/lesson.schema.json is up to date');
} else {
  writeFileSync(target, expected);
  console.log(`wrote ${target}`);
}
