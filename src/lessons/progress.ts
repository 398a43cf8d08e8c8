/**
 * The student's saved progress: versioned, migrated from older shapes, and read so that a
 * corrupted entry costs only that lesson's progress, never the rest.
 *
 * Version 0 (the first prototype) was `{ [lessonId]: stepIndex }`.
 * Version 1 is `{ version: 1, lessons: { [lessonId]: { step, completed, answers? } } }`.
 */
import { KEBAB_ID } from './lesson-ids.ts';
// dict.ts directly, not the engine's index: progress is read on the course page, before the engine loads.
import { dict, own } from '../engine/util/dict.ts';
import { isRecord, parseJsonSafely } from './safe-json.ts';

export const PROGRESS_VERSION = 1;
/** More lessons than this in a saved file is not a real course: the rest is dropped. */
export const MAX_SAVED_LESSONS = 1000;
/** The largest progress file an import reads (2 MiB of text). */
export const MAX_PROGRESS_CHARS = 2 * 1024 * 1024;

/** One lesson's saved progress. */
export interface LessonProgress {
  /** The step the student is on (index into the lesson's steps). */
  step: number;
  /** Ids of the steps the student has completed. */
  completed: string[];
  /** Answers given, per step id: quiz choice ids, or a prediction as one string. */
  answers?: Record<string, string[]>;
  /** When this lesson's entry last changed (ms since 1970, stamped by the app): import keeps the newer. */
  updatedAt?: number;
}

// The field checks, written out rather than with zod so that the course page, which reads the
// saved progress, does not download the schema library.
const isStep = (v: unknown): v is number =>
  Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 10_000;
const isUpdatedAt = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isStepId = (v: unknown): v is string => typeof v === 'string' && KEBAB_ID.test(v);
const isAnswer = (v: unknown): v is string[] =>
  Array.isArray(v) && v.length <= 100 && v.every((a) => typeof a === 'string' && a.length <= 1000);

/** The entry when every field is valid (unknown fields left out), else null. */
function readWholeEntry(value: unknown): LessonProgress | null {
  if (!isRecord(value)) return null;
  const { step, completed, answers, updatedAt } = value;
  if (!isStep(step)) return null;
  if (!Array.isArray(completed) || completed.length > 10_000 || !completed.every(isStepId)) return null;
  let keptAnswers: Record<string, string[]> | undefined;
  if (answers !== undefined) {
    if (!isRecord(answers)) return null;
    keptAnswers = dict();
    for (const stepId of Object.keys(answers)) {
      // A "__proto__" key is left out, as a record parser leaves it out, and not an error.
      if (stepId === '__proto__') continue;
      const answer = answers[stepId];
      if (!isStepId(stepId) || !isAnswer(answer)) return null;
      keptAnswers[stepId] = [...answer];
    }
  }
  if (updatedAt !== undefined && !isUpdatedAt(updatedAt)) return null;
  return {
    step,
    completed: [...completed],
    ...(keptAnswers !== undefined ? { answers: keptAnswers } : {}),
    ...(updatedAt !== undefined ? { updatedAt } : {}),
  };
}

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
  return { version: PROGRESS_VERSION, lessons: dict() };
}

/** Options for reading progress: lessons to keep whatever else is saved (the course's own). */
export interface ReadOptions {
  readonly keep?: ReadonlySet<string>;
}

/** An entry read back, and a sentence per field that had to be dropped from it. */
type ReadEntry = { entry: LessonProgress; dropped: string[] } | string;

function readEntries(
  entries: [string, unknown][],
  read: (value: unknown) => ReadEntry,
  opts: ReadOptions = {},
): ParsedProgress {
  const dropped: string[] = [];
  const kept: [string, LessonProgress][] = [];
  let over = 0;
  for (const [id, value] of entries) {
    if (!KEBAB_ID.test(id)) {
      dropped.push(`"${id.slice(0, 60)}": not a lesson id`);
      continue;
    }
    // Past the cap only the course's own lessons are still read: they are never lost to other entries.
    if (kept.length >= MAX_SAVED_LESSONS && !opts.keep?.has(id)) {
      over += 1;
      continue;
    }
    const read_ = read(value);
    if (typeof read_ === 'string') dropped.push(`lesson "${id}": ${read_}`);
    else {
      kept.push([id, read_.entry]);
      dropped.push(...read_.dropped.map((d) => `lesson "${id}": ${d}`));
    }
  }
  if (over > 0) dropped.push(`${over} other lessons: more than ${MAX_SAVED_LESSONS} lessons saved`);
  return { progress: { version: PROGRESS_VERSION, lessons: dict(Object.fromEntries(kept)) }, dropped };
}

const short = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
};

