/**
 * kube-controller-manager's range allocator (`cidrset/cidr_set.go`): the cluster CIDR cut
 * into node blocks, handed out in order from `nextCandidate`, round-robin; a released
 * block is only reused when the scan wraps.
 */
import { dict } from '../util/dict.ts';
import { formatCidr, overlaps, parseCidr4, sizeOf, type Cidr4 } from '../net/ipv4.ts';
import type { NodeIpamState } from '../state/types.ts';

/** Marker for blocks taken by the service range (`filterOutServiceRange`). */
export const SERVICE_RANGE_OWNER = ':service-cidr';

/** `CIDRSet.AllocateNext`'s exhaustion error. */
export const CIDR_EXHAUSTED =
  'CIDR allocation failed; there are no remaining CIDRs left to allocate in the accepted range';

/** Creates the allocator, marking blocks that overlap the service range as used. */
export function createNodeIpam(cluster: Cidr4, nodeMask: number, serviceCIDR: Cidr4 | null): NodeIpamState {
  const state: NodeIpamState = {
    maxCIDRs: 2 ** (nodeMask - cluster.prefix),
    nextCandidate: 0,
    allocatedCIDRs: 0,
    used: dict<string>(),
  };
  if (serviceCIDR !== null && overlaps(cluster, serviceCIDR)) {
    const lo = Math.max(cluster.net, serviceCIDR.net);
    const hi =
      Math.min(cluster.net + sizeOf(cluster.prefix), serviceCIDR.net + sizeOf(serviceCIDR.prefix)) - 1;
    const first = Math.floor((lo - cluster.net) / sizeOf(nodeMask));
    const last = Math.floor((hi - cluster.net) / sizeOf(nodeMask));
    for (let i = first; i <= last; i++) {
      state.used[String(i)] = SERVICE_RANGE_OWNER;
      state.allocatedCIDRs++;
    }
  }
  return state;
}

/** Block `index` as a CIDR string (`indexToCIDRBlock`). */
export function blockCidr(cluster: Cidr4, nodeMask: number, index: number): string {
  return formatCidr({ net: cluster.net + index * sizeOf(nodeMask), prefix: nodeMask });
}

/** The block index `allocateNext` would give next, without taking it; null when every block is used. */
export function peekNext(ipam: NodeIpamState): number | null {
  if (ipam.allocatedCIDRs >= ipam.maxCIDRs) return null;
  for (let n = 0; n < ipam.maxCIDRs; n++) {
    const candidate = (ipam.nextCandidate + n) % ipam.maxCIDRs;
    if (ipam.used[String(candidate)] === undefined) return candidate;
  }
  return null;
}

/**
 * `AllocateNext`, mutating `ipam` (callers pass an owned copy). Returns the block index
 * or null when every block is used.
 */
export function allocateNext(ipam: NodeIpamState, owner: string): number | null {
  if (ipam.allocatedCIDRs >= ipam.maxCIDRs) return null;
  for (let n = 0; n < ipam.maxCIDRs; n++) {
    const candidate = (ipam.nextCandidate + n) % ipam.maxCIDRs;
    if (ipam.used[String(candidate)] === undefined) {
      ipam.used[String(candidate)] = owner;
      ipam.allocatedCIDRs++;
      ipam.nextCandidate = (candidate + 1) % ipam.maxCIDRs;
      return candidate;
    }
  }
  return null;
}

/** `Release`: frees the block; `nextCandidate` does not move back. */
export function releaseBlock(ipam: NodeIpamState, cluster: Cidr4, nodeMask: number, podCIDR: string): void {
  const idx = Math.floor((parseCidr4(podCIDR).net - cluster.net) / sizeOf(nodeMask));
  if (ipam.used[String(idx)] !== undefined) {
    delete ipam.used[String(idx)];
    ipam.allocatedCIDRs--;
  }
}
