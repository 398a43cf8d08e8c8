/**
 * The lesson loader bound to the real engine: `parseLesson` for a value, `loadLessons` for
 * files as text. One broken lesson never stops the others.
 */
import { parseClusterSpec, parseCommand, type ClusterSpec, type Command } from '../engine/index.ts';
import {
  createLessonParser,
  type LessonFile,
  type LessonOf,
  type LoadedLesson,
  type ParseLessonResult,
} from './lesson-parser.ts';
import type { JsonLimits } from './safe-json.ts';

/** A valid lesson with the engine's parsed cluster spec and commands. */
export type Lesson = LessonOf<ClusterSpec, Command>;

const parser = createLessonParser<ClusterSpec, Command>({ parseClusterSpec, parseCommand });

/** Validates a lesson value (structure, then meaning); every problem with its JSON path. */
export function parseLesson(input: unknown, source?: string): ParseLessonResult<ClusterSpec, Command> {
  return parser.parseLesson(input, source);
}

/** Parses each file's JSON text safely and validates it; one result per file, in order. */
export function loadLessons(
  files: readonly LessonFile[],
  limits?: JsonLimits,
): LoadedLesson<ClusterSpec, Command>[] {
  return parser.loadLessons(files, limits);
}
