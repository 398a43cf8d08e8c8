/**
 * Checks a task's goal against the live simulation. Pure: the same goal and context give
 * the same answer. Trace goals look at the most recent matching trace in the log, so a goal
 * follows the cluster as the student breaks and fixes it.
 */
import { own } from '../engine/util/dict.ts';
import { Address4 } from 'ip-address/dist/ipv4.js';
import type { Goal } from './goal-schema.ts';
import type { GoalContext, PodLike, TraceLike } from './goal-context.ts';
import { findPodByRef, isIpv4, parseEndpointRef } from './refs.ts';
import { describeFilter, withTrace } from './trace-lookup.ts';

export { findLatestTrace } from './trace-lookup.ts';

/** Whether a goal is met, and a sentence for the student (what is done, or what is missing). */
export interface GoalStatus {
  readonly met: boolean;
  readonly detail: string;
}

const includesText = (haystack: string, needle: string): boolean =>
  haystack.toLowerCase().replace(/\s+/g, ' ').includes(needle.toLowerCase().replace(/\s+/g, ' ').trim());

function podState(pod: PodLike): string {
  const why = [pod.reason, pod.message].filter((part) => part !== undefined && part !== '').join(': ');
  return why === '' ? pod.phase : `${pod.phase}: ${why}`;
}

function devicesOf(trace: TraceLike): string {
  return trace.hops.map((h) => `${h.where}:${h.device}`).join(' → ');
}

function senderIp(ctx: GoalContext, from: string, trace: TraceLike): string | undefined {
  const ref = parseEndpointRef(from);
  if (ref.kind === 'pod') {
    const ip = findPodByRef(ctx.state.pods, from)?.ip;
    if (ip) return ip;
  }
  return trace.hops[0]?.packet.ip.src;
}

function cidrContains(cidr: string, ip: string): boolean | null {
  if (!cidr.includes('/') || !Address4.isValid(cidr) || !isIpv4(ip)) return null;
  return new Address4(ip).isInSubnet(new Address4(cidr));
}

function routesOf(ctx: GoalContext, node: string): readonly string[] | undefined {
  const derived = ctx.routesOf?.(node);
  if (derived) return derived;
  const state = own(ctx.state.nodes, node);
  if (!state) return undefined;
  return (state.staticRoutes ?? []).map((r) => `${r.dst} via ${r.via}${r.dev ? ` dev ${r.dev}` : ''}`);
}

function evaluatePodGoal(goal: Extract<Goal, { pod: string }>, pod: PodLike): GoalStatus {
  const name = goal.pod;
  switch (goal.type) {
    case 'podRunning':
      return pod.phase === 'Running'
        ? { met: true, detail: `pod ${name} is Running${pod.ip ? ` with IP ${pod.ip}` : ''}` }
        : { met: false, detail: `pod ${name} is not Running yet (${podState(pod)})` };
    case 'podPending': {
      if (pod.phase !== 'Pending') return { met: false, detail: `pod ${name} is ${pod.phase}, not Pending` };
      const text = `${pod.reason ?? ''} ${pod.message ?? ''}`;
      if (goal.messageIncludes !== undefined && !includesText(text, goal.messageIncludes)) {
        return {
          met: false,
          detail: `pod ${name} is Pending, but its message does not mention "${goal.messageIncludes}" (${podState(pod)})`,
        };
      }
      return { met: true, detail: `pod ${name} is ${podState(pod)}` };
    }
    case 'podHasIpIn': {
      if (!pod.ip) return { met: false, detail: `pod ${name} has no IP yet (${podState(pod)})` };
      const inside = cidrContains(goal.cidr, pod.ip);
      if (inside === null)
        return { met: false, detail: `"${goal.cidr}" is not an IPv4 CIDR: the lesson needs fixing` };
      return inside
        ? { met: true, detail: `pod ${name} has IP ${pod.ip}, inside ${goal.cidr}` }
        : { met: false, detail: `pod ${name} has IP ${pod.ip}, which is outside ${goal.cidr}` };
    }
  }
}

/** `pod/web`, `pod/default/web` and `pod/default/web` as the terminal records it are one place. */
function samePlace(wanted: string, actual: string): boolean {
  const norm = (p: string): string => {
    if (!p.startsWith('pod/')) return p;
    const ref = p.slice(4);
    return `pod/${ref.includes('/') ? ref : `default/${ref}`}`;
  };
  return norm(wanted) === norm(actual);
}

