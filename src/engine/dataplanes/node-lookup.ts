/** Finding the node that owns a pod address, in O(1), from kube-controller-manager's allocator. */
import { own } from '../util/dict.ts';
import { contains, parseCidr4 } from '../net/ipv4.ts';
import type { ClusterState, NodeState } from '../state/types.ts';

/** The node whose podCIDR contains `ip` (host-local IPAM clusters), if any. */
export function nodeOwningPodIp(state: ClusterState, ip: number): NodeState | undefined {
  const cluster = parseCidr4(state.config.clusterCIDR);
  if (!contains(cluster, ip)) return undefined;
  const index = Math.floor((ip - cluster.net) / 2 ** (32 - state.config.nodeCIDRMaskSize));
  const name = state.nodeIpam.used[String(index)];
  const node = name === undefined ? undefined : own(state.nodes, name);
  return node?.podCIDR != null && contains(parseCidr4(node.podCIDR), ip) ? node : undefined;
}

/** The other nodes a node's data plane has rows for: all of them, or only the owner of `focus`. */
export function remoteNodes(
  state: ClusterState,
  self: NodeState,
  focus: number | undefined,
  owner: (ip: number) => NodeState | undefined,
): NodeState[] {
  if (focus !== undefined) {
    const n = owner(focus);
    return n === undefined || n.name === self.name ? [] : [n];
  }
  const out: NodeState[] = [];
  for (const name of state.nodeOrder) {
    const n = own(state.nodes, name);
    if (n !== undefined && n.name !== self.name) out.push(n);
  }
  return out;
}

/** `-A CHAIN rest` → the NatRow `{ chain, rule: rest }`. */
export function natRowOf(line: string): { chain: string; rule: string } {
  const m = /^-A (\S+) (.*)$/.exec(line);
  return m === null ? { chain: 'POSTROUTING', rule: line } : { chain: m[1] ?? '', rule: m[2] ?? '' };
}
