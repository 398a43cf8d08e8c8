/**
 * The one lesson validation, bound to the real engine: `lab check`, `lab run` and the
 * browser (file picker, drag and drop, bundled course, links) all load a lesson through
 * `loadLesson` / `loadLessons` (text) or `parseLesson` (a value), so they cannot disagree.
 * Structure, then meaning (the cluster and the solution through the engine's own parsers,
 * every reference), then the replay: the cluster built by `createCluster` and the solution
 * applied, so a node IP `999.1.1.1` or a goal the solution leaves unmet is refused, naming
 * the step. One broken lesson never stops the others.
 */
import { parseClusterSpec, type ClusterSpec } from '../engine/index.ts';
import { parseScenarioAction, type ScenarioAction } from '../shell/exec-action.ts';
import type { Goal } from './goal-schema.ts';
import {
  createLessonParser,
  type LessonFile,
  type LessonOf,
  type LoadedLesson,
  type ParseLessonResult,
} from './lesson-parser.ts';
import { formatProblem, type LessonProblem } from './problems.ts';
import { runLessonSolution } from './run-lesson.ts';
import type { JsonLimits } from './safe-json.ts';

/** A valid lesson with the engine's parsed cluster spec and commands. */
export type Lesson = LessonOf<ClusterSpec, ScenarioAction>;

/** Does the goal read a terminal line's output (which only the shell can produce)? */
function readsTerminalOutput(goal: Goal): boolean {
  if (goal.type === 'commandOutput') return true;
  return (goal.type === 'all' || goal.type === 'any') && goal.goals.some(readsTerminalOutput);
}

/**
 * What the replay of a lesson's solution refuses: a cluster the engine cannot build, an unmet
 * goal. The replay runs without the shell (the browser loads it only with the terminal), so a
 * goal on a terminal line's output is judged by `lab run`'s report, not here.
 */
function checkReplay(lesson: Lesson): LessonProblem[] {
  const run = runLessonSolution(lesson);
  if (!run.ok) return [...run.problems];
  const problems: LessonProblem[] = [];
  for (const check of run.checks) {
    if (check.met) continue;
    const index = lesson.steps.findIndex((s) => s.id === check.step);
    const step = lesson.steps[index];
    if (step?.type === 'task' && readsTerminalOutput(step.goal)) continue;
    if (check.kind === 'goal')
      problems.push({
        path: `steps[${index}].goal`,
        message: `the solution does not meet the goal of step "${check.step}": ${check.detail}`,
      });
    else
      problems.push({
        path: `steps[${index}].answer`,
        message: `the answer of step "${check.step}" is not what the trace shows: ${check.detail}`,
      });
  }
  return problems;
}

const parser = createLessonParser<ClusterSpec, ScenarioAction>({
  parseClusterSpec,
  parseCommand: parseScenarioAction,
  checkReplay,
});

/** Validates a lesson value (structure, meaning, replay); every problem with its JSON path. */
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

/** One lesson file as text (a BOM is accepted); the lesson, or every problem in it. */
export function loadLesson(file: LessonFile, limits?: JsonLimits): LoadedLesson<ClusterSpec, ScenarioAction> {
  const [result] = parser.loadLessons([file], limits);
  return result ?? { name: file.name, ok: false, problems: [{ path: '', message: 'the file is empty' }] };
}

/**
 * A lesson file's verdict as the browser shows it (the editor, a dropped or picked file):
 * the lesson, or its problems as `PATH: message` lines, the CLI's lines without `FILE: `.
 */
export function checkLessonFile(file: LessonFile): { lesson: Lesson | null; problems: string[] } {
  const loaded = loadLesson(file);
  return loaded.ok
    ? { lesson: loaded.lesson, problems: [] }
    : { lesson: null, problems: loaded.problems.map(formatProblem) };
}
