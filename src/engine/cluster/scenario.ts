/**
 * The runner's input: a scenario `{ cluster, actions?, seed? }`. Every level refuses keys it
 * does not know (`"action": unknown field; did you mean "actions"?`), so a typo never drops
 * work silently. A lesson file is validated by the lessons layer and run through here with its
 * solution as the actions.
 */
import { applyCommands } from '../commands/apply-command.ts';
import { createCluster } from './create-cluster.ts';
import { buildReport, type RunnerReport } from './report.ts';
import type { Parsed, Problem } from '../spec/result.ts';
import { parseClusterSpec, parseCommands } from '../spec/spec-schema.ts';
import type { ClusterSpec, Command } from '../state/types.ts';
import { int, object, opt, type Check } from '../spec/validate.ts';

/** The phases `runScenario` reports to its `mark` callback, each when it ends. */
export type ScenarioPhase = 'validate' | 'engine' | 'report';

/** Options of a run: `mark` is called as each phase ends (the engine keeps no clock). */
export interface ScenarioOptions {
  readonly summary?: boolean;
  readonly mark?: (phase: ScenarioPhase) => void;
}

/** A scenario after validation. */
export interface Scenario {
  readonly cluster: ClusterSpec;
  readonly actions: readonly Command[];
  readonly seed: number;
}

const anyValue: Check<unknown> = (v) => v;
/** The scenario's top-level fields: the one list the runner and its messages use. */
const scenarioFields = {
  cluster: opt(anyValue),
  actions: opt(anyValue),
  seed: opt(int(0, 4294967295)),
};
export const SCENARIO_FIELDS = Object.keys(scenarioFields) as ReadonlyArray<keyof typeof scenarioFields>;
const scenarioShape = object(scenarioFields);

/**
 * The top level of a scenario alone (an object, no unknown key, a valid seed): for runners
 * that parse the actions their own way (the shell's, with `exec` actions).
 */
export function scenarioTopProblems(input: unknown): Problem[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return [{ path: '(root)', message: 'expected an object with "cluster" and "actions"' }];
  const problems: Problem[] = [];
  scenarioShape(input, '', problems);
  return problems;
}

/**
 * Validates a scenario value: the top level, the cluster through the engine's spec parser and
 * `createCluster` (so a node IP `999.1.1.1` is refused here, as everywhere), and every action.
 */
export function parseScenario(input: unknown): Parsed<Scenario> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return {
      ok: false,
      problems: [{ path: '(root)', message: 'expected an object with "cluster" and "actions"' }],
    };
  }
  const problems: Problem[] = [];
  const top = scenarioShape(input, '', problems);
  if (top === undefined && problems.length === 0) problems.push({ path: '(root)', message: 'is invalid' });
  const doc = input as Record<string, unknown>;
  if (!Object.hasOwn(doc, 'cluster')) problems.push({ path: 'cluster', message: 'is required' });
  else {
    const spec = parseClusterSpec(doc['cluster'], 'cluster');
    if (!spec.ok) problems.push(...spec.problems);
  }
  const actions = parseCommands(Object.hasOwn(doc, 'actions') ? doc['actions'] : [], 'actions');
  if (!actions.ok) problems.push(...actions.problems);
  if (problems.length > 0 || top === undefined || !actions.ok) return { ok: false, problems };
  const cluster = doc['cluster'] as ClusterSpec;
  return { ok: true, value: { cluster, actions: actions.value, seed: top.seed ?? 1 } };
}

/** Runs a scenario value; problems name JSON paths. */
export function runScenario(
  input: unknown,
  opts: ScenarioOptions = {},
): { ok: true; report: RunnerReport } | { ok: false; problems: Problem[] } {
  const parsed = parseScenario(input);
  if (!parsed.ok) return parsed;
  opts.mark?.('validate');
  return runParsedScenario(parsed.value, opts);
}

/** Runs a validated scenario (a lesson's cluster and solution, for example). */
export function runParsedScenario(
  scenario: Scenario,
  opts: ScenarioOptions = {},
): { ok: true; report: RunnerReport } | { ok: false; problems: Problem[] } {
  const created = createCluster(scenario.cluster, scenario.seed);
  if (!created.ok)
    return {
      ok: false,
      problems: created.problems.map((p) => ({
        ...p,
        path: p.path === '' ? 'cluster' : `cluster.${p.path}`,
      })),
    };
  const { state, results } = applyCommands(created.state, scenario.actions);
  opts.mark?.('engine');
  const report = buildReport(state, results, opts);
  opts.mark?.('report');
  return { ok: true, report };
}
