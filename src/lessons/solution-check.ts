/**
 * Replays a lesson's solution and checks every task goal and every prediction, the way the
 * unit test of the bundled course and `npm run lab -- run LESSON` do.
 *
 * Steps are walked in order against the growing prefix of the solution: a task's goal must be
 * met after some prefix at least as long as the one that met the previous task, so a lesson
 * can break the cluster in one task ("see the trace dropped") and fix it in a later one.
 * A prediction is checked by tracing on the state reached at that point.
 */
import { evaluateGoal } from './goals.ts';
import type { GoalState, LogEntry, ResultLike } from './goal-context.ts';
import { traceOf } from './goal-context.ts';
import type { LessonOf } from './lesson-parser.ts';
import { checkPrediction } from './prediction.ts';
import { joinPath } from './problems.ts';

/** A trace command, as the engine's `Command` union has it. */
export interface TraceCommand {
  readonly type: 'trace';
  readonly from: string;
  readonly to: string;
  readonly protocol: 'icmp' | 'tcp' | 'udp' | 'sctp';
  readonly port?: number;
}

/** The engine functions a replay needs (the real `createCluster` and `applyCommand` fit). */
export interface ReplayEngine<S extends GoalState, Spec, Cmd extends { readonly type: string }> {
  createCluster(
    spec: Spec,
    seed?: number,
  ):
    | { readonly ok: true; readonly state: S }
    | { readonly ok: false; readonly problems: readonly { path: string; message: string }[] };
  applyCommand(state: S, command: Cmd | TraceCommand): { readonly state: S; readonly result: ResultLike };
}

/** One checked step: a task's goal or a prediction. `solutionIndex` is the prefix length that met it. */
export interface StepCheck {
  readonly step: string;
  readonly kind: 'goal' | 'prediction';
  readonly met: boolean;
  readonly detail: string;
  readonly solutionIndex?: number;
}

export type SolutionCheck =
  | {
      readonly ok: true;
      readonly checks: readonly StepCheck[];
      readonly allMet: boolean;
      readonly log: readonly LogEntry[];
    }
  | { readonly ok: false; readonly problems: readonly { path: string; message: string }[] };

/** Replays the solution and checks each task goal and prediction in step order. */
export function checkLessonSolution<S extends GoalState, Spec, Cmd extends { readonly type: string }>(
  lesson: LessonOf<Spec, Cmd>,
  engine: ReplayEngine<S, Spec, Cmd>,
  routesOf?: (state: S, node: string) => readonly string[] | undefined,
): SolutionCheck {
  const created = engine.createCluster(lesson.cluster, lesson.seed);
  if (!created.ok) {
    return {
      ok: false,
      problems: created.problems.map((p) => ({ path: joinPath('cluster', p.path), message: p.message })),
    };
  }

  const states: S[] = [created.state];
  const log: LogEntry[] = [];
  for (const command of lesson.solution) {
    const previous = states[states.length - 1] ?? created.state;
    const { state, result } = engine.applyCommand(previous, command);
    states.push(state);
    log.push({ command, result });
  }

  const contextAt = (k: number) => {
    const state = states[k] ?? created.state;
    const base = { state, log: log.slice(0, k) };
    return routesOf ? { ...base, routesOf: (node: string) => routesOf(state, node) } : base;
  };

  const checks: StepCheck[] = [];
  let cursor = 0;
  for (const step of lesson.steps) {
    if (step.type === 'task') {
      // The first point from `cursor` on where the goal is met; else the status after the whole solution.
      let k = cursor;
      let status = evaluateGoal(step.goal, contextAt(k));
      while (!status.met && k < log.length) {
        k++;
        status = evaluateGoal(step.goal, contextAt(k));
      }
      if (status.met) {
        cursor = k;
        checks.push({ step: step.id, kind: 'goal', met: true, detail: status.detail, solutionIndex: k });
      } else {
        checks.push({
          step: step.id,
          kind: 'goal',
          met: false,
          detail: `not met after the whole solution: ${status.detail}`,
        });
      }
    }
    if (step.type === 'predict') {
      const state = states[cursor] ?? created.state;
      const { from, to, protocol, port } = step.trace;
      const command: TraceCommand =
        port === undefined
          ? { type: 'trace', from, to, protocol }
          : { type: 'trace', from, to, protocol, port };
      const traced = engine.applyCommand(state, command);
      const trace = traceOf({ command: { type: 'trace' }, result: traced.result });
      if (!trace) {
        const why = traced.result.error?.message ?? 'the engine returned no trace';
        checks.push({
          step: step.id,
          kind: 'prediction',
          met: false,
          detail: `the trace could not run: ${why}`,
        });
      } else {
        const verdict = checkPrediction(step.ask, step.answer, trace);
        checks.push({
          step: step.id,
          kind: 'prediction',
          met: verdict.correct,
          detail: verdict.message,
          solutionIndex: cursor,
        });
      }
    }
  }
  return { ok: true, checks, allMet: checks.every((c) => c.met), log };
}
