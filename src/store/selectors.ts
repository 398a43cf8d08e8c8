import {
  isHostNetworkPod,
  nodeTables,
  podAddressRanges,
  type ClusterSpec,
  type ClusterState,
  type Command,
  type NodeState,
  type PodAddressRanges,
  type PodState,
} from '../engine/index.ts';
import type { LabState } from './lab-store.ts';
import type { GraphNodeDetail, GraphNodeInput, GraphPodInput } from '../views/graph/elements.ts';

export interface GraphInput {
  readonly nodes: readonly GraphNodeInput[];
  readonly underlayCIDR: string;
  readonly podTotal: number;
}

/**
 * Per-node summaries are kept per NodeState object: the engine returns the same object for a
 * node a command did not touch, so an unchanged node keeps its summary (and its drawn
 * elements compare equal by reference). Address ranges come from the cluster-wide IPAM
 * record, so they are keyed by it too.
 */
const nodeCache = new WeakMap<
  NodeState,
  { data: unknown; ranges: PodAddressRanges | null; value: GraphNodeInput }
>();
const inputCache = new WeakMap<ClusterState, GraphInput>();

function summarise(cluster: ClusterState, node: NodeState): GraphNodeInput {
  const cached = nodeCache.get(node);
  const data = cluster.clusterData;
  if (cached && cached.data === data) return cached.value;
  const ranges = podAddressRanges(cluster, node.name);
  // A new IPAM record with the same ranges keeps the summary.
  if (cached && sameRanges(cached.ranges, ranges)) {
    nodeCache.set(node, { ...cached, data });
    return cached.value;
  }
  const value: GraphNodeInput = {
    name: node.name,
    ip: node.ip,
    podCIDR: node.podCIDR,
    ready: node.ready,
    message: node.message ?? null,
    events: node.events,
    podCount: node.pods.length,
    ranges,
  };
  nodeCache.set(node, { data, ranges, value });
  return value;
}

function sameRanges(a: PodAddressRanges | null, b: PodAddressRanges | null): boolean {
  if (a === b) return true;
  if (!a || !b || a.source !== b.source || a.ranges.length !== b.ranges.length) return false;
  return a.ranges.every((r, i) => r === b.ranges[i]);
}

/** The drawing's input for the whole cluster: O(nodes), computed once per cluster state. */
export function selectGraphInput(cluster: ClusterState): GraphInput {
  const cached = inputCache.get(cluster);
  if (cached) return cached;
  const nodes: GraphNodeInput[] = [];
  let podTotal = 0;
  for (const name of cluster.nodeOrder) {
    const node = cluster.nodes[name];
    if (!node) continue;
    nodes.push(summarise(cluster, node));
    podTotal += node.pods.length;
  }
  const input = { nodes, underlayCIDR: cluster.config.underlayCIDR, podTotal };
  inputCache.set(cluster, input);
  return input;
}

/** Pods with no node (unschedulable): the drawing lists them beside the cluster. */
export function selectUnplacedPods(cluster: ClusterState): PodState[] {
  return cluster.pending.map((k) => cluster.pods[k]).filter((p): p is PodState => !!p && p.node === null);
}

const detailCache = new WeakMap<
  NodeState,
  { pods: readonly (PodState | undefined)[]; value: GraphNodeDetail }
>();

/**
 * What a node drawn in full shows: its host devices and its pods with their host-side
 * interfaces, read from the engine's derived interface table. Kept per NodeState and the
 * PodState objects of its pods, so only nodes a command touched are derived again.
 */
export function selectNodeDetail(cluster: ClusterState, name: string): GraphNodeDetail | null {
  const node = cluster.nodes[name];
  if (!node) return null;
  const podStates = node.pods.map((k) => cluster.pods[k]);
  const cached = detailCache.get(node);
  if (cached && cached.pods.length === podStates.length && cached.pods.every((p, i) => p === podStates[i]))
    return cached.value;
  const tables = nodeTables(cluster, name);
  const interfaces = tables?.interfaces ?? [];
  const hostSide = new Map<string, { name: string; kind: string; master: string | null }>();
  const devices: GraphNodeDetail['devices'][number][] = [];
  for (const iface of interfaces) {
    if (iface.kind === 'loopback') continue;
    if (iface.peer?.startsWith('pod/')) {
      hostSide.set(iface.peer.slice(4), { name: iface.name, kind: iface.kind, master: iface.master ?? null });
      continue;
    }
    devices.push({
      name: iface.name,
      kind: iface.kind,
      master: iface.master ?? null,
      peer: iface.peer ?? null,
      addresses: iface.addresses,
    });
  }
  const pods: GraphPodInput[] = [];
  for (const p of podStates) {
    if (!p) continue;
    const link = hostSide.get(p.key);
    pods.push({
      key: p.key,
      name: p.name,
      node: name,
      ip: p.ip,
      phase: p.phase,
      hostLink: link?.name ?? null,
      hostMaster: link?.master ?? null,
      // A hostNetwork pod has no interface of its own; one with no host-side veth (macvlan)
      // hangs off the node's eth0.
      podIfKind: isHostNetworkPod(p) ? 'host' : p.phase === 'Running' && !link ? 'macvlan' : 'veth',
    });
  }
  const value: GraphNodeDetail = { devices, pods };
  detailCache.set(node, { pods: podStates, value });
  return value;
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
