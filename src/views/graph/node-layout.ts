import type { ElementDefinition } from 'cytoscape';
import type { GraphNodeDetail, Point } from './elements.ts';

/** Model font size of pod and device labels; the style sheet uses the same. */
export const LABEL_FONT = 14;
/** Width of one monospace character at LABEL_FONT (0.6 em). */
const CHAR_W = LABEL_FONT * 0.6;
const PAD = 12;
const POD_H = 52;
const DEV_H = 28;
const ROW_GAP = 22;
const LINK_GAP = 34;

/** A device box wide enough for its label. */
export function deviceWidth(label: string): number {
  return Math.max(56, Math.ceil(label.length * CHAR_W) + 22);
}

export interface NodeLayout {
  /** Elements with positions relative to the node box's top-left corner. */
  readonly elements: ElementDefinition[];
  readonly width: number;
  readonly height: number;
  readonly eth0: Point | null;
  /** Names of the node's tunnel devices (vxlan, ipip): tunnels are drawn between them. */
  readonly tunnels: readonly string[];
}

const TUNNEL_KINDS = new Set(['vxlan', 'ipip']);

/** A pod box's second line: its address (`hostNetwork` before the node's own), or its phase. */
function podLine(p: GraphNodeDetail['pods'][number]): string {
  if (p.ip === null) return p.phase;
  return p.podIfKind === 'host' ? `hostNetwork ${p.ip}` : p.ip;
}

/**
 * Lays out one node drawn in full, top to bottom as a packet leaves a pod: the pods with
 * their eth0, the host side of each pod's link (veth…, cali…, vethwepl…), the bridges
 * (cni0, weave), the node's other devices, then its tunnel devices and eth0. Which devices
 * exist and how they are linked come from the engine's interface table (master, peer); only
 * the routing between layers (a routed interface reaches the tunnel devices and eth0) is
 * drawn by rule. Pure.
 */
