/**
 * Finding the trace a goal is about: the most recent trace in the log whose request matches
 * `from`, `to` and `protocol` (a pod written by name matches a trace to that pod's IP).
 */
import { traceOf, traceRequestOf, type GoalContext, type GoalState, type TraceLike } from './goal-context.ts';
import type { GoalStatus } from './goals.ts';
import { DEFAULT_NAMESPACE, findPodByRef, parseEndpointRef, type EndpointRef } from './refs.ts';

/** The IP an endpoint stands for: an IP itself, or a pod's current IP. */
function ipOfEndpoint(ref: EndpointRef, state: GoalState): string | null {
  if (ref.kind === 'ip') return ref.ip;
  if (ref.kind === 'pod')
    return (
      findPodByRef(state.pods, ref.namespace === null ? ref.name : `${ref.namespace}/${ref.name}`)?.ip ?? null
    );
  return null;
}

/** Does endpoint reference `ref` (from a goal) name the same thing as `actual` (from a trace)? */
function sameEndpoint(ref: string, actual: string, state: GoalState): boolean {
  const a = parseEndpointRef(ref);
  const b = parseEndpointRef(actual);
  if (a.kind === 'node' || b.kind === 'node')
    return a.kind === 'node' && b.kind === 'node' && a.name === b.name;
  if (a.kind === 'pod' && b.kind === 'pod') {
    return a.name === b.name && (a.namespace ?? DEFAULT_NAMESPACE) === (b.namespace ?? DEFAULT_NAMESPACE);
  }
  const ip = ipOfEndpoint(a, state);
  return ip !== null && ip === ipOfEndpoint(b, state);
}

export interface TraceFilter {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly protocol?: string | undefined;
}

export function describeFilter(filter: TraceFilter): string {
  const parts = [
    filter.from && `from ${filter.from}`,
    filter.to && `to ${filter.to}`,
    filter.protocol && `(${filter.protocol})`,
  ];
  const text = parts.filter(Boolean).join(' ');
  return text === '' ? 'a trace' : `a trace ${text}`;
}

/** The most recent trace in the log that matches the filter. */
export function findLatestTrace(ctx: GoalContext, filter: TraceFilter): TraceLike | undefined {
  for (let i = ctx.log.length - 1; i >= 0; i--) {
    const entry = ctx.log[i];
    if (!entry) continue;
    const trace = traceOf(entry);
    if (!trace) continue;
    const request = traceRequestOf(entry) ?? trace;
    if (filter.from !== undefined && !sameEndpoint(filter.from, request.from, ctx.state)) continue;
    if (filter.to !== undefined && !sameEndpoint(filter.to, request.to, ctx.state)) continue;
    if (filter.protocol !== undefined && request.protocol !== filter.protocol) continue;
    return trace;
  }
  return undefined;
}

export function withTrace(
  ctx: GoalContext,
  filter: TraceFilter,
  check: (trace: TraceLike) => GoalStatus,
): GoalStatus {
  const trace = findLatestTrace(ctx, filter);
  if (!trace) {
    const failed = [...ctx.log].reverse().find((e) => e.command.type === 'trace' && !e.result.ok);
    const why = failed?.result.error ? ` (the last trace failed: ${failed.result.error.message})` : '';
    return { met: false, detail: `run ${describeFilter(filter)} first${why}` };
  }
  return check(trace);
}
