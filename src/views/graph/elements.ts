import type { ElementDefinition } from 'cytoscape';

/** What the drawing needs of one node: a plain summary taken from the engine. */
export interface GraphNodeInput {
  readonly name: string;
  readonly ip: string;
  readonly podCIDR: string | null;
  readonly ready: boolean;
  /** Host devices worth drawing (bridge, tunnel, eth0), as the engine names them. */
  readonly devices: ReadonlyArray<{ readonly name: string; readonly kind: string }>;
}

export interface GraphPodInput {
  readonly key: string;
  readonly name: string;
  readonly node: string | null;
  readonly ip: string | null;
  readonly phase: string;
  /** The host device the pod's eth0 is linked to (cni0 for a bridge), and the host-side name of the link. */
  readonly hostDevice: string | null;
  readonly hostLink: string | null;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

export const POD_W = 124;
export const POD_H = 48;
export const POD_COLS = 3;
const GAP = 14;
const NODE_PAD = 22;
const NODE_GAP = 70;
const DEVICE_ROW = 58;
/** A node with more pods than this is drawn collapsed until the student expands it. */
export const COLLAPSE_ABOVE = 40;

const NODE_W = POD_COLS * POD_W + (POD_COLS - 1) * GAP + 2 * NODE_PAD;

/** Nodes per row: one row up to three nodes, then a grid a little wider than tall. */
export function nodesPerRow(count: number): number {
  return count <= 3 ? Math.max(count, 1) : Math.ceil(Math.sqrt(count * 1.6));
}

/** Which nodes are drawn collapsed: those over the threshold, unless the student expanded them. */
export function collapsedNodes(pods: readonly GraphPodInput[], expanded: ReadonlySet<string>): Set<string> {
  const counts = new Map<string, number>();
  for (const p of pods) if (p.node) counts.set(p.node, (counts.get(p.node) ?? 0) + 1);
  return new Set(
    [...counts].filter(([node, n]) => n > COLLAPSE_ABOVE && !expanded.has(node)).map(([node]) => node),
  );
}

interface Layout {
  readonly box: Map<string, { x: number; y: number; w: number; h: number }>;
  readonly pods: Map<string, Point>;
  readonly devices: Map<string, Point>;
  readonly underlay: Point;
  readonly underlayWidth: number;
}

/**
 * Places each node on a grid and each pod in its slot inside its node. Slots come from the
 * caller, so a pod keeps its place when others come and go; a row of nodes is as tall as
 * its fullest node, so boxes line up.
 */
export function layoutCluster(
  nodes: readonly GraphNodeInput[],
  pods: readonly GraphPodInput[],
  slots: ReadonlyMap<string, number>,
  collapsed: ReadonlySet<string>,
): Layout {
  const podRows = new Map<string, number>();
  for (const pod of pods) {
    if (!pod.node || collapsed.has(pod.node)) continue;
    const slot = slots.get(pod.key) ?? 0;
    podRows.set(pod.node, Math.max(podRows.get(pod.node) ?? 1, Math.floor(slot / POD_COLS) + 1));
  }
  const perRow = nodesPerRow(nodes.length);
  const box = new Map<string, { x: number; y: number; w: number; h: number }>();
  let y = 0;
  for (let start = 0; start < nodes.length; start += perRow) {
    const row = nodes.slice(start, start + perRow);
    const rows = Math.max(1, ...row.map((n) => podRows.get(n.name) ?? 1));
    const h = 2 * NODE_PAD + rows * (POD_H + GAP) + DEVICE_ROW;
    row.forEach((n, i) => box.set(n.name, { x: i * (NODE_W + NODE_GAP), y, w: NODE_W, h }));
    y += h + NODE_GAP;
  }
  const podPos = new Map<string, Point>();
  for (const pod of pods) {
    const b = pod.node ? box.get(pod.node) : undefined;
    if (!b || collapsed.has(pod.node!)) continue;
    const slot = slots.get(pod.key) ?? 0;
    podPos.set(pod.key, {
      x: b.x + NODE_PAD + (slot % POD_COLS) * (POD_W + GAP) + POD_W / 2,
      y: b.y + NODE_PAD + Math.floor(slot / POD_COLS) * (POD_H + GAP) + POD_H / 2,
    });
  }
  const devices = new Map<string, Point>();
  for (const n of nodes) {
    const b = box.get(n.name);
    if (!b) continue;
    const dy = b.y + b.h - NODE_PAD - 14;
    const count = n.devices.length;
    const span = b.w - 2 * NODE_PAD - 90;
    n.devices.forEach((d, i) => {
      const x = count > 1 ? b.x + NODE_PAD + 45 + (i * span) / (count - 1) : b.x + b.w / 2;
      devices.set(`${n.name}:${d.name}`, { x, y: dy });
    });
  }
  const width = Math.min(nodes.length, perRow) * (NODE_W + NODE_GAP) - NODE_GAP;
  return {
    box,
    pods: podPos,
    devices,
    underlay: { x: width / 2, y: y - NODE_GAP + 50 },
    underlayWidth: Math.max(width, NODE_W),
  };
}

/** Turns the cluster summary into Cytoscape elements with preset positions. Pure. */
export function toElements(
  nodes: readonly GraphNodeInput[],
  pods: readonly GraphPodInput[],
  slots: ReadonlyMap<string, number>,
  underlayCIDR: string,
  collapsed: ReadonlySet<string> = new Set(),
): ElementDefinition[] {
  const layout = layoutCluster(nodes, pods, slots, collapsed);
  const out: ElementDefinition[] = [];
  out.push({
    group: 'nodes',
    data: {
      id: 'underlay',
      label: `underlay network ${underlayCIDR}`,
      kind: 'underlay',
      width: layout.underlayWidth,
    },
    position: layout.underlay,
    classes: 'underlay',
  });
  const podCount = new Map<string, number>();
  for (const p of pods) if (p.node) podCount.set(p.node, (podCount.get(p.node) ?? 0) + 1);
  for (const n of nodes) {
    const parent = `node:${n.name}`;
    const b = layout.box.get(n.name)!;
    const status = n.ready ? '' : ' (NotReady)';
    out.push({
      group: 'nodes',
      data: {
        id: parent,
        label: `${n.name}${status}  ·  podCIDR ${n.podCIDR ?? 'none'}`,
        kind: 'node',
        name: n.name,
      },
      classes: `k8s-node${n.podCIDR ? '' : ' no-cidr'}`,
    });
    // Two invisible corners fix the box's size, so boxes in a row line up whatever they hold.
    for (const [corner, pos] of [
      ['tl', { x: b.x, y: b.y }],
      ['br', { x: b.x + b.w, y: b.y + b.h }],
    ] as const) {
      out.push({
        group: 'nodes',
        data: { id: `anchor:${n.name}:${corner}`, parent, kind: 'anchor' },
        position: pos,
        classes: 'anchor',
      });
    }
    if (collapsed.has(n.name)) {
      out.push({
        group: 'nodes',
        data: {
          id: `summary:${n.name}`,
          parent,
          kind: 'summary',
          name: n.name,
          label: `${podCount.get(n.name) ?? 0} pods in ${n.podCIDR ?? 'no podCIDR'}\nclick to expand`,
        },
        position: { x: b.x + b.w / 2, y: b.y + (b.h - DEVICE_ROW) / 2 },
        classes: 'summary',
      });
    }
    for (const d of n.devices) {
      const id = `dev:${n.name}:${d.name}`;
      const label = d.name === 'eth0' ? `eth0 ${n.ip}` : d.name;
      out.push({
        group: 'nodes',
        data: {
          id,
          parent,
          label,
          kind: 'device',
          deviceKind: d.kind,
          node: n.name,
          device: d.name,
          w: Math.max(52, label.length * 7.4 + 16),
        },
        position: layout.devices.get(`${n.name}:${d.name}`) ?? { x: b.x, y: b.y },
        classes: `device device-${d.kind}`,
      });
      if (d.name === 'eth0') {
        // The wire drops straight down to a tap on the underlay bar.
        const at = layout.devices.get(`${n.name}:${d.name}`) ?? { x: b.x, y: b.y };
        const tap = `tap:${n.name}`;
        out.push({
          group: 'nodes',
          data: { id: tap, kind: 'anchor' },
          position: { x: at.x, y: layout.underlay.y },
          classes: 'anchor',
        });
        out.push({
          group: 'edges',
          data: { id: `wire:${n.name}`, source: id, target: tap, kind: 'wire' },
          classes: 'wire',
        });
      }
    }
  }
  for (const p of pods) {
    if (!p.node || collapsed.has(p.node)) continue;
    const id = `pod:${p.key}`;
    out.push({
      group: 'nodes',
      data: {
        id,
        parent: `node:${p.node}`,
        // A routed pod (Calico's cali…, ptp) has no bridge to link to: name its host-side interface instead.
        label: `${p.name}\n${p.ip ?? p.phase}${!p.hostDevice && p.hostLink ? `\n↔ ${p.hostLink}` : ''}`,
        kind: 'pod',
        key: p.key,
      },
      position: layout.pods.get(p.key) ?? { x: 0, y: 0 },
      classes: `pod phase-${p.phase.toLowerCase()}`,
    });
    if (p.hostDevice) {
      out.push({
        group: 'edges',
        data: {
          id: `veth:${p.key}`,
          source: id,
          target: `dev:${p.node}:${p.hostDevice}`,
          label: p.hostLink ?? '',
          kind: 'veth',
        },
        classes: 'veth',
      });
    }
  }
  return out;
}

/** The element a lesson's highlight reference names: `node/N`, `pod/NAME` (or `pod/NS/NAME`), `device/NODE/DEV`. */
export function highlightElementId(ref: string): string {
  const [kind, ...rest] = ref.split('/');
  if (kind === 'node') return `node:${rest.join('/')}`;
  if (kind === 'pod') return `pod:${rest.join('/')}`;
  if (kind === 'device') return `dev:${rest[0] ?? ''}:${rest.slice(1).join('/')}`;
  return ref;
}