export function layoutNode(
  node: string,
  detail: GraphNodeDetail,
  slots: ReadonlyMap<string, number>,
  columns: number,
): NodeLayout {
  const els: ElementDefinition[] = [];
  const dev = (name: string) => `dev:${node}:${name}`;
  const parent = `node:${node}`;
  const longest = Math.max(
    10,
    ...detail.pods.flatMap((p) => [p.name.length, podLine(p).length, (p.hostLink ?? '').length]),
  );
  const colW = Math.max(120, Math.ceil(longest * CHAR_W) + 24);
  const podRows = Math.max(
    detail.pods.length > 0 ? 1 : 0,
    ...detail.pods.map((p) => Math.floor((slots.get(p.key) ?? 0) / columns) + 1),
  );
  const innerW = columns * colW;
  let y = PAD;
  const edges: ElementDefinition[] = [];
  const edgeIds = new Set<string>();
  const link = (id: string, source: string, target: string, kind: string) => {
    if (edgeIds.has(id)) return;
    edgeIds.add(id);
    edges.push({ group: 'edges', data: { id, source, target, kind }, classes: kind });
  };
  const device = (
    name: string,
    kind: string,
    x: number,
    yy: number,
    label = name,
    w = deviceWidth(label),
  ) => {
    els.push({
      group: 'nodes',
      data: { id: dev(name), parent, label, kind: 'device', deviceKind: kind, node, device: name, w },
      position: { x, y: yy },
      classes: `device device-${kind}`,
    });
  };

  // Pods, each with its eth0 and the host side of its link below it.
  const ROW_H = POD_H + 14 + DEV_H + LINK_GAP + DEV_H;
  const hostVeths: Array<{ name: string; master: string | null }> = [];
  const macvlanPods: string[] = [];
  for (const p of detail.pods) {
    const slot = slots.get(p.key) ?? 0;
    const cx = PAD + (slot % columns) * colW + colW / 2;
    const top = y + Math.floor(slot / columns) * (ROW_H + ROW_GAP);
    const id = `pod:${p.key}`;
    const onHost = p.podIfKind === 'host';
    els.push({
      group: 'nodes',
      data: { id, parent, label: `${p.name}\n${podLine(p)}`, kind: 'pod', key: p.key, w: colW - 16 },
      position: { x: cx, y: top + POD_H / 2 },
      classes: `pod phase-${p.phase.toLowerCase()}${onHost ? ' host-network' : ''}`,
    });
    // A hostNetwork pod uses the node's own interfaces: no eth0, no link of its own.
    if (p.phase !== 'Running' || onHost) continue;
    const ifId = `podif:${p.key}:eth0`;
    els.push({
      group: 'nodes',
      data: { id: ifId, parent, label: 'eth0', kind: 'podif', key: p.key, w: deviceWidth('eth0') },
      position: { x: cx, y: top + POD_H + 14 + DEV_H / 2 },
      classes: 'device device-podif',
    });
    link(`in:${p.key}`, id, ifId, 'pod-eth0');
    if (p.hostLink) {
      device(p.hostLink, 'veth', cx, top + POD_H + 14 + DEV_H + LINK_GAP + DEV_H / 2);
      link(`pair:${p.key}`, ifId, dev(p.hostLink), 'pair');
      hostVeths.push({ name: p.hostLink, master: p.hostMaster });
    } else if (p.podIfKind === 'macvlan') macvlanPods.push(ifId);
  }
  y += podRows > 0 ? podRows * (ROW_H + ROW_GAP) - ROW_GAP + LINK_GAP : 0;

  const eth0 = detail.devices.find((d) => d.name === 'eth0') ?? null;
  const tunnels = detail.devices.filter((d) => TUNNEL_KINDS.has(d.kind));
  const podBridges = new Set(hostVeths.map((v) => v.master).filter((m): m is string => m !== null));
  const bridges = detail.devices.filter((d) => d.kind === 'bridge' || podBridges.has(d.name));
  const others = detail.devices.filter((d) => d !== eth0 && !tunnels.includes(d) && !bridges.includes(d));

  // Bridges: a bar under the pods' host sides, labelled with their gateway address.
  for (const b of bridges) {
    const label = b.addresses[0] ? `${b.name} ${b.addresses[0]}` : b.name;
    device(b.name, b.kind, PAD + innerW / 2, y + DEV_H / 2, label, Math.max(innerW - 12, deviceWidth(label)));
    y += DEV_H + LINK_GAP;
  }
  // Other devices (weave's vethwe-bridge, vethwe-datapath, datapath…), in rows that fit.
  let rowW = 0;
  let row: typeof others = [];
  const flush = () => {
    if (row.length === 0) return;
    const gap = (innerW - rowW) / (row.length + 1);
    let x = PAD + gap;
    for (const d of row) {
      const w = deviceWidth(d.name);
      device(d.name, d.kind, x + w / 2, y + DEV_H / 2);
      x += w + gap;
    }
    y += DEV_H + LINK_GAP;
    row = [];
    rowW = 0;
  };
  for (const d of others) {
    const w = deviceWidth(d.name) + 16;
    if (row.length > 0 && rowW + w > innerW) flush();
    row.push(d);
    rowW += w;
  }
  flush();
  // Tunnel devices on the left, eth0 on the right: its wire drops to the underlay.
  const bottom = y + DEV_H / 2;
  let eth0At: Point | null = null;
  let x = PAD;
  for (const t of tunnels) {
    const w = deviceWidth(t.name);
    device(t.name, t.kind, x + w / 2, bottom);
    x += w + 24;
  }
  if (eth0) {
    const label = `eth0 ${eth0.addresses[0]?.split('/')[0] ?? ''}`.trim();
    const w = deviceWidth(label);
    eth0At = { x: Math.max(x + w / 2, PAD + innerW - w / 2), y: bottom };
    device('eth0', 'ethernet', eth0At.x, bottom, label, w);
  }
  const height = bottom + DEV_H / 2 + PAD;
  const width = Math.max(PAD * 2 + innerW, (eth0At?.x ?? 0) + PAD + 60);

  // Links the engine records: bridge ports (master) and veth pairs between host devices.
  const hasLink = new Set<string>();
  for (const v of hostVeths)
    if (v.master) {
      link(`port:${node}:${v.name}`, dev(v.name), dev(v.master), 'port');
      hasLink.add(v.name);
    }
  const hostNames = new Set(detail.devices.map((d) => d.name));
  const nonPodPort = new Set<string>();
  for (const d of detail.devices) {
    if (d.master && hostNames.has(d.master)) {
      link(`port:${node}:${d.name}`, dev(d.name), dev(d.master), 'port');
      nonPodPort.add(d.master);
      hasLink.add(d.name).add(d.master);
    }
    if (d.peer && hostNames.has(d.peer)) {
      const [a, b] = [d.name, d.peer].sort();
      link(`peer:${node}:${a}:${b}`, dev(a!), dev(b!), 'pair');
      hasLink.add(d.name).add(d.peer);
    }
  }
  for (const ifId of macvlanPods) if (eth0) link(`macvlan:${ifId}`, ifId, dev('eth0'), 'macvlan');
  // Routing between layers: each interface the kernel routes from reaches the tunnel
  // devices and eth0 (a bridge with only pods on it, a pod's routed host side, a device
  // that is no one's port, and a veth whose peer is another host device).
  const routed = [
    ...bridges.filter((b) => !nonPodPort.has(b.name)).map((b) => b.name),
    ...hostVeths.filter((v) => !v.master).map((v) => v.name),
    ...others
      .filter((d) => !hasLink.has(d.name) || (d.peer && hostNames.has(d.peer) && !d.master))
      .map((d) => d.name),
  ];
  for (const from of routed) {
    for (const t of tunnels) link(`route:${node}:${from}:${t.name}`, dev(from), dev(t.name), 'routed');
    if (eth0) link(`route:${node}:${from}:eth0`, dev(from), dev('eth0'), 'routed');
  }
  for (const t of tunnels) if (eth0) link(`encap:${node}:${t.name}`, dev(t.name), dev('eth0'), 'encap');

  // Two invisible corners fix the box's size, so boxes in a row line up whatever they hold.
  for (const [corner, pos] of [
    ['tl', { x: 0, y: 0 }],
    ['br', { x: width, y: height }],
  ] as const)
    els.push({
      group: 'nodes',
      data: { id: `anchor:${node}:${corner}`, parent, kind: 'anchor' },
      position: pos,
      classes: 'anchor',
    });
  return { elements: [...els, ...edges], width, height, eth0: eth0At, tunnels: tunnels.map((t) => t.name) };
}
