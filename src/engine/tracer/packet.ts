/**
 * The packet model the tracer moves hop by hop. Plain immutable data with IPs and MACs as
 * text, so a hop's `packet` can go straight into the runner's report and the UI.
 */

/** IP protocol numbers (IANA) used by the simulator. */
export const IPPROTO = { icmp: 1, ipip: 4, tcp: 6, udp: 17, esp: 50, sctp: 132 } as const;

/** Default TTL of a Linux sender (`net.ipv4.ip_default_ttl`). */
export const DEFAULT_TTL = 64;

/** Ethernet II addresses, MACs as lowercase `aa:bb:cc:dd:ee:ff`. */
export interface EthHeader {
  readonly src: string;
  readonly dst: string;
}

/** The IPv4 header fields a student reads; `df` is the Don't Fragment flag. */
export interface Ipv4Header {
  readonly src: string;
  readonly dst: string;
  readonly ttl: number;
  /** IP protocol number: 1 ICMP, 4 IP-in-IP, 6 TCP, 17 UDP, 132 SCTP. */
  readonly protocol: number;
  readonly df?: boolean;
}

export type TcpFlag = 'SYN' | 'ACK' | 'FIN' | 'RST' | 'PSH' | 'URG';

export interface IcmpHeader {
  readonly kind: 'icmp';
  /** 8 echo request, 0 echo reply, 3 unreachable, 11 time exceeded. */
  readonly type: number;
  readonly code: number;
  readonly id: number;
  readonly seq: number;
}
export interface TcpHeader {
  readonly kind: 'tcp';
  readonly srcPort: number;
  readonly dstPort: number;
  readonly flags: readonly TcpFlag[];
}
export interface UdpHeader {
  readonly kind: 'udp';
  readonly srcPort: number;
  readonly dstPort: number;
}
/**
 * The one chunk of an SCTP packet the tracer sends (RFC 9260): the INIT that opens an
 * association, the INIT ACK a listening endpoint answers, or the ABORT a kernel sends for
 * an INIT to a port nobody listens on ("out of the blue", §8.4).
 */
export type SctpChunk = 'INIT' | 'INIT ACK' | 'ABORT';
export interface SctpHeader {
  readonly kind: 'sctp';
  readonly srcPort: number;
  readonly dstPort: number;
  readonly chunk: SctpChunk;
}
export type L4Header = IcmpHeader | TcpHeader | UdpHeader | SctpHeader;

/** VXLAN header (RFC 7348): `flags` is 0x08 (the I bit, "VNI valid"). */
export interface VxlanHeader {
  readonly vni: number;
  readonly flags: number;
}

/** The tunnel headers around an encapsulated packet. VXLAN has `udp` and `vxlan`; IP-in-IP has neither. */
export interface OuterHeaders {
  readonly eth?: EthHeader;
  readonly ip: Ipv4Header;
  readonly udp?: { readonly srcPort: number; readonly dstPort: number };
  readonly vxlan?: VxlanHeader;
}

/** A packet at one point of its path. `payloadLength` counts application bytes after L4. */
export interface Packet {
  readonly eth?: EthHeader;
  readonly ip: Ipv4Header;
  readonly l4: L4Header;
  readonly payloadLength: number;
  readonly outer?: OuterHeaders;
}

/** The L4 protocol a student asks a trace for. */
export type TraceProtocol = 'icmp' | 'tcp' | 'udp' | 'sctp';

/** What `createRequest` needs: dotted IPs, and ports for TCP/UDP/SCTP. */
export interface RequestSpec {
  readonly protocol: TraceProtocol;
  readonly src: string;
  readonly dst: string;
  readonly dstPort?: number;
  /** Client ephemeral port; a deterministic caller-chosen value (default 40000). */
  readonly srcPort?: number;
  readonly ttl?: number;
  /** Application bytes (default: 56 for ICMP, as `ping`; 0 for a TCP SYN or an SCTP INIT; 32 for UDP). */
  readonly payloadLength?: number;
  /** Don't Fragment (Linux sets it by default with PMTU discovery: true). */
  readonly df?: boolean;
}

/** Builds the first packet of a trace: an ICMP echo request, a TCP SYN, a UDP datagram or an SCTP INIT. */
export function createRequest(spec: RequestSpec): Packet {
  const ttl = spec.ttl ?? DEFAULT_TTL;
  const df = spec.df ?? true;
  const srcPort = spec.srcPort ?? 40000;
  const dstPort = spec.dstPort ?? 0;
  switch (spec.protocol) {
    case 'icmp':
      return {
        ip: { src: spec.src, dst: spec.dst, ttl, protocol: IPPROTO.icmp, df },
        l4: { kind: 'icmp', type: 8, code: 0, id: 1, seq: 1 },
        payloadLength: spec.payloadLength ?? 56,
      };
    case 'tcp':
      return {
        ip: { src: spec.src, dst: spec.dst, ttl, protocol: IPPROTO.tcp, df },
        l4: { kind: 'tcp', srcPort, dstPort, flags: ['SYN'] },
        payloadLength: spec.payloadLength ?? 0,
      };
    case 'udp':
      return {
        ip: { src: spec.src, dst: spec.dst, ttl, protocol: IPPROTO.udp, df },
        l4: { kind: 'udp', srcPort, dstPort },
        payloadLength: spec.payloadLength ?? 32,
      };
    case 'sctp':
      return {
        ip: { src: spec.src, dst: spec.dst, ttl, protocol: IPPROTO.sctp, df },
        l4: { kind: 'sctp', srcPort, dstPort, chunk: 'INIT' },
        payloadLength: spec.payloadLength ?? 0,
      };
  }
}

