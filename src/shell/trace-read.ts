/**
 * Reading a trace as the tools on its ends see it: which routers it crossed, what the
 * sender gets back, and a deterministic round-trip time (the lab has no clock).
 */
import {
  ipToNumber,
  lookupRoute,
  nodeRows,
  routeTableOf,
  type ClusterState,
  type TraceHop,
  type TraceResult,
} from '../engine/index.ts';

/** The nodes that routed the request (TTL went down there), in order. */
export function routersOf(hops: readonly TraceHop[], initialTtl: number): string[] {
  const out: string[] = [];
  let ttl = initialTtl;
  for (const h of hops) {
    if (h.packet.ip.ttl < ttl && h.where.startsWith('node/')) {
      const node = h.where.slice(5);
      if (out[out.length - 1] !== node) out.push(node);
    }
    ttl = h.packet.ip.ttl;
  }
  return out;
}

/**
 * The address a node answers a sender with (ICMP time exceeded, unreachable): the source
 * Linux picks on the route back to `to` (`inet_select_addr` on that route's device).
 */
export function answerAddress(state: ClusterState, nodeName: string, to: string): string {
  const node = Object.hasOwn(state.nodes, nodeName) ? state.nodes[nodeName] : undefined;
  if (node === undefined) return '';
  const rows = nodeRows(state, node, ipToNumber(to));
  const r = lookupRoute(routeTableOf(rows.routes), ipToNumber(to));
  const fmt = (n: number): string => `${n >>> 24}.${(n >>> 16) & 0xff}.${(n >>> 8) & 0xff}.${n & 0xff}`;
  if (r?.src !== undefined) return fmt(r.src);
  const dev = rows.interfaces.find((i) => i.name === r?.dev);
  return dev?.addresses[0]?.split('/')[0] ?? node.ip;
}

/** The TTL the sender reads on the reply (`ttl=` in ping), or null when no reply came back. */
export function replyTtl(trace: TraceResult): number | null {
  const reply = trace.reply;
  if (reply === undefined || !reply.delivered) return null;
  const last = reply.hops[reply.hops.length - 1];
  return last === undefined ? null : last.packet.ip.ttl;
}

/** Microseconds a hop costs in the model: a routing decision, a bridge, the wire between nodes. */
function hopCost(h: TraceHop): number {
  if (h.where === 'underlay') return 42;
  if (h.packet.outer !== undefined) return 6;
  return h.where.startsWith('pod/') ? 4 : 5;
}

/** The modelled round trip in ms of a delivered trace, for probe `seq` (the first one pays for ARP). */
export function rttMs(trace: TraceResult, seq: number): number {
  let us = 12;
  for (const h of trace.hops) us += hopCost(h);
  for (const h of trace.reply?.hops ?? []) us += hopCost(h);
  const factor = seq <= 1 ? 1.55 : 0.9 + (((seq * 37) % 11) - 5) / 50;
  return Math.round(us * factor) / 1000;
}

/** Where a request that was not delivered stopped: the last place it was seen. */
export function dropPlace(trace: TraceResult): string | null {
  const last = trace.hops[trace.hops.length - 1];
  return last === undefined ? null : last.where;
}
