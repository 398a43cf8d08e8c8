/** Resolving a trace's `from` and `to`: `pod/NAME`, `NAME`, `ns/NAME`, `node/NAME` or an IP. */
import { own } from '../util/dict.ts';
import { parseIpv4 } from '../net/ipv4.ts';
import { engineError, type EngineError } from '../spec/result.ts';
import { isHostNetworkPod } from '../state/host-network.ts';
import type { ClusterState, NodeState, PodState } from '../state/types.ts';
import { podHoldsIp } from './host-view.ts';

/** A resolved endpoint. `ip` is a destination that is neither a pod nor a node. */
/**
 * Where a trace starts or ends. A pod named by an address other than its first (one of a
 * further host-local range set) keeps that address in `ip`.
 */
export type Endpoint =
  | { kind: 'pod'; pod: PodState; ip?: string }
  | { kind: 'node'; node: NodeState }
  | { kind: 'ip'; ip: string };

/**
 * A running hostNetwork pod is its node's network namespace: a trace from it starts on the
 * node (as `node/NAME`) and a trace to it goes to the node's IP and is delivered there. So
 * NetworkPolicy neither selects nor polices it: the lab follows what the Kubernetes docs
 * call the most common implementation ("NetworkPolicy and hostNetwork pods",
 * concepts/services-networking/network-policies.md): the plugin ignores hostNetwork pods
 * when matching podSelector and namespaceSelector, and their traffic is the node IP's.
 * A pod not running yet stays a pod, so the trace says why it cannot send or receive.
 */
function podEndpoint(state: ClusterState, pod: PodState): Endpoint {
  if (!isHostNetworkPod(pod) || pod.phase !== 'Running' || pod.node === null) return { kind: 'pod', pod };
  const node = own(state.nodes, pod.node);
  return node === undefined ? { kind: 'pod', pod } : { kind: 'node', node };
}

function findPod(state: ClusterState, ref: string, path: string): Endpoint | EngineError {
  const name = ref.startsWith('pod/') ? ref.slice(4) : ref;
  const direct = own(state.pods, name.includes('/') ? name : `default/${name}`);
  if (direct !== undefined) return podEndpoint(state, direct);
  if (!name.includes('/')) {
    const found = state.podOrder.filter((k) => k.endsWith(`/${name}`));
    const only = found.length === 1 ? state.pods[found[0] ?? ''] : undefined;
    if (only !== undefined) return podEndpoint(state, only);
    if (found.length > 1)
      return engineError(
        'ambiguous-pod',
        `"${name}" names pods in several namespaces (${found.join(', ')}); write namespace/name`,
        path,
      );
  }
  return engineError('unknown-pod', `no pod "${name}" in the cluster`, path);
}

/** Resolves `from` (a pod or a node). */
export function resolveSource(state: ClusterState, from: string): Endpoint | EngineError {
  if (from.startsWith('node/')) {
    const node = own(state.nodes, from.slice(5));
    return node === undefined
      ? engineError('unknown-node', `no node "${from.slice(5)}" in the cluster`, 'from')
      : { kind: 'node', node };
  }
  if (parseIpv4(from) !== null)
    return engineError('invalid-source', `a trace starts in a pod or on a node, not at ${from}`, 'from');
  return findPod(state, from, 'from');
}

/** Resolves `to`: a pod, a node, or any IPv4 address (mapped to the pod or node holding it). */
export function resolveTarget(state: ClusterState, to: string): Endpoint | EngineError {
  if (to.startsWith('node/')) {
    const node = own(state.nodes, to.slice(5));
    return node === undefined
      ? engineError('unknown-node', `no node "${to.slice(5)}" in the cluster`, 'to')
      : { kind: 'node', node };
  }
  if (parseIpv4(to) !== null) {
    for (const key of state.podOrder) {
      const p = own(state.pods, key);
      if (p !== undefined && podHoldsIp(p, to))
        return { kind: 'pod', pod: p, ...(p.ip === to ? {} : { ip: to }) };
    }
    for (const name of state.nodeOrder) {
      const n = own(state.nodes, name);
      if (n?.ip === to) return { kind: 'node', node: n };
    }
    return { kind: 'ip', ip: to };
  }
  if (/^\d+(\.\d+)*$/.test(to)) return engineError('invalid-ip', `"${to}" is not an IPv4 address`, 'to');
  return findPod(state, to, 'to');
}

/** How an endpoint is named in hops and reasons. */
export function endpointLabel(e: Endpoint): string {
  return e.kind === 'pod' ? `pod/${e.pod.name}` : e.kind === 'node' ? `node/${e.node.name}` : e.ip;
}

/** Why a pod cannot send or receive: not running, or its node has no podCIDR. */
export function notRunningReason(state: ClusterState, pod: PodState, role: 'source' | 'destination'): string {
  const node = pod.node === null ? undefined : own(state.nodes, pod.node);
  if (node !== undefined && node.podCIDR === null && state.config.network.plugin !== 'calico')
    return `${role} pod ${pod.name} is not running: its node ${node.name} has no podCIDR (${node.message ?? 'none assigned'}), so its pods get no address; give the cluster a larger clusterCIDR or remove a node`;
  const why = pod.message ?? pod.reason ?? 'not scheduled';
  return `${role} pod ${pod.name} is not running (Pending: ${why}); it has no network namespace to ${role === 'source' ? 'send from' : 'receive in'}`;
}
