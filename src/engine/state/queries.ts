/** Read-only views of the state for the app, the runner and tests. */
import { own } from '../util/dict.ts';
import type { ClusterState, ContainerSpec } from './types.ts';

/** A node as the app lists it. */
export interface NodeSummary {
  name: string;
  ip: string;
  podCIDR: string | null;
  ready: boolean;
  podCount: number;
  message?: string;
}

/** A pod as the app lists it. */
export interface PodSummary {
  key: string;
  name: string;
  namespace: string;
  node: string | null;
  ip: string | null;
  phase: 'Pending' | 'Running';
  reason?: string;
  message?: string;
  containers: ContainerSpec[];
  /** `hostNetwork: true`: the pod runs in its node's network namespace, `ip` is the node's. */
  hostNetwork?: true;
}

/** Nodes in creation order. */
export function listNodes(state: ClusterState): NodeSummary[] {
  const out: NodeSummary[] = [];
  for (const name of state.nodeOrder) {
    const n = own(state.nodes, name);
    if (n === undefined) continue;
    const s: NodeSummary = { name, ip: n.ip, podCIDR: n.podCIDR, ready: n.ready, podCount: n.pods.length };
    if (n.message !== undefined) s.message = n.message;
    out.push(s);
  }
  return out;
}

/** Pods in creation order. */
export function listPods(state: ClusterState): PodSummary[] {
  const out: PodSummary[] = [];
  for (const key of state.podOrder) {
    const p = own(state.pods, key);
    if (p === undefined) continue;
    const s: PodSummary = {
      key,
      name: p.name,
      namespace: p.namespace,
      node: p.node,
      ip: p.ip,
      phase: p.phase,
      containers: p.containers,
    };
    if (p.reason !== undefined) s.reason = p.reason;
    if (p.message !== undefined) s.message = p.message;
    if (p.hostNetwork === true) s.hostNetwork = true;
    out.push(s);
  }
  return out;
}
