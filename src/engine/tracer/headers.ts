/**
 * Header byte layouts for the packet inspector (reference I.2): each field with its width
 * in bits, its value and how it is shown, plus the header's bytes in hex. The IPv4 header
 * checksum is computed; payload-covering checksums (TCP, UDP) are shown as 0 because the
 * payload bytes are not modelled, which for VXLAN's UDP is also what Linux sends.
 */
import { parseIpv4 } from '../ipv4.ts';
import {
  innerFrameLength,
  innerIpLength,
  l4HeaderLength,
  outerIpLength,
  type EthHeader,
  type Ipv4Header,
  type L4Header,
  type Packet,
} from './packet.ts';

export interface HeaderField {
  readonly name: string;
  readonly bits: number;
  readonly value: number;
  readonly display: string;
}

export interface HeaderLayout {
  readonly layer: 'Ethernet II' | 'IPv4' | 'UDP' | 'VXLAN' | 'ICMP' | 'TCP';
  readonly bytes: number;
  readonly fields: readonly HeaderField[];
  /** The header's bytes as lowercase hex pairs separated by spaces. */
  readonly hex: string;
}

function pack(fields: readonly HeaderField[]): number[] {
  const bits: number[] = [];
  for (const f of fields)
    for (let b = f.bits - 1; b >= 0; b -= 1) bits.push(Math.floor(f.value / 2 ** b) % 2);
  const bytes: number[] = [];
  for (let i = 0; i < bits.length; i += 8)
    bytes.push(bits.slice(i, i + 8).reduce((acc, bit) => acc * 2 + bit, 0));
  return bytes;
}

function toHex(bytes: readonly number[]): string {
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ');
}

function layout(layer: HeaderLayout['layer'], fields: readonly HeaderField[]): HeaderLayout {
  const bytes = pack(fields);
  return { layer, bytes: bytes.length, fields, hex: toHex(bytes) };
}

function field(name: string, bits: number, value: number, display: string = String(value)): HeaderField {
  return { name, bits, value, display };
}

function macValue(mac: string): number {
  return mac.split(':').reduce((acc, part) => acc * 256 + parseInt(part, 16), 0);
}

function ipValue(ip: string): number {
  const value = parseIpv4(ip);
  if (value === null) throw new Error(`headers: "${ip}" is not an IPv4 address`);
  return value;
}

