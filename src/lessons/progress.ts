/**
 * The student's saved progress: versioned, migrated from older shapes, and read so that a
 * corrupted entry costs only that lesson's progress, never the rest.
 *
 * Version 0 (the first prototype) was `{ [lessonId]: stepIndex }`.
 * Version 1 is `{ version: 1, lessons: { [lessonId]: { step, completed, answers? } } }`.
 */
import { z } from 'zod';
import { KEBAB_ID } from './lesson-schema.ts';
import { isRecord, parseJsonSafely } from './safe-json.ts';

export const PROGRESS_VERSION = 1;
/** More lessons than this in a saved file is not a real course: the rest is dropped. */
export const MAX_SAVED_LESSONS = 1000;

const LessonProgressSchema = z.object({
  /** The step the student is on (index into the lesson's steps). */
  step: z.int().min(0).max(10_000),
  /** Ids of the steps the student has completed. */
  completed: z.array(z.string().regex(KEBAB_ID)).max(10_000),
  /** Answers given, per step id: quiz choice ids, or a prediction as one string. */
  answers: z.record(z.string().regex(KEBAB_ID), z.array(z.string().max(1000)).max(100)).optional(),
});

export type LessonProgress = z.infer<typeof LessonProgressSchema>;

export interface Progress {
  readonly version: 1;
  readonly lessons: Readonly<Record<string, LessonProgress>>;
}

/** The progress read back, and a sentence per thing that could not be kept. */
export interface ParsedProgress {
  readonly progress: Progress;
  readonly dropped: readonly string[];
}

export function createEmptyProgress(): Progress {
  return { version: PROGRESS_VERSION, lessons: {} };
}

function readEntries(
  entries: [string, unknown][],
  read: (value: unknown) => LessonProgress | string,
): ParsedProgress {
  const dropped: string[] = [];
  const kept: [string, LessonProgress][] = [];
  for (const [id, value] of entries) {
    if (kept.length >= MAX_SAVED_LESSONS) {
      dropped.push(`lesson "${id}" and later ones: more than ${MAX_SAVED_LESSONS} lessons saved`);
      break;
    }
    if (!KEBAB_ID.test(id)) {
      dropped.push(`"${id.slice(0, 60)}": not a lesson id`);
      continue;
    }
    const entry = read(value);
    if (typeof entry === 'string') dropped.push(`lesson "${id}": ${entry}`);
    else kept.push([id, entry]);
  }
  return { progress: { version: PROGRESS_VERSION, lessons: Object.fromEntries(kept) }, dropped };
}

function readV1Entry(value: unknown): LessonProgress | string {
  const parsed = LessonProgressSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  return `unreadable ${issue ? issue.path.join('.') || 'entry' : 'entry'}`;
}

function readV0Entry(value: unknown): LessonProgress | string {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 10_000)
    return 'the step is not a number';
  return { step: value, completed: [] };
}

/**
 * Reads saved progress of any known version. Never fails: what cannot be read is dropped
 * and listed in `dropped`; valid lessons are kept.
 */
export function parseProgress(input: unknown): ParsedProgress {
  if (input === undefined || input === null) return { progress: createEmptyProgress(), dropped: [] };
  if (!isRecord(input))
    return { progress: createEmptyProgress(), dropped: ['the saved progress is not an object'] };
  if (!('version' in input)) return readEntries(Object.entries(input), readV0Entry);
  const version = input['version'];
  if (version !== PROGRESS_VERSION) {
    const why =
      typeof version === 'number' && version > PROGRESS_VERSION
        ? 'saved by a newer version of the lab'
        : 'of an unknown version';
    return {
      progress: createEmptyProgress(),
      dropped: [`all progress: it was ${why} (${JSON.stringify(version)})`],
    };
  }
  const lessons = input['lessons'];
  if (!isRecord(lessons))
    return { progress: createEmptyProgress(), dropped: ['all progress: "lessons" is not an object'] };
  return readEntries(Object.entries(lessons), readV1Entry);
}

/** The progress as JSON text, to download or copy to another machine. */
export function exportProgress(progress: Progress): string {
  return `${JSON.stringify(progress, null, 2)}\n`;
}

/** Reads exported progress text; invalid JSON fails, invalid entries are dropped and listed. */
export function importProgress(
  text: string,
): ({ ok: true } & ParsedProgress) | { ok: false; message: string } {
  const json = parseJsonSafely(text, { maxChars: 2 * 1024 * 1024, maxDepth: 16 });
  if (!json.ok) return { ok: false, message: json.message.replace('the file', 'the progress file') };
  return { ok: true, ...parseProgress(json.value) };
}

/** Merges imported progress into the current one: completed steps unite, the later step wins. */
export function mergeProgress(current: Progress, incoming: Progress): Progress {
  const lessons: Record<string, LessonProgress> = { ...current.lessons };
  for (const [id, entry] of Object.entries(incoming.lessons)) {
    const mine = lessons[id];
    lessons[id] = mine
      ? {
          step: Math.max(mine.step, entry.step),
          completed: [...new Set([...mine.completed, ...entry.completed])],
          ...(mine.answers || entry.answers ? { answers: { ...mine.answers, ...entry.answers } } : {}),
        }
      : entry;
  }
  return { version: PROGRESS_VERSION, lessons };
}

/** Records the current step and, optionally, a completed step; the same object when nothing changed. */
export function recordStep(
  progress: Progress,
  lessonId: string,
  step: number,
  completedStepId?: string,
): Progress {
  const entry = progress.lessons[lessonId] ?? { step: 0, completed: [] };
  const completed =
    completedStepId === undefined || entry.completed.includes(completedStepId)
      ? entry.completed
      : [...entry.completed, completedStepId];
  if (progress.lessons[lessonId] && entry.step === step && completed === entry.completed) return progress;
  return {
    version: PROGRESS_VERSION,
    lessons: { ...progress.lessons, [lessonId]: { ...entry, step, completed } },
  };
}

/** Records the answer given at a step; the same object when it is unchanged. */
export function recordAnswer(
  progress: Progress,
  lessonId: string,
  stepId: string,
  answer: readonly string[],
): Progress {
  const entry = progress.lessons[lessonId] ?? { step: 0, completed: [] };
  const previous = entry.answers?.[stepId];
  if (previous && previous.length === answer.length && previous.every((a, i) => a === answer[i]))
    return progress;
  const answers = { ...entry.answers, [stepId]: [...answer] };
  return { version: PROGRESS_VERSION, lessons: { ...progress.lessons, [lessonId]: { ...entry, answers } } };
}
