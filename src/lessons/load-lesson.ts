/**
 * The lesson loader bound to the real engine: `parseLesson` for a value, `loadLessons` for
 * files as text. One broken lesson never stops the others.
 */
import { parseClusterSpec, type ClusterSpec } from '../engine/index.ts';
import { parseScenarioAction, type ScenarioAction } from '../shell/exec-action.ts';
import {
  createLessonParser,
  type LessonFile,
  type LessonOf,
  type LoadedLesson,
  type ParseLessonResult,
} from './lesson-parser.ts';
import type { JsonLimits } from './safe-json.ts';

/** A valid lesson with the engine's parsed cluster spec and actions (engine commands and terminal lines). */
export type Lesson = LessonOf<ClusterSpec, ScenarioAction>;

const parser = createLessonParser<ClusterSpec, ScenarioAction>({
  parseClusterSpec,
  parseCommand: parseScenarioAction,
});

/** Validates a lesson value (structure, then meaning); every problem with its JSON path. */
export function parseLesson(input: unknown, source?: string): ParseLessonResult<ClusterSpec, ScenarioAction> {
  return parser.parseLesson(input, source);
}

/** Parses each file's JSON text safely and validates it; one result per file, in order. */
export function loadLessons(
  files: readonly LessonFile[],
  limits?: JsonLimits,
): LoadedLesson<ClusterSpec, ScenarioAction>[] {
  return parser.loadLessons(files, limits);
}
