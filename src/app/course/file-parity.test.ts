/**
 * The course page's picker and drop, the editor and `lab check` refuse the same file with
 * the same lines: the browser's readLessonFile and checkLessonFile are the CLI's validation.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLessonFiles } from '../../cli/check-lessons.ts';
import { MAX_JSON_CHARS, MAX_READ_BYTES } from '../../lessons/safe-json.ts';
import { checkEditorText } from '../editor-check.ts';
import { openLessonFiles } from './open-lesson-files.ts';
import { readLessonFile } from './read-lesson-file.ts';

const SAMPLE = readFileSync(new URL('../../lessons/fixtures/sample-lesson.json', import.meta.url), 'utf8');
const lessonText = (file: string) =>
  readFileSync(new URL(`../../../lessons/${file}`, import.meta.url), 'utf8');

function sample(change: (doc: Record<string, unknown>) => void): string {
  const doc = JSON.parse(SAMPLE) as Record<string, unknown>;
  change(doc);
  return JSON.stringify(doc, null, 2);
}

/** `lab check`'s problem lines for the text, without the `FILE: ` prefix (and `: ` of a whole-file problem). */
function cliLines(text: string): string[] {
  const path = join(mkdtempSync(join(tmpdir(), 'file-parity-')), 'copy.json');
  writeFileSync(path, text);
  return checkLessonFiles([path])
    .output.split('\n')
    .filter((l) => l.startsWith(`${path}: `))
    .map((l) => l.slice(path.length + 2).replace(/^: /, ''));
}

/** What the editor lists for a file opened in it, read as the editor reads it. */
async function editorLines(text: string): Promise<string[]> {
  const read = await readLessonFile(new File([text], 'copy.json'));
  return read.ok ? checkEditorText(read.text).problems : [read.problem];
}

const BAD: ReadonlyArray<{ name: string; text: string; says: string }> = [
  { name: 'text that is not JSON', text: '{"schemaVersion": 1,', says: 'the file is not valid JSON' },
  { name: 'an empty file', text: '', says: 'the file is empty' },
  { name: 'an object without an id', text: sample((d) => delete d['id']), says: 'id' },
  {
    name: 'a node IP that is not an address',
    text: sample(
      (d) => ((d['cluster'] as { nodes: unknown[] }).nodes[0] = { name: 'node-1', ip: '999.1.1.1' }),
    ),
    says: '"999.1.1.1" is not an IPv4 address',
  },
  {
    name: 'a solution that leaves a goal unmet',
    text: sample((d) => (d['solution'] = (d['solution'] as unknown[]).slice(0, 1))),
    says: 'the solution does not meet the goal of step',
  },
  {
    name: 'a lesson over 512 KiB of text',
    text: sample((d) => (d['summary'] = 'x'.repeat(MAX_JSON_CHARS))),
    says: 'the file is too large (',
  },
  {
    name: 'a file too large to read',
    text: sample((d) => (d['summary'] = 'x'.repeat(MAX_READ_BYTES))),
    says: 'bytes; at most 524288 characters are accepted',
  },
];

describe('the course page, the editor and lab check agree on a file', () => {
  for (const { name, text, says } of BAD) {
    it(`refuse ${name} with the same lines`, async () => {
      const cli = cliLines(text);
      expect(cli.join('\n')).toContain(says);
      expect(await editorLines(text)).toEqual(cli);
      const course = await openLessonFiles([new File([text], 'copy.json')], []);
      expect(course?.tone).toBe('error');
      expect(course?.text).toContain(
        `copy.json has ${cli.length} problem${cli.length === 1 ? '' : 's'}: ${cli.slice(0, 3).join('; ')}`,
      );
    });
  }

  // Lessons with goals on a terminal line's output: the editor once replayed them without the
  // shell and called the goal unmet, which lab check (and the course) does not.
  for (const file of [
    '02-shared-network-namespace.json',
    '06-flannel-vxlan.json',
    '10-troubleshooting.json',
  ]) {
    it(`accept the bundled ${file} in both, as lab check does`, async () => {
      const text = lessonText(file);
      expect(cliLines(text)).toEqual([]);
      expect(await editorLines(text)).toEqual([]);
      const course = await openLessonFiles([new File([text], file)], []);
      expect(course?.tone).toBe('ok');
    });
  }
});
