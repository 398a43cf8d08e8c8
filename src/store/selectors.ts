import {
  listNodes,
  listPods,
  nodeTables,
  type ClusterSpec,
  type ClusterState,
  type Command,
} from '../engine/index.ts';
import type { LabState } from './lab-store.ts';
import type { GraphNodeInput, GraphPodInput } from '../views/graph/elements.ts';

/** Host device kinds drawn inside a node box (veths are drawn as links, not boxes). */
const DRAWN_KINDS = new Set(['bridge', 'vxlan', 'ipip', 'ethernet']);

export interface GraphInput {
  nodes: GraphNodeInput[];
  pods: GraphPodInput[];
  underlayCIDR: string;
}

const graphInputCache = new WeakMap<ClusterState, GraphInput>();

/** The drawing's input, read from the engine's derived tables; computed once per cluster state. */
export function selectGraphInput(cluster: ClusterState): GraphInput {
  const cached = graphInputCache.get(cluster);
  if (cached) return cached;
  const input = computeGraphInput(cluster);
  graphInputCache.set(cluster, input);
  return input;
}

function computeGraphInput(cluster: ClusterState): GraphInput {
  const hostLinkOf = new Map<string, { device: string; link: string }>();
  const nodes: GraphNodeInput[] = listNodes(cluster).map((n) => {
    const tables = nodeTables(cluster, n.name);
    const interfaces = tables?.interfaces ?? [];
    for (const iface of interfaces) {
      if (iface.peer?.startsWith('pod/')) {
        hostLinkOf.set(iface.peer.slice(4), { device: iface.master ?? iface.name, link: iface.name });
      }
    }
    return {
      name: n.name,
      ip: n.ip,
      podCIDR: n.podCIDR,
      ready: n.ready,
      devices: interfaces.filter((i) => DRAWN_KINDS.has(i.kind)).map((i) => ({ name: i.name, kind: i.kind })),
    };
  });
  const pods: GraphPodInput[] = listPods(cluster).map((p) => {
    const link = hostLinkOf.get(p.key);
    return {
      key: p.key,
      name: p.name,
      node: p.node,
      ip: p.ip,
      phase: p.phase,
      hostDevice: link && link.device !== link.link ? link.device : null,
      hostLink: link?.link ?? null,
    };
  });
  return { nodes, pods, underlayCIDR: cluster.config.underlayCIDR };
}

/**
 * What a sandbox link carries: the spec and seed the cluster was built from and every
 * action that succeeded since, traces and policies included, in order. Replayed, it gives
 * the same cluster (the engine is deterministic).
 */
export function selectShareableSandbox(state: Pick<LabState, 'origin' | 'log'>): {
  seed: number;
  cluster: ClusterSpec;
  actions: Command[];
} {
  return {
    seed: state.origin.seed,
    cluster: state.origin.spec,
    actions: state.log.filter((e) => e.result.ok).map((e) => e.command),
  };
}
