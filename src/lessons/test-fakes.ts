/**
 * Test doubles: fake engine validators and small plain-data contexts, so the lessons layer
 * is tested without the engine. (Only imported by *.test.ts.)
 */
import type { GoalContext, HopLike, LogEntry, PodLike, TraceLike } from './goal-context.ts';
import { SOLUTION_COMMAND_TYPES } from './lesson-schema.ts';
import type { LessonEngine } from './validate-lesson.ts';

/** Accepts any cluster except a node with ip "bad"; accepts the known command types. */
export const fakeEngine: LessonEngine<unknown, { type: string }> = {
  parseClusterSpec(input) {
    const nodes = (input as { nodes?: { ip?: string }[] }).nodes ?? [];
    const bad = nodes.findIndex((n) => n.ip === 'bad');
    if (bad >= 0)
      return { ok: false, problems: [{ path: `nodes[${bad}].ip`, message: '"bad" is not an IPv4 address' }] };
    return { ok: true, value: input };
  },
  parseCommand(input, path = '') {
    const type = (input as { type: string }).type;
    if (!SOLUTION_COMMAND_TYPES.includes(type))
      return { ok: false, problems: [{ path: `${path}.type`, message: `unknown command type "${type}"` }] };
    return { ok: true, value: input as { type: string } };
  },
};

export function pod(name: string, fields: Partial<PodLike> = {}): [string, PodLike] {
  const value: PodLike = {
    name,
    namespace: 'default',
    node: 'node-1',
    phase: 'Running',
    ip: null,
    ...fields,
  };
  return [`${value.namespace}/${name}`, value];
}

export function hop(
  where: string,
  device: string,
  src: string,
  dst: string,
  extra: Partial<HopLike['packet']> = {},
): HopLike {
  return { where, device, note: '', packet: { ip: { src, dst, ttl: 64, protocol: 1 }, ...extra } };
}

export function traceEntry(
  from: string,
  to: string,
  trace: Partial<TraceLike> & { hops: HopLike[] },
): LogEntry {
  return {
    command: { type: 'trace', from, to, protocol: 'icmp' } as { type: string },
    result: { ok: true, trace: { from, to, protocol: 'icmp', delivered: true, ...trace } },
  };
}

export function context(
  pods: [string, PodLike][],
  log: LogEntry[] = [],
  nodes: GoalContext['state']['nodes'] = {},
): GoalContext {
  return { state: { pods: Object.fromEntries(pods), nodes }, log };
}
