/** What a node's tunnel device does, for `ip -d link show DEV`. */
import { own } from '../util/dict.ts';
import { dataPlaneFor } from '../dataplanes/registry.ts';
import type { TunnelSpec } from '../dataplanes/data-plane.ts';
import type { ClusterState, NodeState } from '../state/types.ts';

/**
 * The data plane's encapsulation on `device` of `node` (VXLAN VNI and port, IP-in-IP, Weave
 * UDP), asked for traffic to another node (the device is the same towards every peer), or
 * undefined when the device is no tunnel.
 */
export function dataPlaneTunnel(
  state: ClusterState,
  node: NodeState,
  device: string,
): TunnelSpec | undefined {
  const dp = dataPlaneFor(state.config.network.plugin);
  if (dp?.tunnel === undefined) return undefined;
  const peerName = state.nodeOrder.find((n) => n !== node.name) ?? node.name;
  const peer = own(state.nodes, peerName) ?? node;
  return dp.tunnel(state, node, peer, device);
}
