/**
 * What calico-kube-controllers' IPAM controller does when a Node is deleted: the addresses of
 * the node's pods (garbage-collected with it, so no CNI DEL ever ran) and of its tunnel are
 * leaks whose node is gone, and are released; then the node's block affinities are released
 * (`ReleaseHostAffinities`): an empty block is deleted and goes back to the pool, a block
 * still holding addresses other nodes borrowed loses its affinity and is deleted when its
 * last address is freed.
 */
import { formatCidr } from '../net/ipv4.ts';
import {
  calicoBlockCidr,
  calicoReleaseIn,
  dropBlock,
  isEmptyBlock,
  ownBlock,
  ownState,
} from './calico-ipam.ts';
import { dropAffinity, poolIndex } from './calico-pool-index.ts';

/** An address the deleted node held: its IPAM handle and, when known, where it is. */
export interface HeldAddress {
  readonly handle: string;
  readonly ip?: number;
}

export interface CalicoNodeRelease {
  /** Addresses released. */
  readonly addresses: number;
  /** Blocks deleted (back to the pool), as CIDRs. */
  readonly blocksFreed: string[];
  /** Blocks kept without affinity (other nodes still hold addresses in them). */
  readonly blocksOrphaned: string[];
}

/** Releases a deleted node's addresses and block affinities in the holder's own state. */
export function calicoReleaseNodeIn(
  holder: Record<string, unknown>,
  key: string,
  host: string,
  held: readonly HeldAddress[],
): CalicoNodeRelease {
  let addresses = 0;
  for (const a of held) if (calicoReleaseIn(holder, key, a.handle, a.ip)) addresses++;
  const state = ownState(holder, key);
  const index = poolIndex(state);
  const blocksFreed: string[] = [];
  const blocksOrphaned: string[] = [];
  for (const i of [...(index.affine.get(host) ?? [])]) {
    const block = state.blocks[String(i)];
    if (block === undefined) continue;
    const cidr = formatCidr(calicoBlockCidr(state, i));
    if (isEmptyBlock(block)) {
      dropBlock(state, i);
      blocksFreed.push(cidr);
    } else {
      ownBlock(state, block).affinity = null;
      dropAffinity(index, i, host);
      blocksOrphaned.push(cidr);
    }
  }
  return { addresses, blocksFreed, blocksOrphaned };
}