/** Reads an entry field by field: a bad field is dropped (and named), the rest of the lesson kept. */
function readV1Entry(value: unknown): ReadEntry {
  const whole = readWholeEntry(value);
  if (whole) return { entry: whole, dropped: [] };
  if (!isRecord(value)) return 'not an object';
  const dropped: string[] = [];
  const step = value['step'];
  if (!isStep(step)) dropped.push(`step ${short(value['step'])} (not a step number; back to step 1)`);
  const completed: string[] = [];
  const rawCompleted = value['completed'];
  if (Array.isArray(rawCompleted)) {
    for (const id of rawCompleted.slice(0, 10_000))
      if (typeof id === 'string' && KEBAB_ID.test(id)) completed.push(id);
      else dropped.push(`completed step ${short(id)}`);
  } else if (rawCompleted !== undefined) dropped.push(`completed ${short(rawCompleted)} (not a list)`);
  let answers: Record<string, string[]> | undefined;
  const rawAnswers = value['answers'];
  if (isRecord(rawAnswers)) {
    const kept: [string, string[]][] = [];
    for (const [stepId, answer] of Object.entries(rawAnswers)) {
      const ok =
        KEBAB_ID.test(stepId) &&
        Array.isArray(answer) &&
        answer.length <= 100 &&
        answer.every((a) => typeof a === 'string' && a.length <= 1000);
      if (ok) kept.push([stepId, answer as string[]]);
      else dropped.push(`the answer to "${stepId.slice(0, 60)}"`);
    }
    answers = dict(Object.fromEntries(kept));
  } else if (rawAnswers !== undefined) dropped.push('answers (not an object)');
  const updatedAt = value['updatedAt'];
  const updatedAtOk = updatedAt === undefined || isUpdatedAt(updatedAt);
  if (!updatedAtOk) dropped.push('updatedAt');
  return {
    entry: {
      step: isStep(step) ? step : 0,
      completed,
      ...(answers !== undefined ? { answers } : {}),
      ...(updatedAtOk && updatedAt !== undefined ? { updatedAt } : {}),
    },
    dropped,
  };
}

function readV0Entry(value: unknown): ReadEntry {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 10_000)
    return 'the step is not a number';
  return { entry: { step: value, completed: [] }, dropped: [] };
}

/**
 * Reads saved progress of any known version. Never fails: what cannot be read is dropped
 * and listed in `dropped`; valid lessons are kept.
 */
export function parseProgress(input: unknown, opts: ReadOptions = {}): ParsedProgress {
  if (input === undefined || input === null) return { progress: createEmptyProgress(), dropped: [] };
  if (!isRecord(input))
    return { progress: createEmptyProgress(), dropped: ['the saved progress is not an object'] };
  if (!('version' in input)) return readEntries(Object.entries(input), readV0Entry, opts);
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
  return readEntries(Object.entries(lessons), readV1Entry, opts);
}

/** The progress as JSON text, to download or copy to another machine. */
export function exportProgress(progress: Progress): string {
  return `${JSON.stringify(progress, null, 2)}\n`;
}

/**
 * Reads exported progress text; invalid JSON, a value that is not progress at all and a
 * file from a newer version fail with the reason; invalid entries are dropped and listed.
 */
export function importProgress(
  text: string,
  opts: ReadOptions = {},
): ({ ok: true } & ParsedProgress) | { ok: false; message: string } {
  const json = parseJsonSafely(text, { maxChars: MAX_PROGRESS_CHARS, maxDepth: 16, subject: 'progress' });
  if (!json.ok) return { ok: false, message: json.message };
  if (!isRecord(json.value)) return { ok: false, message: 'the file holds no progress (expected an object)' };
  const parsed = parseProgress(json.value, opts);
  const version = json.value['version'];
  if ('version' in json.value && version !== PROGRESS_VERSION)
    return {
      ok: false,
      message:
        typeof version === 'number' && version > PROGRESS_VERSION
          ? `it was saved by a newer version of the lab (version ${version}); update this page, then import it`
          : `its version ${short(version)} is not one this lab knows`,
    };
  if ('version' in json.value && !isRecord(json.value['lessons']))
    return { ok: false, message: '"lessons" is not an object' };
  return { ok: true, ...parsed };
}

