import { indexLessons, type CourseEntry } from '../course-index.ts';
import { previewStore } from '../preview-lessons.ts';

const MAX_FILE_BYTES = 512 * 1024;

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
 * Opens lesson files as previews: each is listed, then validated in full (the cluster and
 * the solution through the engine, loaded only now), and the message says each file's
 * problems first. `others` are the lessons already listed, to name a duplicate id's file.
 */
export async function openLessonFiles(
  files: readonly File[],
  others: readonly CourseEntry[],
): Promise<OpenMessage | null> {
  if (files.length === 0) return null;
  const problems: string[] = [];
  const opened: string[] = [];
  const { loadLessons } = await import('../../lessons/load-lesson.ts');
  for (const file of files) {
    if (file.size > MAX_FILE_BYTES) {
      problems.push(
        `${file.name}: ${Math.round(file.size / 1024)} KiB is larger than a lesson can be (512 KiB).`,
      );
      continue;
    }
    const text = await file.text();
    const [entry] = indexLessons([{ name: file.name, text }]);
    if (!entry || !entry.ok) {
      problems.push(`${file.name} cannot be listed: ${entry && !entry.ok ? entry.problem : 'unreadable'}.`);
      continue;
    }
    const [loaded] = loadLessons([{ name: file.name, text }]);
    const found = loaded && !loaded.ok ? loaded.problems : [];
    const twin = others.find((o) => o.ok && o.id === entry.id && o.file !== file.name);
    previewStore.getState().add({
      name: file.name,
      text,
      problems: found.map((p) => `${p.path}: ${p.message}`),
    });
    if (found.length > 0)
      problems.push(
        `${file.name} has ${found.length} problem${found.length === 1 ? '' : 's'}: ${found
          .slice(0, 3)
          .map((p) => `${p.path}: ${p.message}`)
          .join('; ')}${found.length > 3 ? '; …' : ''}. Its card, at the top of the list, lists them all.`,
      );
    else
      opened.push(
        `"${entry.title}" (${file.name}) is at the top of the list, marked preview${twin ? `; its id "${entry.id}" is also the id of ${twin.file}, which the preview replaces until you reload` : ''}.`,
      );
  }
  return { tone: problems.length > 0 ? 'error' : 'ok', text: [...problems, ...opened].join(' ') };
}
