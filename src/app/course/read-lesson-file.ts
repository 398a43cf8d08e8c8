import { fileTooLargeToRead } from '../../lessons/safe-json.ts';

/** A picked or dropped file's text, or why it was not read (in `lab check`'s words). */
export type ReadLessonFile =
  | { readonly ok: true; readonly name: string; readonly text: string }
  | { readonly ok: false; readonly name: string; readonly problem: string };

/**
 * Reads a lesson file the instructor gave the browser (the course page's picker and drop,
 * the editor's Open file and drop): one function, so both refuse the same file the same way
 * `lab check` does. A file too large for a lesson is refused unread; any other file's text
 * goes to the one validation (`checkLessonFile`), which judges size, JSON and content.
 */
export async function readLessonFile(file: File): Promise<ReadLessonFile> {
  const problem = fileTooLargeToRead(file.size);
  if (problem !== null) return { ok: false, name: file.name, problem };
  return { ok: true, name: file.name, text: await file.text() };
}

/** `copy.json has 2 problems: a; b` (the first three), as the course page and the editor say it. */
export function describeFileProblems(name: string, problems: readonly string[]): string {
  return `${name} has ${problems.length} problem${problems.length === 1 ? '' : 's'}: ${problems
    .slice(0, 3)
    .join('; ')}${problems.length > 3 ? '; …' : ''}.`;
}