/** The pod and command of a `kubectl exec [-it] [-c C] [-n NS] POD -- CMD` line, or null. */
function execTarget(line: string): { pod: string; command: string } | null {
  const m = /^\s*kubectl\s+exec\s+(.*?)\s+--\s+(.+)$/.exec(line);
  if (m === null) return null;
  const words = (m[1] ?? '').split(/\s+/);
  let namespace = 'default';
  let pod: string | null = null;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    if (w === '-n' || w === '--namespace') namespace = words[++i] ?? namespace;
    else if (w.startsWith('--namespace=')) namespace = w.slice(12);
    else if (w === '-c' || w === '--container') i += 1;
    else if (!w.startsWith('-') && pod === null) pod = w.replace(/^pod\//, '');
  }
  return pod === null ? null : { pod: `${namespace}/${pod}`, command: m[2] ?? '' };
}

interface TerminalRun {
  readonly on: string;
  readonly command: string;
  readonly output: string;
}

/** The terminal lines in the log (exec actions of a replayed solution, lines the student typed). */
function terminalRuns(ctx: GoalContext): TerminalRun[] {
  const out: TerminalRun[] = [];
  for (const e of ctx.log) {
    if (e.command.type !== 'exec') continue;
    const c = e.command as { on?: unknown; command?: unknown };
    const d = e.result.detail as { output?: unknown } | undefined;
    if (typeof c.on !== 'string' || typeof c.command !== 'string') continue;
    const output = typeof d?.output === 'string' ? d.output : '';
    out.push({ on: c.on, command: c.command, output });
    // `kubectl exec POD -- CMD` at the workstation also counts as CMD run in the pod.
    const inPod = c.on === 'kubectl' ? execTarget(c.command) : null;
    if (inPod !== null) out.push({ on: `pod/${inPod.pod}`, command: inPod.command, output });
  }
  return out;
}

function evaluateTerminalGoal(
  goal: Extract<Goal, { type: 'commandRun' | 'commandOutput' }>,
  ctx: GoalContext,
): GoalStatus {
  const where = goal.on === undefined ? '' : ` on ${goal.on}`;
  const runs = terminalRuns(ctx).filter(
    (r) =>
      (goal.on === undefined || samePlace(goal.on, r.on)) &&
      (goal.commandIncludes === undefined || includesText(r.command, goal.commandIncludes)),
  );
  const what = goal.commandIncludes === undefined ? 'a command' : `"${goal.commandIncludes}"`;
  if (goal.type === 'commandRun')
    return runs.length > 0
      ? { met: true, detail: `you ran ${runs[runs.length - 1]?.command ?? ''}${where}` }
      : { met: false, detail: `run ${what}${where} in the terminal` };
  if (runs.length === 0) return { met: false, detail: `run ${what}${where} in the terminal` };
  const hit = runs.find((r) => includesText(r.output, goal.outputIncludes));
  return hit
    ? { met: true, detail: `${hit.command}${where} printed "${goal.outputIncludes}"` }
    : { met: false, detail: `${what}${where} has not printed "${goal.outputIncludes}" yet` };
}

