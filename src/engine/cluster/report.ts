/** The headless runner's JSON report (the contract documented in the README). */
import { own } from '../util/dict.ts';
import type { JsonValue } from '../util/json.ts';
import { nodeTables } from '../kernel/node-tables.ts';
import { podTables } from '../kernel/pod-tables.ts';
import { reportTrace } from '../tracer/report-trace.ts';
import type { EngineError } from '../spec/result.ts';
import type { PodSummary } from '../state/queries.ts';
import type { ClusterState, CommandResult } from '../state/types.ts';

/** The runner's report. */
export interface RunnerReport {
  nodes: Array<{
    name: string;
    ip: string;
    podCIDR: string | null;
    ready: boolean;
    podCount: number;
    message?: string;
    routes?: string[];
    events: string[];
  }>;
  pods: Array<Omit<PodSummary, 'key' | 'containers'> & { routes?: string[] }>;
  results: Array<{ type: string; ok: boolean; error?: EngineError }>;
  traces: JsonValue[];
  events: string[];
}

/** Builds the report; `summary` leaves out per-node and per-pod route lists. */
export function buildReport(
  state: ClusterState,
  results: readonly CommandResult[],
  opts: { summary?: boolean } = {},
): RunnerReport {
  const full = opts.summary !== true;
  const nodes = state.nodeOrder.flatMap((name) => {
    const n = own(state.nodes, name);
    if (n === undefined) return [];
    const entry: RunnerReport['nodes'][number] = {
      name,
      ip: n.ip,
      podCIDR: n.podCIDR,
      ready: n.ready,
      podCount: n.pods.length,
      events: [...n.events],
    };
    if (n.message !== undefined) entry.message = n.message;
    if (full) entry.routes = nodeTables(state, name)?.ipRoute ?? [];
    return [entry];
  });
  const pods = state.podOrder.flatMap((key) => {
    const p = own(state.pods, key);
    if (p === undefined) return [];
    const entry: RunnerReport['pods'][number] = {
      name: p.name,
      namespace: p.namespace,
      node: p.node,
      ip: p.ip,
      phase: p.phase,
    };
    if (p.reason !== undefined) entry.reason = p.reason;
    if (p.message !== undefined) entry.message = p.message;
    if (full) entry.routes = podTables(state, key)?.ipRoute ?? [];
    return [entry];
  });
  const traces: JsonValue[] = [];
  const out = results.map((r) => {
    if (r.type === 'trace')
      traces.push(
        r.ok && 'trace' in r ? reportTrace(r.trace) : r.ok ? null : { ok: false, error: { ...r.error } },
      );
    return r.ok ? { type: r.type, ok: true } : { type: r.type, ok: false, error: r.error };
  });
  return { nodes, pods, results: out, traces, events: [...state.events] };
}
