/**
 * Parsing lessons: structure (zod), then meaning (validate-lesson.ts), every problem with
 * its path. Built over injected engine validators; `load-lesson.ts` binds the real engine.
 */
import { LESSON_SCHEMA_VERSION, LessonSchema, type LessonInput } from './lesson-schema.ts';
import type { LessonProblem } from './problems.ts';
import { isRecord, parseJsonSafely, type JsonLimits } from './safe-json.ts';
import { validateLessonMeaning, type LessonEngine } from './validate-lesson.ts';
import { zodIssuesToProblems } from './zod-problems.ts';

/** A valid lesson; `cluster` and `solution` are the engine's parsed values. */
export type LessonOf<Spec, Cmd> = Omit<LessonInput, 'cluster' | 'solution'> & {
  readonly cluster: Spec;
  readonly solution: readonly Cmd[];
};

export type ParseLessonResult<Spec, Cmd> =
  | { readonly ok: true; readonly lesson: LessonOf<Spec, Cmd> }
  | { readonly ok: false; readonly problems: readonly LessonProblem[] };

/** A lesson file as text, e.g. read from disk or a file picker. */
export interface LessonFile {
  readonly name: string;
  readonly text: string;
}

/** Per file: the lesson, or every problem in it. */
export type LoadedLesson<Spec, Cmd> =
  | { readonly name: string; readonly ok: true; readonly lesson: LessonOf<Spec, Cmd> }
  | { readonly name: string; readonly ok: false; readonly problems: readonly LessonProblem[] };

export interface LessonParser<Spec, Cmd> {
  parseLesson(input: unknown, source?: string): ParseLessonResult<Spec, Cmd>;
  loadLessons(files: readonly LessonFile[], limits?: JsonLimits): LoadedLesson<Spec, Cmd>[];
}

function notAnObject(input: unknown): string | null {
  if (isRecord(input)) return null;
  return `a lesson is a JSON object ({ "schemaVersion": ${LESSON_SCHEMA_VERSION}, "id": …, "steps": […] }), but this is ${
    Array.isArray(input) ? 'an array' : input === null ? 'null' : `a ${typeof input}`
  }`;
}

function versionProblem(input: Record<string, unknown>): LessonProblem | null {
  const version = input['schemaVersion'];
  if (typeof version === 'number' && version > LESSON_SCHEMA_VERSION) {
    return {
      path: 'schemaVersion',
      message: `this lesson uses format version ${version}, newer than this lab understands (${LESSON_SCHEMA_VERSION}): update the lab`,
    };
  }
  return null;
}

/** Builds `parseLesson` and `loadLessons` over the given engine validators. */
export function createLessonParser<Spec, Cmd>(engine: LessonEngine<Spec, Cmd>): LessonParser<Spec, Cmd> {
  function parseLesson(input: unknown, source?: string): ParseLessonResult<Spec, Cmd> {
    try {
      return parseChecked(input);
    } catch (error) {
      // A bug in a validator must not stop the other lessons from loading: report it as a problem.
      const message = error instanceof Error ? error.message : String(error);
      const where = source === undefined ? 'this lesson' : source;
      return { ok: false, problems: [{ path: '', message: `the lab failed to check ${where}: ${message}` }] };
    }
  }

  function parseChecked(input: unknown): ParseLessonResult<Spec, Cmd> {
    const shapeError = notAnObject(input);
    if (shapeError !== null) return { ok: false, problems: [{ path: '', message: shapeError }] };
    const tooNew = versionProblem(input as Record<string, unknown>);
    if (tooNew) return { ok: false, problems: [tooNew] };

    const structure = LessonSchema.safeParse(input);
    if (!structure.success)
      return { ok: false, problems: zodIssuesToProblems(structure.error.issues, input, '', LessonSchema) };

    // The engine parses the cluster and the solution as written: zod's output of a record
    // would have dropped a JSON "__proto__" key (set as the prototype) instead of refusing it.
    const raw = input as Record<string, unknown>;
    const meaning = validateLessonMeaning(
      {
        ...structure.data,
        cluster: raw['cluster'] as LessonInput['cluster'],
        solution: raw['solution'] as LessonInput['solution'],
      },
      engine,
    );
    if (meaning.problems.length > 0 || meaning.cluster === null || meaning.solution === null) {
      return { ok: false, problems: meaning.problems };
    }
    const { cluster: _cluster, solution: _solution, ...rest } = structure.data;
    const lesson: LessonOf<Spec, Cmd> = { ...rest, cluster: meaning.cluster, solution: meaning.solution };
    const replayed = engine.checkReplay?.(lesson) ?? [];
    if (replayed.length > 0) return { ok: false, problems: replayed };
    return { ok: true, lesson };
  }

  function loadLessons(files: readonly LessonFile[], limits: JsonLimits = {}): LoadedLesson<Spec, Cmd>[] {
    const ids = new Map<string, string>();
    return files.map((file): LoadedLesson<Spec, Cmd> => {
      const json = parseJsonSafely(file.text, limits);
      if (!json.ok) return { name: file.name, ok: false, problems: [{ path: '', message: json.message }] };
      const parsed = parseLesson(json.value, file.name);
      if (!parsed.ok) return { name: file.name, ok: false, problems: parsed.problems };
      const earlier = ids.get(parsed.lesson.id);
      if (earlier !== undefined) {
        return {
          name: file.name,
          ok: false,
          problems: [
            {
              path: 'id',
              message: `lesson id "${parsed.lesson.id}" is already used by ${earlier}: lesson ids must be unique`,
            },
          ],
        };
      }
      ids.set(parsed.lesson.id, file.name);
      return { name: file.name, ok: true, lesson: parsed.lesson };
    });
  }

  return { parseLesson, loadLessons };
}
