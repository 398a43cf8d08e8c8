import { indexLessons, type CourseEntry } from '../course-index.ts';
import { previewStore } from '../preview-lessons.ts';
import { describeFileProblems, readLessonFile } from './read-lesson-file.ts';

export interface OpenMessage {
  readonly tone: 'ok' | 'error';
  readonly text: string;
}

/** Files that share a lesson id with another file, named by both. */
export function duplicateIdNotes(entries: readonly CourseEntry[]): Map<string, string[]> {
  const byId = new Map<string, string[]>();
  for (const e of entries) if (e.ok) byId.set(e.id, [...(byId.get(e.id) ?? []), e.file]);
  return new Map([...byId].filter(([, files]) => files.length > 1));
}

/**
 * Opens lesson files as previews: each is read and checked by the one validation `lab check`
 * uses (the cluster and the solution through the engine, loaded only now), so a file's
 * problems are the CLI's lines, and the message says them first. `others` are the lessons
 * already listed, to name a duplicate id's file.
 */
export async function openLessonFiles(
  files: readonly File[],
  others: readonly CourseEntry[],
): Promise<OpenMessage | null> {
  if (files.length === 0) return null;
  const problems: string[] = [];
  const opened: string[] = [];
  const { checkLessonFile } = await import('../../lessons/load-lesson.ts');
  for (const file of files) {
    const read = await readLessonFile(file);
    if (!read.ok) {
      problems.push(describeFileProblems(file.name, [read.problem]));
      continue;
    }
    const { text } = read;
    const found = checkLessonFile({ name: file.name, text }).problems;
    const [entry] = indexLessons([{ name: file.name, text }]);
    if (!entry?.ok) {
      // Not even an id and a title to list it by: the validation's lines say why.
      problems.push(describeFileProblems(file.name, found));
      continue;
    }
    const twin = others.find((o) => o.ok && o.id === entry.id && o.file !== file.name);
    previewStore.getState().add({ name: file.name, text, problems: found });
    if (found.length > 0)
      problems.push(
        `${describeFileProblems(file.name, found)} Its card, at the top of the list, lists them all.`,
      );
    else
      opened.push(
        `"${entry.title}" (${file.name}) is at the top of the list, marked preview${twin ? `; its id "${entry.id}" is also the id of ${twin.file}, which the preview replaces until you reload` : ''}.`,
      );
  }
  return { tone: problems.length > 0 ? 'error' : 'ok', text: [...problems, ...opened].join(' ') };
}
