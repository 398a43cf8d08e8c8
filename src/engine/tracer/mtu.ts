/** MTU checks at a device: fragment, or drop when Don't Fragment is set (reference I.1). */
import { outerIpLength, type Packet } from './packet.ts';

/** The outcome of sending a packet out of a device: fits, fragmented, or dropped. */
export type MtuCheck =
  { readonly ok: true; readonly fragments: number } | { readonly ok: false; readonly reason: string };

/**
 * Checks the packet's IP length (plus `overhead`, e.g. 50 when measuring an inner packet
 * against the underlay for VXLAN) against the device MTU. Too big with DF set → drop with
 * `needs fragmentation (DF set): packet of N bytes exceeds the MTU M of dev D`; too big
 * without DF → the number of IPv4 fragments (8-byte aligned payload chunks).
 */
export function checkMtu(packet: Packet, device: string, mtu: number, overhead = 0): MtuCheck {
  const size = outerIpLength(packet);
  if (size + overhead <= mtu) return { ok: true, fragments: 1 };
  const header = packet.outer ? packet.outer.ip : packet.ip;
  if (header.df ?? false) {
    const what =
      overhead > 0
        ? `packet of ${size} bytes (+${overhead} bytes of encapsulation)`
        : `packet of ${size} bytes`;
    return {
      ok: false,
      reason: `needs fragmentation (DF set): ${what} exceeds the MTU ${mtu} of dev ${device}`,
    };
  }
  const chunk = Math.floor((mtu - overhead - 20) / 8) * 8;
  return { ok: true, fragments: Math.ceil((size - 20) / chunk) };
}
