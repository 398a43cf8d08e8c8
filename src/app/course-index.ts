import { parseJsonSafely } from '../lessons/safe-json.ts';

/** What the course page shows of a lesson before it is opened (and fully validated). */
export type CourseEntry =
  | {
      readonly ok: true;
      readonly file: string;
      readonly id: string;
      readonly title: string;
      readonly summary: string;
      readonly stepIds: readonly string[];
    }
  | { readonly ok: false; readonly file: string; readonly problem: string };

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/**
 * Reads each lesson file just enough to list it: id, title, summary, step ids. A file that
 * cannot even be listed is shown with its problem; the others are listed as usual. The full
 * validation runs when a lesson is opened.
 */
export function indexLessons(files: ReadonlyArray<{ name: string; text: string }>): CourseEntry[] {
  return files.map(({ name, text: raw }) => {
    const parsed = parseJsonSafely(raw);
    if (!parsed.ok) return { ok: false, file: name, problem: parsed.message };
    const value = parsed.value as Record<string, unknown> | null;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return { ok: false, file: name, problem: 'a lesson file must hold a JSON object' };
    }
    const id = text(value['id']);
    const title = text(value['title']);
    const steps = value['steps'];
    if (!id) return { ok: false, file: name, problem: 'id: missing; give the lesson a kebab-case id' };
    if (!title) return { ok: false, file: name, problem: 'title: missing' };
    if (!Array.isArray(steps))
      return { ok: false, file: name, problem: 'steps: missing; a lesson needs a list of steps' };
    const stepIds = steps.map((s, i) =>
      typeof s === 'object' && s !== null && typeof (s as { id?: unknown }).id === 'string'
        ? (s as { id: string }).id
        : `step-${i + 1}`,
    );
    return { ok: true, file: name, id, title, summary: text(value['summary']) ?? '', stepIds };
  });
}
