import type { ElementDefinition } from 'cytoscape';
import type { PodAddressRanges } from '../../engine/index.ts';
import { layoutNode, type NodeLayout } from './node-layout.ts';

/** What the drawing needs of one node: a plain summary taken from the engine. */
export interface GraphNodeInput {
  readonly name: string;
  readonly ip: string;
  readonly podCIDR: string | null;
  readonly ready: boolean;
  readonly message: string | null;
  readonly events: readonly string[];
  readonly podCount: number;
  /** Where its pods' addresses come from (podCIDR, Calico blocks, Weave ranges). */
  readonly ranges: PodAddressRanges | null;
}

/** A host device of a node, as the engine's interface table lists it (pods' host-side veths apart). */
export interface GraphDevice {
  readonly name: string;
  readonly kind: string;
  readonly master: string | null;
  readonly peer: string | null;
  readonly addresses: readonly string[];
}

export interface GraphPodInput {
  readonly key: string;
  readonly name: string;
  readonly node: string | null;
  readonly ip: string | null;
  readonly phase: string;
  /** The host side of the pod's eth0 (vethXXXXXXXX, caliXXXXXXXXXXX, vethweplXXXXXXX), if any. */
  readonly hostLink: string | null;
  /** The bridge that host side is a port of (cni0, weave), if any. */
  readonly hostMaster: string | null;
  /** How the pod reaches its node: a veth, a macvlan child of eth0, or `host` (hostNetwork: none of its own). */
  readonly podIfKind: 'veth' | 'macvlan' | 'host';
}