/**
 * The reply the destination sends back: addresses and ports swapped, a fresh TTL, an echo
 * reply for an echo request, SYN+ACK for a SYN, INIT ACK for an INIT. No Ethernet or outer
 * headers yet.
 */
export function createReply(request: Packet, ttl: number = DEFAULT_TTL): Packet {
  const ip: Ipv4Header = { ...request.ip, src: request.ip.dst, dst: request.ip.src, ttl };
  const l4 = request.l4;
  switch (l4.kind) {
    case 'icmp':
      return { ip, l4: { ...l4, type: 0 }, payloadLength: request.payloadLength };
    case 'tcp':
      return {
        ip,
        l4: { kind: 'tcp', srcPort: l4.dstPort, dstPort: l4.srcPort, flags: ['SYN', 'ACK'] },
        payloadLength: 0,
      };
    case 'udp':
      return {
        ip,
        l4: { kind: 'udp', srcPort: l4.dstPort, dstPort: l4.srcPort },
        payloadLength: request.payloadLength,
      };
    case 'sctp':
      return {
        ip,
        l4: { kind: 'sctp', srcPort: l4.dstPort, dstPort: l4.srcPort, chunk: 'INIT ACK' },
        payloadLength: 0,
      };
  }
}

/**
 * L4 header length in bytes: ICMP 8, TCP 20 (no options), UDP 8; SCTP's common header (12)
 * and its one chunk: INIT and INIT ACK 20 (no optional parameters), ABORT 4 (no cause).
 */
export function l4HeaderLength(l4: L4Header): number {
  if (l4.kind === 'sctp') return 12 + (l4.chunk === 'ABORT' ? 4 : 20);
  return l4.kind === 'tcp' ? 20 : 8;
}

/** Total length of the inner IPv4 packet (IP header 20 + L4 + payload). */
export function innerIpLength(packet: Packet): number {
  return 20 + l4HeaderLength(packet.l4) + packet.payloadLength;
}

/** Bytes of the inner Ethernet frame (14 + inner IP), i.e. what VXLAN carries. */
export function innerFrameLength(packet: Packet): number {
  return 14 + innerIpLength(packet);
}

/** Total length of the outermost IPv4 packet, i.e. what an MTU is measured against. */
export function outerIpLength(packet: Packet): number {
  const outer = packet.outer;
  if (!outer) return innerIpLength(packet);
  if (outer.vxlan) return 20 + 8 + 8 + innerFrameLength(packet);
  // UDP without VXLAN: Weave sleeve, which carries the Ethernet frame in its own framing
  // (its small per-batch header is not modelled).
  if (outer.udp) return 20 + 8 + innerFrameLength(packet);
  return 20 + innerIpLength(packet);
}

/** Returns the packet with new Ethernet addresses on its outermost frame (a routing hop's MAC rewrite). */
export function withEth(packet: Packet, eth: EthHeader): Packet {
  if (packet.outer) return { ...packet, outer: { ...packet.outer, eth } };
  return { ...packet, eth };
}

/** The ports of a TCP/UDP/SCTP packet, `null` for ICMP. */
export function portsOf(l4: L4Header): { srcPort: number; dstPort: number } | null {
  return l4.kind === 'icmp' ? null : { srcPort: l4.srcPort, dstPort: l4.dstPort };
}

/** Result of forwarding through a router: the TTL-decremented packet, or the drop. */
export type ForwardResult = { ok: true; packet: Packet } | { ok: false; reason: string };

/**
 * What a Linux router does to the IP header it routes on (the outer one when tunnelled):
 * a TTL of 1 or less is dropped with ICMP time exceeded, otherwise TTL − 1.
 */
export function decrementTtl(packet: Packet, where: string): ForwardResult {
  const header = packet.outer ? packet.outer.ip : packet.ip;
  if (header.ttl <= 1) {
    return {
      ok: false,
      reason: `TTL exceeded in transit at ${where}: the packet from ${header.src} to ${header.dst} arrived with TTL ${header.ttl}, so the router dropped it and would send ICMP time exceeded`,
    };
  }
  const ip = { ...header, ttl: header.ttl - 1 };
  if (packet.outer) return { ok: true, packet: { ...packet, outer: { ...packet.outer, ip } } };
  return { ok: true, packet: { ...packet, ip } };
}
