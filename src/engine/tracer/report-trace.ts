/**
 * A trace in the runner report's shape (issue 4): `{ from, to, protocol, delivered,
 * dropReason?, hops: [{ where, device, note, packet: { eth?, ip, outer? } }], reply? }`.
 */
import type { JsonObject } from '../util/json.ts';
import type { Ipv4Header, Packet } from './packet.ts';
import type { TraceHop, TraceLeg, TraceResult } from './trace-types.ts';

function ipOf(ip: Ipv4Header): JsonObject {
  return { src: ip.src, dst: ip.dst, ttl: ip.ttl, protocol: ip.protocol };
}

/** The packet as the report shows it. */
export function reportPacket(p: Packet): JsonObject {
  const out: JsonObject = {};
  if (p.eth !== undefined) out['eth'] = { src: p.eth.src, dst: p.eth.dst };
  out['ip'] = ipOf(p.ip);
  if (p.outer !== undefined) {
    const outer: JsonObject = { ip: ipOf(p.outer.ip) };
    if (p.outer.udp !== undefined)
      outer['udp'] = { srcPort: p.outer.udp.srcPort, dstPort: p.outer.udp.dstPort };
    if (p.outer.vxlan !== undefined) outer['vxlan'] = { vni: p.outer.vxlan.vni };
    out['outer'] = outer;
  }
  return out;
}

function hopOf(h: TraceHop): JsonObject {
  return { where: h.where, device: h.device, note: h.note, packet: reportPacket(h.packet) };
}

function legOf(l: TraceLeg): JsonObject {
  return {
    delivered: l.delivered,
    ...(l.dropReason !== undefined ? { dropReason: l.dropReason } : {}),
    ...(l.dropFix !== undefined ? { dropFix: l.dropFix } : {}),
    hops: l.hops.map(hopOf),
  };
}

/** The report entry for one trace. */
export function reportTrace(t: TraceResult): JsonObject {
  return {
    from: t.from,
    to: t.to,
    protocol: t.protocol,
    delivered: t.delivered,
    ...(t.dropReason !== undefined ? { dropReason: t.dropReason } : {}),
    ...(t.dropFix !== undefined ? { dropFix: t.dropFix } : {}),
    hops: t.hops.map(hopOf),
    ...(t.reply !== undefined ? { reply: legOf(t.reply) } : {}),
  };
}
