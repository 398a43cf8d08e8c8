/** Where a node's pods get their addresses from: a read-only view for the app and the runner. */
import { own } from '../util/dict.ts';
import { calicoIpamOf } from '../cni/calico.ts';
import { weaveIpamOf } from '../cni/weave-net.ts';
import { calicoHostBlocks } from './calico-ipam.ts';
import { formatCidr } from '../net/ipv4.ts';
import { hostLocalSubnets } from './bridge-ipam.ts';
import type { ClusterState } from '../state/types.ts';

export interface PodAddressRanges {
  /**
   * `podCIDR`: host-local hands out the node's spec.podCIDR (core plugins, flannel), or with
   * the core plugins the subnets a spec's host-local options name;
   * `calico-ipam`: the node's affine IPAM blocks; `weave-ipam`: the peer's share of the ring.
   */
  readonly source: 'podCIDR' | 'calico-ipam' | 'weave-ipam';
  /** The ranges, as CIDRs, in the IPAM's own order. */
  readonly ranges: readonly string[];
  /** False when the plugin ignores the node's podCIDR (Calico and Weave allocate on their own). */
  readonly podCIDRUsed: boolean;
}

/** The ranges a node's pods are addressed from, as the node's IPAM holds them; null for an unknown node. */
export function podAddressRanges(state: ClusterState, nodeName: string): PodAddressRanges | null {
  const node = own(state.nodes, nodeName);
  if (node === undefined) return null;
  switch (state.config.network.plugin) {
    case 'calico': {
      const ipam = calicoIpamOf(state.clusterData);
      const ranges = ipam ? calicoHostBlocks(ipam, nodeName).map(formatCidr) : [];
      return { source: 'calico-ipam', ranges, podCIDRUsed: false };
    }
    case 'weave': {
      const ipam = weaveIpamOf(state.clusterData);
      const ranges = ipam
        ? ipam.ranges.filter((r) => r.peer === nodeName).map((r) => formatCidr(r.cidr))
        : [];
      return { source: 'weave-ipam', ranges, podCIDRUsed: false };
    }
    case 'flannel':
      return { source: 'podCIDR', ranges: node.podCIDR ? [node.podCIDR] : [], podCIDRUsed: true };
    case 'bridge': {
      // The subnets of the node's host-local ranges (the podCIDR unless the spec names others).
      const ranges = hostLocalSubnets(state.config, node);
      const podCIDRUsed = node.podCIDR === null || ranges.includes(node.podCIDR);
      return { source: 'podCIDR', ranges, podCIDRUsed };
    }
    default: {
      const never: never = state.config.network;
      return never;
    }
  }
}
