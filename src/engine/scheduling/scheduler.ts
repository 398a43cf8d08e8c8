/**
 * A kube-scheduler model for pods without a node: only Ready nodes with room (110 pods) and,
 * for host-local data planes, a podCIDR,
 * scanning from `nextStartNodeIndex` until `numFeasibleNodesToFind` nodes fit
 * (`percentageOfNodesToScore`, adaptive), then the node with the fewest pods wins
 * (ties: the first one found).
 */
import { own } from '../util/dict.ts';
import { ScheduleIndex } from './scheduler-index.ts';
import type { ClusterState } from '../state/types.ts';

/** Kubernetes' default `maxPods` per node. */
export const MAX_PODS_PER_NODE = 110;

/** `numFeasibleNodesToFind` with the adaptive percentage (50 − nodes/125, at least 5%, at least 100 nodes). */
export function numFeasibleNodesToFind(numAllNodes: number): number {
  if (numAllNodes < 100) return numAllNodes;
  let pct = 50 - Math.trunc(numAllNodes / 125);
  if (pct < 5) pct = 5;
  const n = Math.trunc((numAllNodes * pct) / 100);
  return n < 100 ? 100 : n;
}

/** Per-batch view of the nodes for scheduling (numbers, no lookups in the hot loop). */
export interface ScheduleCache {
  names: string[];
  eligible: Uint8Array;
  podCount: Int32Array;
  index: Map<string, number>;
  /** O(log n) answers for large clusters (null: use the linear scan). */
  tree: ScheduleIndex | null;
}

/**
 * Builds the cache from the state. With `needsPodCIDR` (host-local data planes) a Ready
 * node without a podCIDR is skipped: the lab's scheduler does not send pods where flanneld
 * cannot run (kube-scheduler would; such a pod then fails in the CNI plugin).
 */
export function buildScheduleCache(state: ClusterState, needsPodCIDR = true): ScheduleCache {
  const names = state.nodeOrder;
  const eligible = new Uint8Array(names.length);
  const podCount = new Int32Array(names.length);
  const index = new Map<string, number>();
  names.forEach((name, i) => {
    const n = own(state.nodes, name);
    index.set(name, i);
    if (n === undefined) return;
    eligible[i] = n.ready && (n.podCIDR !== null || !needsPodCIDR) ? 1 : 0;
    podCount[i] = n.pods.length;
  });
  const tree =
    names.length >= 256 && ScheduleIndex.fits(names.length)
      ? new ScheduleIndex(names, eligible, podCount, MAX_PODS_PER_NODE)
      : null;
  return { names, eligible, podCount, index, tree };
}

/** Picks a node; returns its name and the new `nextStartNodeIndex`, or null when none fits. */
export function pickNode(cache: ScheduleCache, nextStart: number): Picked | null {
  const total = cache.names.length;
  if (total === 0) return null;
  const want = numFeasibleNodesToFind(total);
  if (cache.tree !== null) {
    const start = nextStart % total;
    const r = cache.tree.pick(start, want);
    const name = r.index < 0 ? undefined : cache.names[r.index];
    return name === undefined
      ? null
      : { node: name, index: r.index, nextStart: (start + r.processed) % total };
  }
  return pickNodeLinear(cache, nextStart, want);
}

/** A scheduling decision. */
export interface Picked {
  node: string;
  /** The node's position in the cache. */
  index: number;
  nextStart: number;
}

/**
 * kube-scheduler's loop, node by node (small clusters, and the oracle for the index).
 * `fits`, when given, is one more filter (the NodePorts plugin for a pod with host ports).
 */
export function pickNodeLinear(
  cache: ScheduleCache,
  nextStart: number,
  want: number,
  fits?: (index: number) => boolean,
): Picked | null {
  const total = cache.names.length;
  if (total === 0) return null;
  let found = 0;
  let best = -1;
  let processed = 0;
  const start = nextStart % total;
  for (let i = 0; i < total && found < want; i++) {
    processed++;
    const idx = (start + i) % total;
    const count = cache.podCount[idx] ?? 0;
    if (cache.eligible[idx] !== 1 || count >= MAX_PODS_PER_NODE) continue;
    if (fits !== undefined && !fits(idx)) continue;
    found++;
    if (best < 0 || count < (cache.podCount[best] ?? 0)) best = idx;
  }
  const next = (start + processed) % total;
  const name = best < 0 ? undefined : cache.names[best];
  return name === undefined ? null : { node: name, index: best, nextStart: next };
}
