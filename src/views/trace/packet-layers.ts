import type { Packet } from '../../engine/index.ts';

/** One header of a packet as the inspector shows it. */
export interface Layer {
  /** Stable id across hops, e.g. `outer-ip`, `ip`, `tcp`. */
  readonly id: string;
  readonly title: string;
  readonly fields: ReadonlyArray<{ readonly name: string; readonly value: string }>;
}

const PROTOCOL_NAMES: Record<number, string> = {
  1: 'ICMP',
  4: 'IP-in-IP',
  6: 'TCP',
  17: 'UDP',
  50: 'ESP',
  132: 'SCTP',
};

function protocolText(n: number): string {
  return `${n} (${PROTOCOL_NAMES[n] ?? 'other'})`;
}

/** The packet's headers, outermost first, as the student reads them on the wire. */
export function packetLayers(packet: Packet): Layer[] {
  const layers: Layer[] = [];
  const outer = packet.outer;
  if (outer) {
    if (outer.eth)
      layers.push({
        id: 'outer-eth',
        title: 'Outer Ethernet',
        fields: [
          { name: 'src MAC', value: outer.eth.src },
          { name: 'dst MAC', value: outer.eth.dst },
        ],
      });
    layers.push({
      id: 'outer-ip',
      title: 'Outer IPv4',
      fields: [
        { name: 'src', value: outer.ip.src },
        { name: 'dst', value: outer.ip.dst },
        { name: 'TTL', value: String(outer.ip.ttl) },
        { name: 'protocol', value: protocolText(outer.ip.protocol) },
      ],
    });
    if (outer.udp)
      layers.push({
        id: 'outer-udp',
        title: 'Outer UDP',
        fields: [
          { name: 'src port', value: String(outer.udp.srcPort) },
          { name: 'dst port', value: String(outer.udp.dstPort) },
        ],
      });
    if (outer.vxlan) {
      layers.push({
        id: 'vxlan',
        title: 'VXLAN',
        fields: [
          { name: 'flags', value: `0x${outer.vxlan.flags.toString(16).padStart(2, '0')} (I: VNI valid)` },
          { name: 'VNI', value: String(outer.vxlan.vni) },
        ],
      });
    }
  }
  if (packet.eth) {
    layers.push({
      id: 'eth',
      title: outer ? 'Inner Ethernet' : 'Ethernet',
      fields: [
        { name: 'src MAC', value: packet.eth.src },
        { name: 'dst MAC', value: packet.eth.dst },
      ],
    });
  }
  layers.push({
    id: 'ip',
    title: outer ? 'Inner IPv4' : 'IPv4',
    fields: [
      { name: 'src', value: packet.ip.src },
      { name: 'dst', value: packet.ip.dst },
      { name: 'TTL', value: String(packet.ip.ttl) },
      { name: 'protocol', value: protocolText(packet.ip.protocol) },
      ...(packet.ip.df === undefined ? [] : [{ name: 'DF', value: packet.ip.df ? 'set' : 'clear' }]),
    ],
  });
  const l4 = packet.l4;
  if (l4.kind === 'icmp') {
    const kind = l4.type === 8 ? 'echo request' : l4.type === 0 ? 'echo reply' : `type ${l4.type}`;
    layers.push({
      id: 'l4',
      title: 'ICMP',
      fields: [
        { name: 'type', value: `${l4.type} (${kind})` },
        { name: 'code', value: String(l4.code) },
        { name: 'id', value: String(l4.id) },
        { name: 'seq', value: String(l4.seq) },
      ],
    });
  } else {
    // TCP, SCTP and UDP: the ports, then what only the protocol has.
    const extra =
      l4.kind === 'tcp'
        ? [{ name: 'flags', value: l4.flags.join(', ') }]
        : l4.kind === 'sctp'
          ? [{ name: 'chunk', value: l4.chunk }]
          : [];
    layers.push({
      id: 'l4',
      title: l4.kind.toUpperCase(),
      fields: [
        { name: 'src port', value: String(l4.srcPort) },
        { name: 'dst port', value: String(l4.dstPort) },
        ...extra,
      ],
    });
  }
  return layers;
}

/** How a layer or field differs from the same hop's predecessor. */
export type Change = 'added' | 'changed' | null;

/** Marks layers that appeared and fields whose value changed since the previous packet. */
export function compareLayers(
  current: readonly Layer[],
  previous: readonly Layer[] | null,
): { layers: Array<Layer & { change: Change; fieldChanges: Change[] }>; removed: string[] } {
  const before = new Map((previous ?? []).map((l) => [l.id, l]));
  const layers = current.map((layer) => {
    const was = before.get(layer.id);
    if (!previous) return { ...layer, change: null, fieldChanges: layer.fields.map(() => null) };
    if (!was) return { ...layer, change: 'added' as const, fieldChanges: layer.fields.map(() => null) };
    const fieldChanges = layer.fields.map((f) => {
      const old = was.fields.find((g) => g.name === f.name);
      return old && old.value !== f.value ? ('changed' as const) : null;
    });
    return { ...layer, change: fieldChanges.some(Boolean) ? ('changed' as const) : null, fieldChanges };
  });
  const ids = new Set(current.map((l) => l.id));
  const removed = (previous ?? []).filter((l) => !ids.has(l.id)).map((l) => l.title);
  return { layers, removed };
}
