/**
 * The lab's side of the comparison: replays a scenario through the engine one command at a
 * time (so the real build can follow it step by step) and reads what the lab shows.
 */
import {
  applyCommand,
  cniExchangeForPod,
  createCluster,
  nodeRows,
  nodeTables,
  parseClusterSpec,
  parseCommands,
  podTables,
  type ClusterState,
  type CniExchange,
  type Command,
  type CommandResult,
  type TraceRequest,
  type TraceResult,
} from '../../src/engine/index.ts';
import { ipToNumber } from '../../src/engine/net/ipv4.ts';
import { routeTableOf } from '../../src/engine/tracer/host-view.ts';
import { lookupRoute } from '../../src/engine/tracer/route-table.ts';

/** A scenario as the suite reads it: a runner scenario or a bundled lesson. */
export interface Scenario {
  name: string;
  file: string;
  doc: Record<string, unknown>;
}

/** The state before and after one command. */
export interface LabStep {
  index: number;
  command: Command;
  result: CommandResult;
  before: ClusterState;
  after: ClusterState;
}

/** The replayed scenario. */
export interface LabRun {
  initial: ClusterState;
  steps: LabStep[];
  final: ClusterState;
}

/** Replays the scenario's cluster and actions (a lesson's solution) one command at a time. */
export function replayScenario(s: Scenario): LabRun {
  const isLesson = s.doc['actions'] === undefined && s.doc['solution'] !== undefined;
  const spec = parseClusterSpec(s.doc['cluster'] ?? {}, 'cluster');
  if (!spec.ok)
    throw new Error(`${s.file}: ${spec.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  // Terminal lines (exec actions) only read the cluster in the bundled lessons: the suite
  // replays the engine commands around them.
  const listed: unknown = s.doc[isLesson ? 'solution' : 'actions'] ?? [];
  const engineActions = Array.isArray(listed)
    ? listed.filter(
        (a: unknown) => !(typeof a === 'object' && a !== null && (a as { type?: unknown }).type === 'exec'),
      )
    : listed;
  const commands = parseCommands(engineActions, 'actions');
  if (!commands.ok)
    throw new Error(`${s.file}: ${commands.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  const seed = typeof s.doc['seed'] === 'number' ? s.doc['seed'] : 1;
  const created = createCluster(spec.value, seed);
  if (!created.ok) throw new Error(`${s.file}: ${created.problems.map((p) => p.message).join('; ')}`);
  const steps: LabStep[] = [];
  let state = created.state;
  commands.value.forEach((command, index) => {
    const { state: after, result } = applyCommand(state, command);
    steps.push({ index, command, result, before: state, after });
    state = after;
  });
  return { initial: created.state, steps, final: state };
}

/** The ADD exchange the engine recorded for a pod (runtime, plugins, IPAM). */
export function labExchange(state: ClusterState, key: string): CniExchange[] {
  return cniExchangeForPod(state, key);
}

/** The lab's printed tables of a node. */
export function labNodeTables(state: ClusterState, node: string): ReturnType<typeof nodeTables> {
  return nodeTables(state, node);
}

/** The lab's printed tables of a pod. */
export function labPodTables(state: ClusterState, key: string): ReturnType<typeof podTables> {
  return podTables(state, key);
}

/**
 * The lab's cluster as the suite's probes leave it. Every probe the real side sends (ping,
 * the DF search, traceroute, the tcpdump ping) is a trace here, and a trace teaches the
 * kernels on its path their neighbours as the real packets do, so `state` after the probes
 * is what the real namespaces' `ip neigh` is compared with.
 */
export class LabTraffic {
  constructor(public state: ClusterState) {}

  /** An ICMP trace (or any protocol's); `state` keeps what it taught. */
  trace(
    from: string,
    to: string,
    extra: Partial<Omit<TraceRequest, 'from' | 'to'>> = {},
  ): TraceResult | null {
    const { state, result } = applyCommand(this.state, {
      type: 'trace',
      from,
      to,
      protocol: 'icmp',
      ...extra,
    });
    this.state = state;
    return result.ok && 'trace' in result ? (result.trace as TraceResult) : null;
  }
}

/** A ping as the lab traces it: answered or not, and the TTL the reply arrives with. */
export function labPing(
  lab: LabTraffic,
  from: string,
  to: string,
): { answered: boolean; ttl: number | null } {
  const t = lab.trace(from, to);
  if (t === null || !t.delivered || t.reply === undefined || !t.reply.delivered)
    return { answered: false, ttl: null };
  const last = t.reply.hops[t.reply.hops.length - 1];
  return { answered: true, ttl: last?.packet.ip.ttl ?? null };
}

/**
 * Whether a TCP or UDP trace is answered by a server, as the real probe sees it: the
 * request delivered to a listening port and its reply (SYN-ACK, the echoed datagram) back
 * at the sender. A RST or an ICMP port unreachable coming back is no answer.
 */
export function labAnswered(t: TraceResult | null): boolean {
  if (t === null || !t.delivered || t.reply === undefined || !t.reply.delivered) return false;
  const last = t.reply.hops[t.reply.hops.length - 1]?.packet.l4;
  if (last === undefined) return false;
  return last.kind === 'udp' || (last.kind === 'tcp' && !last.flags.includes('RST'));
}

/** The largest ICMP payload with DF set that the lab delivers both ways (null: none). */
export function labLargestDf(lab: LabTraffic, from: string, to: string): number | null {
  const ok = (size: number): boolean => {
    const t = lab.trace(from, to, { size });
    return t !== null && t.delivered && t.reply?.delivered === true;
  };
  if (!ok(0)) return null;
  let lo = 0;
  let hi = 9000;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (ok(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * `traceroute -n` as the lab's tables answer it: for TTL 1, 2, … the node where the lab
 * drops the probe, named by the address that node's own routing table picks to answer the
 * sender (the route's `src`, else the first address on its device, else the first address
 * of the host), up to the destination; `*` where the lab drops it for another reason.
 */
export function labTraceroute(lab: LabTraffic, from: string, to: string, maxHops: number): string[] {
  const hops: string[] = [];
  for (let ttl = 1; ttl <= maxHops; ttl++) {
    const t = lab.trace(from, to, { ttl });
    const state = lab.state;
    if (t === null) return hops;
    if (t.delivered) {
      const dst = t.hops[t.hops.length - 1]?.packet.ip.dst ?? '*';
      hops.push(dst);
      return hops;
    }
    const m = /^TTL exceeded in transit at node\/(\S+?):/.exec(t.dropReason ?? '');
    const src = t.hops[0]?.packet.ip.src;
    const node = m?.[1] === undefined ? undefined : state.nodes[m[1]];
    if (node === undefined || src === undefined) {
      hops.push('*');
      return hops;
    }
    hops.push(icmpSourceOf(state, node.name, src) ?? '*');
  }
  return hops;
}

function icmpSourceOf(state: ClusterState, nodeName: string, to: string): string | null {
  const node = state.nodes[nodeName];
  if (node === undefined) return null;
  const rows = nodeRows(state, node);
  const route = lookupRoute(routeTableOf(rows.routes), ipToNumber(to));
  if (route === null) return null;
  if (route.src !== undefined)
    return [24, 16, 8, 0].map((s) => ((route.src as number) >>> s) & 255).join('.');
  const byIndex = [...rows.interfaces].sort((a, b) => a.index - b.index);
  const dev = byIndex.find((i) => i.name === route.dev);
  const own = dev?.addresses[0];
  if (own !== undefined) return own.split('/')[0] ?? null;
  for (const i of byIndex)
    if (i.kind !== 'loopback' && i.addresses[0] !== undefined) return i.addresses[0].split('/')[0] ?? null;
  return null;
}

/** The headers the lab puts on the underlay wire for one ping, one line per frame. */
export function labUnderlay(lab: LabTraffic, from: string, to: string): string[] {
  const t = lab.trace(from, to);
  if (t === null) return [];
  const out: string[] = [];
  for (const [leg, hops] of [
    ['request', t.hops],
    ['reply', t.reply?.hops ?? []],
  ] as const) {
    const wire = hops.filter((h) => h.where === 'underlay');
    for (const h of wire.slice(0, 1)) {
      const p = h.packet;
      const inner = `IP ${p.ip.src} > ${p.ip.dst}: ICMP echo ${leg}`;
      if (p.outer === undefined) out.push(inner);
      else if (p.outer.udp !== undefined)
        out.push(
          `IP ${p.outer.ip.src}.* > ${p.outer.ip.dst}.${p.outer.udp.dstPort}: ${p.outer.vxlan !== undefined ? `VXLAN vni ${p.outer.vxlan.vni}` : 'UDP'} | ${inner}`,
        );
      else out.push(`IP ${p.outer.ip.src} > ${p.outer.ip.dst}: proto ${p.outer.ip.protocol} | ${inner}`);
    }
  }
  return out;
}
