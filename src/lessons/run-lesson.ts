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
import type { GoalContext, LogEntry } from './goal-context.ts';
import type { Lesson } from './load-lesson.ts';
import { checkLessonSolution, type SolutionCheck } from './solution-check.ts';

/** The node's routing table as `ip route` prints it, or undefined for an unknown node. */
export function routesOfNode(state: ClusterState, node: string): readonly string[] | undefined {
  return nodeTables(state, node)?.ipRoute;
}

/** The context to evaluate goals against the live cluster and the actions taken so far. */
export function createGoalContext(state: ClusterState, log: readonly LogEntry[]): GoalContext {
  return { state, log, routesOf: (node) => routesOfNode(state, node) };
}

/** Replays `lesson.solution` from `lesson.cluster` and `lesson.seed`; one check per task goal and prediction. */
export function runLessonSolution(lesson: Lesson): SolutionCheck {
  return checkLessonSolution<ClusterState, ClusterSpec, Command>(
    lesson,
    { createCluster, applyCommand },
    routesOfNode,
  );
}

/**
 * How many solution actions the steps before `index` (counted from 0) need: the longest
 * prefix of the solution any of their goals was met at. 0 when none needs one.
 */
export function solutionPrefixBefore(lesson: Lesson, index: number): number {
  if (index <= 0) return 0;
  const before = new Set(lesson.steps.slice(0, index).map((s) => s.id));
  const run = runLessonSolution(lesson);
  if (!run.ok) return 0;
  return run.checks
    .filter((c) => c.kind === 'goal' && before.has(c.step) && c.met)
    .reduce((n, c) => Math.max(n, c.solutionIndex ?? 0), 0);
}
