/**
 * portmap's DNAT as the tracer applies it: a TCP, UDP or SCTP packet to a local address whose
 * port a hostPort pod maps (`CNI-HOSTPORT-DNAT` from PREROUTING, or OUTPUT for the host's own
 * packets, then the sandbox's `CNI-DN-…` chain) gets the pod's address and port. Rows are
 * matched on their printed `-p tcp|udp|sctp` and `-m tcp|udp|sctp --dport N` text.
 */
import { HOSTPORT_DNAT } from '../cni/portmap.ts';
import type { NatRow } from '../kernel/rows.ts';
import type { Packet } from './packet.ts';

/** A DNAT the tracer applied, for conntrack to reverse on the reply. */
export interface DnatRecord {
  readonly node: string;
  readonly original: { readonly ip: string; readonly port: number };
  readonly translated: { readonly ip: string; readonly port: number };
}

/** The matching DNAT rule (as `-A CHAIN …`) and where it sends the packet, or null. */
export function hostPortDnat(
  rows: readonly NatRow[],
  packet: Packet,
): { rule: string; jump: string; ip: string; port: number } | null {
  if (packet.l4.kind === 'icmp') return null;
  const proto = packet.l4.kind;
  const port = packet.l4.dstPort;
  for (const r of rows) {
    if (r.chain !== HOSTPORT_DNAT || !r.rule.startsWith(`-p ${proto} `)) continue;
    const m = / --dports (\S+) -j (\S+)$/.exec(r.rule);
    if (m?.[1] === undefined || m[2] === undefined) continue;
    if (!m[1].split(',').map(Number).includes(port)) continue;
    const chain = m[2];
    const match = `-p ${proto} -m ${proto} --dport ${port} -j DNAT --to-destination `;
    for (const d of rows) {
      if (d.chain !== chain || !d.rule.startsWith(match)) continue;
      const to = d.rule.slice(match.length);
      const colon = to.lastIndexOf(':');
      return {
        rule: `-A ${d.chain} ${d.rule}`,
        jump: `-A ${r.chain} ${r.rule}`,
        ip: to.slice(0, colon),
        port: Number(to.slice(colon + 1)),
      };
    }
  }
  return null;
}

/** The packet with its destination rewritten. */
export function withDestination(packet: Packet, ip: string, port: number): Packet {
  if (packet.l4.kind === 'icmp') return packet;
  return { ...packet, ip: { ...packet.ip, dst: ip }, l4: { ...packet.l4, dstPort: port } };
}

/** The packet with its source rewritten (conntrack undoing a DNAT on the reply). */
export function withSource(packet: Packet, ip: string, port: number): Packet {
  if (packet.l4.kind === 'icmp') return packet;
  return { ...packet, ip: { ...packet.ip, src: ip }, l4: { ...packet.l4, srcPort: port } };
}