/** The student's message after an import: what was added, merged, kept and refused. */
export function describeImport(report: MergeReport, refused: readonly string[]): string {
  const list = (ids: readonly string[]) =>
    `${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ` and ${ids.length - 5} more` : ''}`;
  const parts = [
    report.added.length
      ? `added ${report.added.length} lesson${report.added.length === 1 ? '' : 's'} (${list(report.added)})`
      : '',
    report.merged.length ? `merged ${report.merged.length} (${list(report.merged)})` : '',
    report.keptNewer.length ? `kept your newer answers for ${list(report.keptNewer)}` : '',
    refused.length
      ? `refused: ${refused.slice(0, 5).join('; ')}${refused.length > 5 ? `; and ${refused.length - 5} more` : ''}`
      : '',
  ].filter(Boolean);
  return parts.length
    ? `Progress imported: ${parts.join('; ')}.`
    : 'The file holds no lessons; nothing changed.';
}

/** What a merge did, per lesson, for the student. */
export interface MergeReport {
  readonly progress: Progress;
  /** Lessons that were not in the current progress. */
  readonly added: readonly string[];
  /** Lessons in both, merged field by field. */
  readonly merged: readonly string[];
  /** Answers the current progress kept because they are newer than the incoming ones. */
  readonly keptNewer: readonly string[];
}

/**
 * Merges `incoming` into `current`, field by field: completed steps unite; the step and
 * each answer come from the entry changed last (`updatedAt`; without one, the current
 * entry's answers stay and the later step wins).
 */
export function mergeProgressReport(current: Progress, incoming: Progress): MergeReport {
  const lessons: Record<string, LessonProgress> = dict(current.lessons);
  const added: string[] = [];
  const merged: string[] = [];
  const keptNewer: string[] = [];
  for (const [id, entry] of Object.entries(incoming.lessons)) {
    const mine = Object.hasOwn(lessons, id) ? lessons[id] : undefined;
    if (!mine) {
      lessons[id] = entry;
      added.push(id);
      continue;
    }
    merged.push(id);
    const theirsNewer = (entry.updatedAt ?? -1) > (mine.updatedAt ?? -1);
    const [older, newer] = theirsNewer ? [mine, entry] : [entry, mine];
    const answers: Record<string, string[]> = dict({ ...older.answers, ...newer.answers });
    if (!theirsNewer)
      for (const step of Object.keys(entry.answers ?? {}))
        if (
          mine.answers &&
          Object.hasOwn(mine.answers, step) &&
          JSON.stringify(mine.answers[step]) !== JSON.stringify(entry.answers?.[step])
        )
          keptNewer.push(`${id}/${step}`);
    const updatedAt = Math.max(mine.updatedAt ?? -1, entry.updatedAt ?? -1);
    lessons[id] = {
      step:
        mine.updatedAt !== undefined || entry.updatedAt !== undefined
          ? newer.step
          : Math.max(mine.step, entry.step),
      completed: [...new Set([...mine.completed, ...entry.completed])],
      ...(mine.answers || entry.answers ? { answers } : {}),
      ...(updatedAt >= 0 ? { updatedAt } : {}),
    };
  }
  return { progress: { version: PROGRESS_VERSION, lessons }, added, merged, keptNewer };
}

/** Merges imported progress into the current one (see `mergeProgressReport`). */
export function mergeProgress(current: Progress, incoming: Progress): Progress {
  return mergeProgressReport(current, incoming).progress;
}

/** A copy of `lessons` with `id` set (prototype-less: a lesson id may be "constructor"). */
function withLesson(
  lessons: Readonly<Record<string, LessonProgress>>,
  id: string,
  entry: LessonProgress,
): Record<string, LessonProgress> {
  const out = dict(lessons);
  out[id] = entry;
  return out;
}

/** Records the current step and, optionally, a completed step; the same object when nothing changed. */
export function recordStep(
  progress: Progress,
  lessonId: string,
  step: number,
  completedStepId?: string,
): Progress {
  const saved = own(progress.lessons, lessonId);
  const entry = saved ?? { step: 0, completed: [] };
  const completed =
    completedStepId === undefined || entry.completed.includes(completedStepId)
      ? entry.completed
      : [...entry.completed, completedStepId];
  if (saved && entry.step === step && completed === entry.completed) return progress;
  return {
    version: PROGRESS_VERSION,
    lessons: withLesson(progress.lessons, lessonId, { ...entry, step, completed }),
  };
}

/** Records the answer given at a step; the same object when it is unchanged. */
export function recordAnswer(
  progress: Progress,
  lessonId: string,
  stepId: string,
  answer: readonly string[],
): Progress {
  const entry = own(progress.lessons, lessonId) ?? { step: 0, completed: [] };
  const previous = entry.answers === undefined ? undefined : own(entry.answers, stepId);
  if (previous && previous.length === answer.length && previous.every((a, i) => a === answer[i]))
    return progress;
  const answers = dict(entry.answers);
  answers[stepId] = [...answer];
  return {
    version: PROGRESS_VERSION,
    lessons: withLesson(progress.lessons, lessonId, { ...entry, answers }),
  };
}
