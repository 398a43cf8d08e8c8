/**
 * The runner's input: a scenario `{ cluster, actions, seed? }` or a lesson file
 * `{ schemaVersion, cluster, solution, seed? }` (its solution is replayed as actions).
 */
import { applyCommands } from './apply-command.ts';
import { createCluster } from './create-cluster.ts';
import { buildReport, type RunnerReport } from './report.ts';
import type { Problem } from './result.ts';
import { parseClusterSpec, parseCommands } from './spec-schema.ts';

/** The phases `runScenario` reports to its `mark` callback, each when it ends. */
export type ScenarioPhase = 'validate' | 'engine' | 'report';

/**
 * Runs a scenario or lesson value; problems name JSON paths. `mark` is called as each phase
 * ends (the engine keeps no clock: a caller that times phases reads its own).
 */
export function runScenario(
  input: unknown,
  opts: { summary?: boolean; mark?: (phase: ScenarioPhase) => void } = {},
): { ok: true; report: RunnerReport } | { ok: false; problems: Problem[] } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return {
      ok: false,
      problems: [{ path: '(root)', message: 'expected an object with "cluster" and "actions"' }],
    };
  }
  const doc = input as Record<string, unknown>;
  const isLesson = doc['actions'] === undefined && doc['solution'] !== undefined;
  const actionsKey = isLesson ? 'solution' : 'actions';
  const problems: Problem[] = [];
  if (doc['cluster'] === undefined) problems.push({ path: 'cluster', message: 'is required' });
  const seed = doc['seed'] ?? 1;
  if (typeof seed !== 'number' || !Number.isInteger(seed))
    problems.push({ path: 'seed', message: 'expected an integer' });
  const spec = parseClusterSpec(doc['cluster'] ?? {}, 'cluster');
  if (!spec.ok && doc['cluster'] !== undefined) problems.push(...spec.problems);
  const actions = parseCommands(doc[actionsKey] ?? [], actionsKey);
  if (!actions.ok) problems.push(...actions.problems);
  if (problems.length > 0 || !spec.ok || !actions.ok || typeof seed !== 'number')
    return { ok: false, problems };
  opts.mark?.('validate');
  const created = createCluster(spec.value, seed);
  if (!created.ok)
    return {
      ok: false,
      problems: created.problems.map((p) => ({
        ...p,
        path: p.path === '' ? 'cluster' : `cluster.${p.path}`,
      })),
    };
  const { state, results } = applyCommands(created.state, actions.value);
  opts.mark?.('engine');
  const report = buildReport(state, results, opts);
  opts.mark?.('report');
  return { ok: true, report };
}
