/**
 * The runner over scenarios whose actions may include `exec` (terminal lines): engine
 * commands are applied as `runScenario` applies them, exec actions run in the shell, and
 * the report adds `exec: [{ index, on, command, status, output }]`. A tcpdump started by an
 * exec action prints the packets of the traces after it (trace actions and exec pings)
 * and is stopped at the end of the run, as Ctrl-C would.
 */
import {
  applyCommands,
  buildReport,
  createCluster,
  parseClusterSpec,
  type ClusterState,
  type Command,
  type CommandResult,
  type Problem,
  type RunnerReport,
  type TraceResult,
} from '../engine/index.ts';
import { isExecAction, parseScenarioAction, type ScenarioAction } from './exec-action.ts';
import { createLocalHost } from './local-host.ts';
import { runExecAction } from './run-exec.ts';
import { createCaptureTracker } from './captures.ts';

/** One exec action's entry in the report. */
export interface ExecReport {
  index: number;
  on: string;
  command: string;
  status: number;
  output: string;
}

export type ShellReport = RunnerReport & { exec?: ExecReport[] };

function parseActions(
  input: unknown,
  path: string,
): { ok: true; value: ScenarioAction[] } | { ok: false; problems: Problem[] } {
  if (!Array.isArray(input))
    return { ok: false, problems: [{ path, message: 'expected an array of actions' }] };
  const value: ScenarioAction[] = [];
  const problems: Problem[] = [];
  input.forEach((item: unknown, i) => {
    const p = parseScenarioAction(item, `${path}[${i}]`);
    if (p.ok) value.push(p.value);
    else problems.push(...p.problems);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value };
}

/** Runs a scenario or lesson value (its solution as the actions); problems name JSON paths. */
export function runShellScenario(
  input: unknown,
  opts: { summary?: boolean } = {},
): { ok: true; report: ShellReport } | { ok: false; problems: Problem[] } {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return {
      ok: false,
      problems: [{ path: '(root)', message: 'expected an object with "cluster" and "actions"' }],
    };
  const doc = input as Record<string, unknown>;
  const key = doc['actions'] === undefined && doc['solution'] !== undefined ? 'solution' : 'actions';
  const problems: Problem[] = [];
  if (doc['cluster'] === undefined) problems.push({ path: 'cluster', message: 'is required' });
  const seed = doc['seed'] ?? 1;
  if (typeof seed !== 'number' || !Number.isInteger(seed))
    problems.push({ path: 'seed', message: 'expected an integer' });
  const spec = parseClusterSpec(doc['cluster'] ?? {}, 'cluster');
  if (!spec.ok && doc['cluster'] !== undefined) problems.push(...spec.problems);
  const actions = parseActions(doc[key] ?? [], key);
  if (!actions.ok) problems.push(...actions.problems);
  if (problems.length > 0 || !spec.ok || !actions.ok || typeof seed !== 'number')
    return { ok: false, problems };
  const created = createCluster(spec.value, seed);
  if (!created.ok)
    return {
      ok: false,
      problems: created.problems.map((p) => ({
        ...p,
        path: p.path === '' ? 'cluster' : `cluster.${p.path}`,
      })),
    };

  let state: ClusterState = created.state;
  const engineResults: CommandResult[] = [];
  const order: ({ kind: 'engine'; at: number } | { kind: 'exec'; at: number })[] = [];
  const exec: ExecReport[] = [];
  const captures = createCaptureTracker<ExecReport>((entry, text) => {
    entry.output += text;
  });
  const onTrace = (trace: TraceResult): void => captures.feed(state, trace);
  let batch: Command[] = [];
  const flush = (): void => {
    if (batch.length === 0) return;
    const r = applyCommands(state, batch);
    state = r.state;
    for (const res of r.results) {
      order.push({ kind: 'engine', at: engineResults.length });
      engineResults.push(res);
      if (res.ok && 'trace' in res) onTrace(res.trace);
    }
    batch = [];
  };
  actions.value.forEach((action, index) => {
    if (!isExecAction(action)) {
      batch.push(action);
      return;
    }
    flush();
    const host = createLocalHost(state, onTrace);
    const r = runExecAction(host, action);
    state = host.cluster();
    const entry: ExecReport = {
      index,
      on: action.on,
      command: action.command,
      status: r.status,
      output: r.output,
    };
    order.push({ kind: 'exec', at: exec.length });
    exec.push(entry);
    captures.add(entry, r.session);
  });
  flush();
  captures.stop();
  const base = buildReport(state, engineResults, opts);
  if (exec.length === 0) return { ok: true, report: base };
  const results = order.map((o) =>
    o.kind === 'engine'
      ? (base.results[o.at] ?? { type: 'unknown', ok: false })
      : { type: 'exec', ok: (exec[o.at]?.status ?? 1) === 0 },
  );
  return { ok: true, report: { ...base, results, exec } };
}