/** A node drawn in full: its devices and pods. */
export interface GraphNodeDetail {
  readonly devices: readonly GraphDevice[];
  readonly pods: readonly GraphPodInput[];
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** A node with more pods than this is drawn as a summary box until the student opens it. */
export const COLLAPSE_ABOVE = 24;
/** Clusters larger than this are drawn as summary boxes (semantic zoom), nodes opened one by one. */
export const FULL_NODES_MAX = 8;
export const FULL_PODS_MAX = 120;
const NODE_GAP = 40;
const UNDERLAY_GAP = 110;
export const SUMMARY_W = 300;
export const SUMMARY_H = 96;

/** Nodes per row: one column on a narrow canvas, one row up to three nodes, then a grid. */
export function nodesPerRow(count: number, narrow = false): number {
  if (narrow) return count > 12 ? 2 : 1;
  return count <= 3 ? Math.max(count, 1) : Math.ceil(Math.sqrt(count * 1.6));
}

/** Which nodes are drawn as summary boxes: all of a large cluster, busy nodes of a small one, unless opened. */
export function collapsedNodes(nodes: readonly GraphNodeInput[], expanded: ReadonlySet<string>): Set<string> {
  const podTotal = nodes.reduce((n, node) => n + node.podCount, 0);
  const large = nodes.length > FULL_NODES_MAX || podTotal > FULL_PODS_MAX;
  const out = new Set<string>();
  for (const n of nodes) if ((large || n.podCount > COLLAPSE_ABOVE) && !expanded.has(n.name)) out.add(n.name);
  return out;
}

/** The plugin that owns a node's pod addresses, for the "podCIDR unused" note. */
const IPAM_OWNER: Record<PodAddressRanges['source'], string> = {
  podCIDR: 'host-local',
  'calico-ipam': 'Calico',
  'weave-ipam': 'Weave',
};

/** The lines under a node's name: where its pods' addresses come from. */
export function addressLines(n: GraphNodeInput): string[] {
  const r = n.ranges;
  if (!r || r.podCIDRUsed) return [`podCIDR ${n.podCIDR ?? 'none'}`];
  const kind = r.source === 'calico-ipam' ? 'IPAM block' : 'IPAM range';
  const shown =
    r.ranges.length === 0
      ? `${kind}s: none yet`
      : `${kind}${r.ranges.length > 1 ? 's' : ''} ${r.ranges[0]}${r.ranges.length > 1 ? ` +${r.ranges.length - 1}` : ''}`;
  return [shown, `podCIDR ${n.podCIDR ?? 'none'} unused by ${IPAM_OWNER[r.source]}`];
}

function nodeLabel(n: GraphNodeInput): string {
  return [`${n.name}  ${n.ip}${n.ready ? '' : '  NotReady'}`, ...addressLines(n)].join('\n');
}

/**
 * Turns the cluster into Cytoscape elements with preset positions. Pure. Nodes drawn in
 * full show every device a packet can cross; the rest are summary boxes with pod counts.
 */
export function toElements(
  nodes: readonly GraphNodeInput[],
  details: ReadonlyMap<string, GraphNodeDetail>,
  slots: ReadonlyMap<string, number>,
  underlayCIDR: string,
  options: { readonly narrow?: boolean } = {},
): ElementDefinition[] {
  const out: ElementDefinition[] = [];
  const perRow = nodesPerRow(nodes.length, options.narrow);
  const columns = Math.max(
    2,
    Math.min(options.narrow ? 2 : 3, ...[...details.values()].map((d) => Math.max(d.pods.length, 1))),
  );
  const layouts = new Map<string, NodeLayout>();
  for (const n of nodes) {
    const d = details.get(n.name);
    if (d) layouts.set(n.name, layoutNode(n.name, d, slots, columns));
  }
  const size = (n: GraphNodeInput) => {
    const l = layouts.get(n.name);
    return l ? { w: l.width, h: l.height } : { w: SUMMARY_W, h: SUMMARY_H };
  };
  // Rows of nodes; a row is as tall as its tallest node, so boxes line up.
  const origin = new Map<string, Point>();
  let y = 0;
  let width = 0;
  for (let start = 0; start < nodes.length; start += perRow) {
    const row = nodes.slice(start, start + perRow);
    const labelH = Math.max(...row.map((n) => (layouts.has(n.name) ? labelHeight(n) : 0)));
    const h = Math.max(...row.map((n) => size(n).h));
    let x = 0;
    for (const n of row) {
      origin.set(n.name, { x, y: y + labelH });
      x += size(n).w + NODE_GAP;
    }
    width = Math.max(width, x - NODE_GAP);
    y += labelH + h + NODE_GAP;
  }
  const underlayY = y - NODE_GAP + UNDERLAY_GAP;
  out.push({
    group: 'nodes',
    data: {
      id: 'underlay',
      label: `underlay network ${underlayCIDR}`,
      kind: 'underlay',
      width: Math.max(width, 320),
    },
    position: { x: width / 2, y: underlayY },
    classes: 'underlay',
  });
  for (const n of nodes) {
    const at = origin.get(n.name)!;
    const layout = layouts.get(n.name);
    const state = `${n.ready ? '' : ' not-ready'}${n.podCIDR ? '' : ' no-cidr'}`;
    if (!layout) {
      out.push({
        group: 'nodes',
        data: {
          id: `node:${n.name}`,
          kind: 'node',
          name: n.name,
          label: `${n.name}  ${n.ip}${n.ready ? '' : '  NotReady'}\n${n.podCount} pod${n.podCount === 1 ? '' : 's'}\n${addressLines(n)[0]}`,
        },
        position: { x: at.x + SUMMARY_W / 2, y: at.y + SUMMARY_H / 2 },
        classes: `summary${state}`,
      });
      continue;
    }
    out.push({
      group: 'nodes',
      data: { id: `node:${n.name}`, label: nodeLabel(n), kind: 'node', name: n.name },
      classes: `k8s-node${state}`,
    });
    for (const el of layout.elements) {
      const p = el.position;
      out.push(p ? { ...el, position: { x: p.x + at.x, y: p.y + at.y } } : el);
    }
    const eth0 = layout.eth0;
    if (eth0) {
      out.push({
        group: 'nodes',
        data: { id: `tap:${n.name}`, kind: 'anchor' },
        position: { x: eth0.x + at.x, y: underlayY },
        classes: 'anchor',
      });
      out.push({
        group: 'edges',
        data: { id: `wire:${n.name}`, source: `dev:${n.name}:eth0`, target: `tap:${n.name}`, kind: 'wire' },
        classes: 'wire',
      });
    }
  }
  // Tunnels: a link between every two nodes' tunnel devices of the same name (flannel.1,
  // tunl0, vxlan.calico, vxlan-6784), while the drawing is small enough to show them all.
  const tunnelsOf = [...layouts].flatMap(([node, l]) => l.tunnels.map((t) => ({ node, t })));
  if (layouts.size <= FULL_NODES_MAX) {
    for (let i = 0; i < tunnelsOf.length; i += 1)
      for (let j = i + 1; j < tunnelsOf.length; j += 1) {
        const a = tunnelsOf[i]!;
        const b = tunnelsOf[j]!;
        if (a.t !== b.t || a.node === b.node) continue;
        // Arcs below the boxes, the longer the further apart, so no two coincide.
        const span = Math.abs((origin.get(b.node)?.x ?? 0) - (origin.get(a.node)?.x ?? 0));
        out.push({
          group: 'edges',
          data: {
            id: tunnelEdgeId(a.node, b.node, a.t),
            source: `dev:${a.node}:${a.t}`,
            target: `dev:${b.node}:${a.t}`,
            kind: 'tunnel',
            bend: Math.min(UNDERLAY_GAP - 10, 40 + span / 10),
          },
          classes: 'tunnel',
        });
      }
  }
  return out;
}

/** The id of the tunnel link between two nodes' devices, whichever way the packet goes. */
export function tunnelEdgeId(a: string, b: string, device: string): string {
  const [x, y] = a < b ? [a, b] : [b, a];
  return `tunnel:${device}:${x}:${y}`;
}

/** Room above a node's box for its label (name, and one or two address lines). */
function labelHeight(n: GraphNodeInput): number {
  return 12 + addressLines(n).length * 19 + 19;
}

/** The element a lesson's highlight reference names: `node/N`, `pod/NAME` (or `pod/NS/NAME`), `device/NODE/DEV`. */
export function highlightElementId(ref: string): string {
  const [kind, ...rest] = ref.split('/');
  if (kind === 'node') return `node:${rest.join('/')}`;
  if (kind === 'pod') return `pod:${rest.join('/')}`;
  if (kind === 'device') return `dev:${rest[0] ?? ''}:${rest.slice(1).join('/')}`;
  return ref;
}
