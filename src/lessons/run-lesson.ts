/**
 * The goal checks bound to the real engine: a goal context whose routes come from the
 * node's derived `ip route` table, and the replay of a lesson's solution (used by the
 * bundled-lessons test, the runner and the player's "Show solution").
 */
import {
  applyCommand,
  createCluster,
  nodeTables,
  type ClusterSpec,
  type ClusterState,
  type Command,
} from '../engine/index.ts';
import type { ExecAction, ScenarioAction } from '../shell/exec-action.ts';
import type { GoalContext, LogEntry } from './goal-context.ts';
import type { Lesson } from './load-lesson.ts';
import { checkLessonSolution, type SolutionCheck } from './solution-check.ts';

/** The node's routing table as `ip route` prints it, or undefined for an unknown node. */
export function routesOfNode(state: ClusterState, node: string): readonly string[] | undefined {
  return nodeTables(state, node)?.ipRoute;
}

/** A terminal line the student ran, as the store keeps it. */
export interface TerminalLine {
  readonly on: string;
  readonly command: string;
  readonly output: string;
}

/** A terminal line as a log entry (`exec`), the shape a replayed solution's exec action has. */
export function terminalEntry(line: TerminalLine): LogEntry {
  return {
    command: { type: 'exec', on: line.on, command: line.command } as LogEntry['command'],
    result: { ok: true, detail: { output: line.output } },
  };
}

/**
 * The context to evaluate goals against the live cluster and the actions taken so far;
 * terminal lines join the log as `exec` entries.
 */
export function createGoalContext(
  state: ClusterState,
  log: readonly LogEntry[],
  terminal: readonly TerminalLine[] = [],
): GoalContext {
  const all = terminal.length === 0 ? log : [...log, ...terminal.map(terminalEntry)];
  return { state, log: all, routesOf: (node) => routesOfNode(state, node) };
}

/** Runs an exec action on a state (the shell's `execOnState`; injected so the lessons layer stays small). */
export type ExecRunner = (
  state: ClusterState,
  action: ExecAction,
) => { state: ClusterState; output: string; status: number };

/**
 * Replays `lesson.solution` from `lesson.cluster` and `lesson.seed`; one check per task goal
 * and prediction. Exec actions (terminal lines) run through `exec`; without it (the browser,
 * which loads the shell only with the terminal) they are logged with no output.
 */
export function runLessonSolution(lesson: Lesson, exec?: ExecRunner): SolutionCheck {
  const apply = (state: ClusterState, command: ScenarioAction | Command) => {
    if (command.type !== 'exec') return applyCommand(state, command);
    const action = command as ExecAction;
    const r = exec?.(state, action) ?? { state, output: '', status: 0 };
    return { state: r.state, result: { ok: true, detail: { output: r.output, status: r.status } } };
  };
  return checkLessonSolution<ClusterState, ClusterSpec, ScenarioAction>(
    lesson,
    { createCluster, applyCommand: apply },
    routesOfNode,
  );
}

/**
 * How many solution actions the steps before `index` (counted from 0) need: the longest
 * prefix of the solution any of their goals was met at. 0 when none needs one. A goal on a
 * terminal line's output is met only when `exec` runs the lines (see `loadSolutionPrefix`).
 */
export function solutionPrefixBefore(lesson: Lesson, index: number, exec?: ExecRunner): number {
  if (index <= 0) return 0;
  const before = new Set(lesson.steps.slice(0, index).map((s) => s.id));
  const run = runLessonSolution(lesson, exec);
  if (!run.ok) return 0;
  return run.checks
    .filter((c) => c.kind === 'goal' && before.has(c.step) && c.met)
    .reduce((n, c) => Math.max(n, c.solutionIndex ?? 0), 0);
}

/** True when the lesson's solution has terminal lines (exec actions). */
export function hasExecActions(lesson: Lesson): boolean {
  return lesson.solution.some((a) => a.type === 'exec');
}

/**
 * `solutionPrefixBefore` with the solution's terminal lines run in the shell, so a step met
 * by a line's output (`ss -lnt` shows :9113) counts. The shell is loaded only for a lesson
 * whose solution has such lines (the browser loads it with the terminal).
 */
export async function loadSolutionPrefix(lesson: Lesson, index: number): Promise<number> {
  if (index <= 0 || !hasExecActions(lesson)) return solutionPrefixBefore(lesson, index);
  const { execOnState } = await import('../shell/run-exec.ts');
  return solutionPrefixBefore(lesson, index, execOnState);
}