/** The Internet checksum (RFC 1071) of a byte array: one's-complement sum of 16-bit words, inverted. */
export function internetChecksum(bytes: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += ((bytes[i] ?? 0) << 8) + (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return ~sum & 0xffff;
}

/** Ethernet II: dst MAC 48, src MAC 48, EtherType 16 (0x0800 IPv4). */
export function ethernetLayout(eth: EthHeader, etherType = 0x0800): HeaderLayout {
  return layout('Ethernet II', [
    field('destination MAC', 48, macValue(eth.dst), eth.dst),
    field('source MAC', 48, macValue(eth.src), eth.src),
    field('EtherType', 16, etherType, `0x${etherType.toString(16).padStart(4, '0')}`),
  ]);
}

const PROTOCOL_NAMES: Readonly<Record<number, string>> = {
  1: 'ICMP',
  4: 'IP-in-IP',
  6: 'TCP',
  17: 'UDP',
  50: 'ESP',
};

/** IPv4 without options (20 bytes); the header checksum is computed over the header. */
export function ipv4Layout(ip: Ipv4Header, totalLength: number, identification = 0): HeaderLayout {
  const flags = ip.df ? 0b010 : 0;
  const fields = (checksum: number): HeaderField[] => [
    field('version', 4, 4),
    field('IHL', 4, 5, '5 (20 bytes)'),
    field('DSCP/ECN', 8, 0),
    field('total length', 16, totalLength),
    field('identification', 16, identification),
    field('flags', 3, flags, ip.df ? "DF (don't fragment)" : 'none'),
    field('fragment offset', 13, 0),
    field('TTL', 8, ip.ttl),
    field('protocol', 8, ip.protocol, `${ip.protocol} (${PROTOCOL_NAMES[ip.protocol] ?? 'other'})`),
    field('header checksum', 16, checksum, `0x${checksum.toString(16).padStart(4, '0')}`),
    field('source', 32, ipValue(ip.src), ip.src),
    field('destination', 32, ipValue(ip.dst), ip.dst),
  ];
  return layout('IPv4', fields(internetChecksum(pack(fields(0)))));
}

/** UDP: ports, length (header + payload), checksum shown as 0. */
export function udpLayout(srcPort: number, dstPort: number, length: number): HeaderLayout {
  return layout('UDP', [
    field('source port', 16, srcPort),
    field('destination port', 16, dstPort),
    field('length', 16, length),
    field('checksum', 16, 0, '0x0000 (not computed)'),
  ]);
}

/** VXLAN (RFC 7348): flags 0x08, 24 reserved bits, VNI 24, 8 reserved bits → `08 00 00 00 | VNI | 00`. */
export function vxlanLayout(vni: number, flags = 0x08): HeaderLayout {
  return layout('VXLAN', [
    field('flags', 8, flags, `0x${flags.toString(16).padStart(2, '0')} (I: VNI valid)`),
    field('reserved', 24, 0),
    field('VNI', 24, vni),
    field('reserved', 8, 0),
  ]);
}

/** The L4 header of the inner packet: ICMP (8 bytes), TCP (20 bytes) or UDP (8 bytes). */
export function l4Layout(l4: L4Header, payloadLength: number): HeaderLayout {
  switch (l4.kind) {
    case 'icmp': {
      const fields = (checksum: number): HeaderField[] => [
        field(
          'type',
          8,
          l4.type,
          l4.type === 8 ? '8 (echo request)' : l4.type === 0 ? '0 (echo reply)' : String(l4.type),
        ),
        field('code', 8, l4.code),
        field('checksum', 16, checksum, `0x${checksum.toString(16).padStart(4, '0')}`),
        field('identifier', 16, l4.id),
        field('sequence number', 16, l4.seq),
      ];
      const zeroPayload = new Array<number>(payloadLength).fill(0);
      return layout('ICMP', fields(internetChecksum([...pack(fields(0)), ...zeroPayload])));
    }
    case 'tcp': {
      const bit = (flag: (typeof l4.flags)[number]): number => (l4.flags.includes(flag) ? 1 : 0);
      const flags =
        bit('URG') * 32 + bit('ACK') * 16 + bit('PSH') * 8 + bit('RST') * 4 + bit('SYN') * 2 + bit('FIN');
      return layout('TCP', [
        field('source port', 16, l4.srcPort),
        field('destination port', 16, l4.dstPort),
        field('sequence number', 32, 0),
        field('acknowledgment number', 32, l4.flags.includes('ACK') ? 1 : 0),
        field('data offset', 4, 5, '5 (20 bytes)'),
        field('reserved', 4, 0),
        field('flags', 8, flags, l4.flags.join(',')),
        field('window', 16, 64240),
        field('checksum', 16, 0, '0x0000 (not computed)'),
        field('urgent pointer', 16, 0),
      ]);
    }
    case 'udp':
      return udpLayout(l4.srcPort, l4.dstPort, l4HeaderLength(l4) + payloadLength);
  }
}

/** Every header of a packet, outermost first: outer Ethernet, outer IPv4, UDP, VXLAN, inner Ethernet, IPv4, L4. */
export function packetLayouts(packet: Packet): HeaderLayout[] {
  const layers: HeaderLayout[] = [];
  const outer = packet.outer;
  if (outer) {
    if (outer.eth) layers.push(ethernetLayout(outer.eth));
    layers.push(ipv4Layout(outer.ip, outerIpLength(packet)));
    if (outer.udp)
      layers.push(udpLayout(outer.udp.srcPort, outer.udp.dstPort, 8 + 8 + innerFrameLength(packet)));
    if (outer.vxlan) layers.push(vxlanLayout(outer.vxlan.vni, outer.vxlan.flags));
  }
  if (packet.eth) layers.push(ethernetLayout(packet.eth));
  layers.push(ipv4Layout(packet.ip, innerIpLength(packet)));
  layers.push(l4Layout(packet.l4, packet.payloadLength));
  return layers;
}
