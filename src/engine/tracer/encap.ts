/**
 * Tunnel encapsulation and decapsulation: VXLAN (flannel.1, vxlan.calico, Weave fastdp)
 * and IP-in-IP (Calico tunl0). Facts: reference section I.
 */
import { fnv1a32 } from '../util/hash.ts';
import { DEFAULT_TTL, IPPROTO, portsOf, type EthHeader, type OuterHeaders, type Packet } from './packet.ts';

/** VXLAN header flags byte: only the I bit (VNI valid). */
export const VXLAN_FLAGS = 0x08;

/**
 * Bytes each tunnel subtracts from the underlay MTU (I.1). `udp` is Weave sleeve: outer IP
 * (20) + UDP (8) + the inner Ethernet header (14).
 */
export const ENCAP_OVERHEAD = { vxlan: 50, ipip: 20, udp: 42, none: 0 } as const;

/** Linux's default ephemeral range (`net.ipv4.ip_local_port_range`), used for VXLAN source ports. */
export const VXLAN_SRC_PORT_MIN = 32768;
export const VXLAN_SRC_PORT_MAX = 60999;

/**
 * The outer UDP source port for a VXLAN packet: a hash of the inner 5-tuple scaled into
 * 32768–60999, as Linux `udp_flow_src_port` does (there with the skb flow hash; here with
 * FNV-1a, so the value is deterministic and the same for every packet of a flow).
 */
export function vxlanSourcePort(packet: Packet): number {
  const ports = portsOf(packet.l4);
  const tuple = `${packet.ip.src}|${packet.ip.dst}|${packet.ip.protocol}|${ports?.srcPort ?? 0}|${ports?.dstPort ?? 0}`;
  const hash = fnv1a32(tuple);
  return VXLAN_SRC_PORT_MIN + Math.floor((hash * (VXLAN_SRC_PORT_MAX - VXLAN_SRC_PORT_MIN)) / 2 ** 32);
}

/** Where a VXLAN packet goes: node IPs, the UDP port (8472 flannel, 4789 Calico, 6784 Weave) and the VNI. */
export interface VxlanEncapSpec {
  readonly outerSrc: string;
  readonly outerDst: string;
  readonly dstPort: number;
  readonly vni: number;
  /** Underlay MACs (node eth0 → next hop), when known. */
  readonly outerEth?: EthHeader;
  /** Outer TTL (default 64: the kernel's default hop limit for an unset vxlan ttl). */
  readonly ttl?: number;
}

/** The outer Ethernet (when known) and IPv4 header every tunnel puts around a packet. */
function outerIp(
  spec: { readonly outerSrc: string; readonly outerDst: string; readonly outerEth?: EthHeader },
  ip: { readonly ttl: number; readonly protocol: number; readonly df: boolean },
): Pick<OuterHeaders, 'eth' | 'ip'> {
  return {
    ...(spec.outerEth ? { eth: spec.outerEth } : {}),
    ip: { src: spec.outerSrc, dst: spec.outerDst, ...ip },
  };
}

/**
 * Wraps a packet in outer Ethernet/IPv4 (protocol 17)/UDP/VXLAN. The packet must already
 * carry its inner Ethernet header (VTEP MAC to VTEP MAC): VXLAN tunnels whole frames.
 * Throws on a missing inner Ethernet header or an already tunnelled packet (caller bugs).
 */
export function encapVxlan(packet: Packet, spec: VxlanEncapSpec): Packet {
  if (!packet.eth) throw new Error('encapVxlan: VXLAN carries an Ethernet frame; set the inner eth first');
  if (packet.outer) throw new Error('encapVxlan: the packet is already encapsulated');
  return {
    ...packet,
    outer: {
      ...outerIp(spec, { ttl: spec.ttl ?? DEFAULT_TTL, protocol: IPPROTO.udp, df: false }),
      udp: { srcPort: vxlanSourcePort(packet), dstPort: spec.dstPort },
      vxlan: { vni: spec.vni, flags: VXLAN_FLAGS },
    },
  };
}

/** Where an IP-in-IP packet goes: node IPs (tunl0 → remote node). */
export interface IpipEncapSpec {
  readonly outerSrc: string;
  readonly outerDst: string;
  readonly outerEth?: EthHeader;
  /** Outer TTL; default: inherit the inner TTL (tunl0 is created with `ttl inherit`). */
  readonly ttl?: number;
}

/**
 * Wraps a packet in an outer IPv4 header with protocol 4 (RFC 2003). There is no UDP and
 * no inner Ethernet header: the inner `eth` is removed.
 */
export function encapIpip(packet: Packet, spec: IpipEncapSpec): Packet {
  if (packet.outer) throw new Error('encapIpip: the packet is already encapsulated');
  const { eth: _innerEth, ...inner } = packet;
  return {
    ...inner,
    outer: outerIp(spec, {
      ttl: spec.ttl ?? packet.ip.ttl,
      protocol: IPPROTO.ipip,
      df: packet.ip.df ?? false,
    }),
  };
}

/** The tunnel a packet is in: `vxlan` (with VNI and UDP port), plain `udp` (Weave sleeve), `ipip`, or `none`. */
export type TunnelInfo =
  | { readonly kind: 'vxlan'; readonly vni: number; readonly dstPort: number }
  | { readonly kind: 'udp'; readonly dstPort: number }
  | { readonly kind: 'ipip' }
  | { readonly kind: 'none' };

/** Describes the tunnel around a packet. */
export function tunnelOf(packet: Packet): TunnelInfo {
  const outer = packet.outer;
  if (!outer) return { kind: 'none' };
  if (outer.vxlan && outer.udp) return { kind: 'vxlan', vni: outer.vxlan.vni, dstPort: outer.udp.dstPort };
  if (outer.udp) return { kind: 'udp', dstPort: outer.udp.dstPort };
  return { kind: 'ipip' };
}

/**
 * Strips the outer headers, as the receiving VTEP or tunl0 does. A VXLAN packet keeps its
 * inner Ethernet frame; an IP-in-IP packet has none. The inner IP header is untouched.
 */
export function decapsulate(packet: Packet): Packet {
  if (!packet.outer) return packet;
  const { outer: _outer, ...inner } = packet;
  return inner;
}

/** Where a Weave sleeve packet goes (user-space UDP encapsulation, port 6783 both ways). */
export interface UdpEncapSpec {
  readonly outerSrc: string;
  readonly outerDst: string;
  readonly port: number;
  readonly outerEth?: EthHeader;
  readonly ttl?: number;
}

/** Wraps an Ethernet frame in outer IPv4/UDP without a VXLAN header (Weave sleeve). */
export function encapUdp(packet: Packet, spec: UdpEncapSpec): Packet {
  if (!packet.eth) throw new Error('encapUdp: sleeve carries an Ethernet frame; set the inner eth first');
  if (packet.outer) throw new Error('encapUdp: the packet is already encapsulated');
  return {
    ...packet,
    outer: {
      ...outerIp(spec, { ttl: spec.ttl ?? DEFAULT_TTL, protocol: IPPROTO.udp, df: false }),
      udp: { srcPort: spec.port, dstPort: spec.port },
    },
  };
}