/** Evaluates a goal against the state and the log of actions. */
export function evaluateGoal(goal: Goal, ctx: GoalContext): GoalStatus {
  switch (goal.type) {
    case 'podHasIpIn':
    case 'podRunning':
    case 'podPending': {
      const pod = findPodByRef(ctx.state.pods, goal.pod);
      if (!pod) return { met: false, detail: `there is no pod ${goal.pod} yet: schedule it first` };
      return evaluatePodGoal(goal, pod);
    }
    case 'traceDelivered':
      return withTrace(ctx, goal, (t) =>
        t.delivered
          ? { met: true, detail: `the trace from ${goal.from} to ${goal.to} was delivered` }
          : {
              met: false,
              detail: `the latest trace from ${goal.from} to ${goal.to} was dropped: ${t.dropReason ?? 'no reason given'}`,
            },
      );
    case 'traceDropped':
      return withTrace(ctx, goal, (t) => {
        if (t.delivered)
          return { met: false, detail: `${describeFilter(goal)} was delivered; it should be dropped` };
        const reason = t.dropReason ?? '';
        if (goal.reasonIncludes !== undefined && !includesText(reason, goal.reasonIncludes)) {
          return { met: false, detail: `the trace was dropped, but for another reason: ${reason}` };
        }
        return { met: true, detail: `the trace was dropped: ${reason}` };
      });
    case 'tracePassedDevice':
      return withTrace(ctx, goal, (t) => {
        const wanted = goal.device.endsWith('*') ? goal.device.slice(0, -1) : null;
        const hit = t.hops.find(
          (h) =>
            (wanted === null ? h.device === goal.device : h.device.startsWith(wanted)) &&
            (goal.node === undefined || h.where === `node/${goal.node}`),
        );
        const where = goal.node === undefined ? '' : ` on ${goal.node}`;
        return hit
          ? { met: true, detail: `the packet went through ${hit.device}${where}` }
          : {
              met: false,
              detail: `the packet did not go through ${goal.device}${where} (it went ${devicesOf(t)})`,
            };
      });
    case 'traceEncapsulated':
      return withTrace(ctx, goal, (t) => {
        const outers = t.hops.flatMap((h) => (h.packet.outer ? [h.packet.outer] : []));
        if (outers.length === 0)
          return {
            met: false,
            detail: 'the packet was never encapsulated: it crossed the underlay as it was',
          };
        const kindOf = (o: (typeof outers)[number]): 'vxlan' | 'ipip' | 'other' =>
          o.vxlan ? 'vxlan' : o.ip.protocol === 4 ? 'ipip' : 'other';
        const match = outers.find(
          (o) =>
            (goal.kind === undefined || kindOf(o) === goal.kind) &&
            (goal.vni === undefined || o.vxlan?.vni === goal.vni),
        );
        if (!match) {
          const seen = outers.map((o) => (o.vxlan ? `vxlan vni ${o.vxlan.vni}` : kindOf(o))).join(', ');
          return {
            met: false,
            detail: `the packet was encapsulated as ${seen}, not as ${goal.kind ?? 'expected'}${goal.vni === undefined ? '' : ` vni ${goal.vni}`}`,
          };
        }
        return {
          met: true,
          detail: `the packet was encapsulated (${match.vxlan ? `VXLAN, VNI ${match.vxlan.vni}` : kindOf(match)}) from ${match.ip.src} to ${match.ip.dst}`,
        };
      });
    case 'traceArrivedWithSourceIp':
      return withTrace(ctx, goal, (t) => {
        if (!t.delivered)
          return {
            met: false,
            detail: `the latest trace from ${goal.from} to ${goal.to} was dropped: ${t.dropReason ?? ''}`,
          };
        const last = t.hops[t.hops.length - 1];
        const expected = senderIp(ctx, goal.from, t);
        if (!last || expected === undefined)
          return { met: false, detail: 'the trace has no hops to read the source IP from' };
        return last.packet.ip.src === expected
          ? { met: true, detail: `the packet arrived with source ${expected}: the sender's own IP, no NAT` }
          : {
              met: false,
              detail: `the packet arrived with source ${last.packet.ip.src}, not the sender's IP ${expected}: it was NATed`,
            };
      });
    case 'actionFailed': {
      const failure = ctx.log.find(
        (e) =>
          !e.result.ok &&
          (goal.command === undefined || e.command.type === goal.command) &&
          includesText(
            `${e.result.error?.code ?? ''} ${e.result.error?.message ?? ''}`,
            goal.messageIncludes,
          ),
      );
      const what = goal.command ?? 'an action';
      return failure
        ? { met: true, detail: `${what} failed: ${failure.result.error?.message ?? ''}` }
        : { met: false, detail: `no ${what} has failed with "${goal.messageIncludes}" yet` };
    }
    case 'nodeHasRoute': {
      const routes = routesOf(ctx, goal.node);
      if (!routes) return { met: false, detail: `there is no node ${goal.node}` };
      const route = routes.find((r) => includesText(r, goal.routeIncludes));
      return route
        ? { met: true, detail: `${goal.node} has the route ${route}` }
        : { met: false, detail: `${goal.node} has no route matching "${goal.routeIncludes}" yet` };
    }
    case 'commandRun':
    case 'commandOutput':
      return evaluateTerminalGoal(goal, ctx);
    case 'all': {
      const statuses = goal.goals.map((g) => evaluateGoal(g, ctx));
      const missing = statuses.filter((s) => !s.met);
      const unique = (list: readonly GoalStatus[]) => [...new Set(list.map((s) => s.detail))].join('; ');
      if (missing.length === 0) return { met: true, detail: unique(statuses) };
      return {
        met: false,
        detail: `${statuses.length - missing.length} of ${statuses.length} done; still: ${unique(missing)}`,
      };
    }
    case 'any': {
      const statuses = goal.goals.map((g) => evaluateGoal(g, ctx));
      const done = statuses.find((s) => s.met);
      return done ?? { met: false, detail: `none yet: ${statuses.map((s) => s.detail).join(' / ')}` };
    }
  }
}
