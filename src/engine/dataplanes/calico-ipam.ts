/**
 * Calico IPAM (calico-ipam, reference F.2): the pool is cut into /26 blocks; a host claims
 * blocks (affinity), hands out addresses from its own blocks first, claims a new block when
 * they are full, and borrows from other hosts' blocks when it may claim no more
 * (StrictAffinity=false, the default). Plain immutable data, JSON-serialisable.
 *
 * Deviations, on purpose: the block walk starts at `FNV-1(hostname) mod blockCount` (Calico
 * feeds that hash to Go's math/rand for the start, then walks sequentially with wrap, as
 * here); the release cooldown and empty-block reclaim are not modelled.
 */
import { derived, derivedKey, keepDerived } from '../util/derived.ts';
import { calicoHostSeed } from '../util/hash.ts';
import { contains, sizeOf, formatCidr, type Cidr4 } from '../net/ipv4.ts';
import {
  copyPoolIndex,
  markClaimed,
  markRoom,
  markUnclaimed,
  nextBit,
  poolIndex,
  type CalicoPoolIndex,
} from './calico-pool-index.ts';

/** One block: its affinity, free ordinals in hand-out order, and who holds each used ordinal. */
export interface CalicoBlock {
  readonly index: number;
  readonly affinity: string | null;
  readonly unallocated: readonly number[];
  /** ordinal → handle (`k8s-pod-network.<containerID>`, `ipip-tunnel-addr-<node>`…). */
  readonly allocations: Readonly<Record<string, string>>;
}

export interface CalicoIpamState {
  readonly pool: Cidr4;
  readonly blockSize: number;
  readonly strictAffinity: boolean;
  readonly maxBlocksPerHost: number;
  /** Claimed blocks by block index (offset from the pool start in blocks). */
  readonly blocks: Readonly<Record<string, CalicoBlock>>;
  /** Block indices in claim order (a host's "first block" is its first here). */
  readonly claimOrder: readonly number[];
}

export interface CalicoIpamOptions {
  readonly pool: Cidr4;
  /** Default 26. */
  readonly blockSize?: number;
  /** Default false (borrowing allowed). */
  readonly strictAffinity?: boolean;
  /** Default 20 (Calico's value when both the global and the request limit are 0). */
  readonly maxBlocksPerHost?: number;
}

export function createCalicoIpam(options: CalicoIpamOptions): CalicoIpamState {
  return {
    pool: options.pool,
    blockSize: options.blockSize ?? 26,
    strictAffinity: options.strictAffinity ?? false,
    maxBlocksPerHost: options.maxBlocksPerHost ?? 20,
    blocks: {},
    claimOrder: [],
  };
}

/** Number of blocks in the pool. */
export function calicoBlockCount(state: CalicoIpamState): number {
  return 2 ** (state.blockSize - state.pool.prefix);
}

/** The CIDR of block `index`. */
export function calicoBlockCidr(state: CalicoIpamState, index: number): Cidr4 {
  return { net: state.pool.net + index * 2 ** (32 - state.blockSize), prefix: state.blockSize };
}

/** The blocks affine to `host`, in claim order. */
export function calicoHostBlocks(state: CalicoIpamState, host: string): Cidr4[] {
  return (poolIndex(state).affine.get(host) ?? []).map((i) => calicoBlockCidr(state, i));
}

/** The order a host walks the pool's blocks in: from its seeded start, sequentially, wrapping. */
export function calicoBlockWalk(state: CalicoIpamState, host: string): number[] {
  const n = calicoBlockCount(state);
  const start = calicoHostSeed(host) % n;
  return Array.from({ length: n }, (_, i) => (start + i) % n);
}

export type CalicoAssignResult =
  | {
      readonly ok: true;
      readonly state: CalicoIpamState;
      readonly ip: number;
      readonly block: Cidr4;
      /** True when the address came from a block affine to another host (or to none). */
      readonly borrowed: boolean;
      /** Set when this request claimed a new block for the host. */
      readonly claimed?: Cidr4;
    }
  | { readonly ok: false; readonly message: string };

/** The block with its first free ordinal given to `handle` (a new block object). */
function takeOrdinal(block: CalicoBlock, handle: string): { block: CalicoBlock; ordinal: number } {
  const [ordinal, ...rest] = block.unallocated;
  if (ordinal === undefined) throw new Error('calico-ipam: take() on a full block');
  const next: CalicoBlock = {
    ...block,
    unallocated: rest,
    allocations: { ...block.allocations, [String(ordinal)]: handle },
  };
  return { block: next, ordinal };
}

function take(
  state: CalicoIpamState,
  block: CalicoBlock,
  handle: string,
): { state: CalicoIpamState; ip: number } {
  const t = takeOrdinal(block, handle);
  return {
    state: { ...state, blocks: { ...state.blocks, [String(block.index)]: t.block } },
    ip: calicoBlockCidr(state, block.index).net + t.ordinal,
  };
}

/**
 * Assigns one IPv4 address to `handle` on `host` (`AutoAssign` with Num4=1): an affine block
 * with room first; else claim a new block; else (StrictAffinity=false) borrow from any other
 * block; else fail with Calico's message.
 */
export function calicoAutoAssign(state: CalicoIpamState, host: string, handle: string): CalicoAssignResult {
  const affine = state.claimOrder
    .map((i) => state.blocks[String(i)])
    .filter((b): b is CalicoBlock => b?.affinity === host);
  const withRoom = affine.find((b) => b.unallocated.length > 0);
  if (withRoom) {
    const r = take(state, withRoom, handle);
    return {
      ok: true,
      state: r.state,
      ip: r.ip,
      block: calicoBlockCidr(state, withRoom.index),
      borrowed: false,
    };
  }
  const walk = calicoBlockWalk(state, host);
  if (affine.length < state.maxBlocksPerHost) {
    const free = walk.find((i) => state.blocks[String(i)] === undefined);
    if (free !== undefined) {
      const size = sizeOf(calicoBlockCidr(state, free).prefix);
      const block: CalicoBlock = {
        index: free,
        affinity: host,
        unallocated: Array.from({ length: size }, (_, o) => o),
        allocations: {},
      };
      const claimedState = {
        ...state,
        claimOrder: [...state.claimOrder, free],
        blocks: { ...state.blocks, [String(free)]: block },
      };
      const r = take(claimedState, block, handle);
      const cidr = calicoBlockCidr(state, free);
      return { ok: true, state: r.state, ip: r.ip, block: cidr, borrowed: false, claimed: cidr };
    }
  }
  if (state.strictAffinity)
    return { ok: false, message: 'No more free affine blocks and strict affinity enabled' };
  for (const i of walk) {
    const block = state.blocks[String(i)];
    if (block && block.affinity !== host && block.unallocated.length > 0) {
      const r = take(state, block, handle);
      return { ok: true, state: r.state, ip: r.ip, block: calicoBlockCidr(state, i), borrowed: true };
    }
  }
  return { ok: false, message: `All addresses exhausted in pool ${formatCidr(state.pool)}` };
}

const OWNED = derivedKey<CalicoIpamState>('calico state owned by this record');

/** A state whose records a holder may change in place (its own copy). */
export interface OwnedState {
  readonly blocks: Record<string, CalicoBlock>;
  readonly claimOrder: number[];
}

/**
 * The state in `holder[key]`, as the holder's own copy: on first use per holder the state,
 * its `blocks` record, its claim order and its pool index are copied once; later calls
 * change that copy in place. Blocks are replaced, never changed, so earlier states keep theirs.
 */
export function ownState(holder: Record<string, unknown>, key: string): CalicoIpamState & OwnedState {
  const current = holder[key] as CalicoIpamState;
  if (derived(holder, OWNED) === current) return current as CalicoIpamState & OwnedState;
  const state = { ...current, blocks: { ...current.blocks }, claimOrder: [...current.claimOrder] };
  copyPoolIndex(current, state);
  holder[key] = state;
  keepDerived(holder, OWNED, state);
  return state;
}

/** The state a block was copied for: that state may change the block in place. */
const BLOCK_OWNER = derivedKey<CalicoIpamState>('calico block owned by this state');

/** `block` as the holder's own state may change it: itself if copied for that state, else a copy. */
export function ownBlock(state: CalicoIpamState & OwnedState, block: CalicoBlock): MutableBlock {
  if (derived(block, BLOCK_OWNER) === state) return block as MutableBlock;
  const copy: MutableBlock = {
    index: block.index,
    affinity: block.affinity,
    unallocated: block.unallocated.slice(),
    allocations: { ...block.allocations },
  };
  keepDerived(copy, BLOCK_OWNER, state);
  state.blocks[String(block.index)] = copy;
  return copy;
}

/** A block the holder's own state may change. */
export interface MutableBlock extends CalicoBlock {
  affinity: string | null;
  readonly unallocated: number[];
  readonly allocations: Record<string, string>;
}

/**
 * Gives `block`'s first free ordinal to `handle` in the holder's own state. The block is
 * copied once per state (then changed in place), instead of once per address.
 */
function takeIn(
  state: CalicoIpamState & OwnedState,
  index: CalicoPoolIndex,
  block: CalicoBlock,
  handle: string,
  borrowed: boolean,
  claimed?: Cidr4,
): CalicoAssignResult {
  const own = ownBlock(state, block);
  const ordinal = own.unallocated.shift();
  if (ordinal === undefined) throw new Error('calico-ipam: take() on a full block');
  own.allocations[String(ordinal)] = handle;
  index.handles?.set(handle, block.index * 2 ** (32 - state.blockSize) + ordinal);
  if (own.unallocated.length === 0) markRoom(index, block.index, false);
  const cidr = calicoBlockCidr(state, block.index);
  return {
    ok: true,
    state,
    ip: cidr.net + ordinal,
    block: cidr,
    borrowed,
    ...(claimed !== undefined ? { claimed } : {}),
  };
}

/**
 * `calicoAutoAssign` on the state kept in `holder[key]`, for a caller that owns `holder` (a
 * batch's copy of `clusterData`), without walking the pool: the host's affine blocks come
 * from the pool index, the first free block in the host's walk from the claimed-blocks
 * bitmap and the first block to borrow from from the blocks-with-room bitmap, so a node
 * joins and a pod is networked in time independent of the pool's size and the node count.
 * The same answers as `calicoAutoAssign` (property-tested). The returned `state` is the
 * holder's, and later calls on the same holder go on changing it.
 */
export function calicoAutoAssignIn(
  holder: Record<string, unknown>,
  key: string,
  host: string,
  handle: string,
): CalicoAssignResult {
  const state = ownState(holder, key);
  const index = poolIndex(state);
  const affine = index.affine.get(host) ?? [];
  for (const i of affine) {
    const b = state.blocks[String(i)];
    if (b !== undefined && b.unallocated.length > 0) return takeIn(state, index, b, handle, false);
  }
  const start = calicoHostSeed(host) % index.count;
  if (affine.length < state.maxBlocksPerHost && index.claimedCount < index.count) {
    const free = nextBit(index.claimed, index.count, start, 0);
    if (free >= 0) {
      const size = sizeOf(state.blockSize);
      const block: CalicoBlock = {
        index: free,
        affinity: host,
        unallocated: Array.from({ length: size }, (_, o) => o),
        allocations: {},
      };
      keepDerived(block, BLOCK_OWNER, state);
      state.blocks[String(free)] = block;
      state.claimOrder.push(free);
      markClaimed(index, free, host, true);
      return takeIn(state, index, block, handle, false, calicoBlockCidr(state, free));
    }
  }
  if (state.strictAffinity)
    return { ok: false, message: 'No more free affine blocks and strict affinity enabled' };
  // Every block with room is another host's (or none's): the host's own are full.
  const lend = index.roomCount > 0 ? nextBit(index.room, index.count, start, 1) : -1;
  const block = lend < 0 ? undefined : state.blocks[String(lend)];
  if (block !== undefined) return takeIn(state, index, block, handle, true);
  return { ok: false, message: `All addresses exhausted in pool ${formatCidr(state.pool)}` };
}

/** True when no address of the block is allocated. */
export function isEmptyBlock(block: CalicoBlock): boolean {
  for (const _ in block.allocations) return false;
  return true;
}

/** Deletes block `i` from the holder's own state (back to the pool's free blocks). */
export function dropBlock(state: CalicoIpamState & OwnedState, i: number): void {
  const block = state.blocks[String(i)];
  if (block === undefined) return;
  delete state.blocks[String(i)];
  const at = state.claimOrder.indexOf(i);
  if (at >= 0) state.claimOrder.splice(at, 1);
  markUnclaimed(poolIndex(state), i, block.affinity);
}

/**
 * Whether any host could be given an address: a block is free to claim or a claimed block
 * has room (borrowing). When not, no pending pod can start, whatever its node.
 */
export function calicoPoolHasRoom(state: CalicoIpamState): boolean {
  const index = poolIndex(state);
  return index.claimedCount < index.count || index.roomCount > 0;
}

/** Where `handle`'s address is (offset in the pool), or -1, through the index's handle map. */
function handleOffset(state: CalicoIpamState, index: CalicoPoolIndex, handle: string): number {
  let handles = index.handles;
  if (handles === null) {
    handles = new Map();
    const perBlock = 2 ** (32 - state.blockSize);
    for (const b of Object.values(state.blocks))
      for (const [o, h] of Object.entries(b.allocations))
        if (!handles.has(h)) handles.set(h, b.index * perBlock + Number(o));
    index.handles = handles;
  }
  return handles.get(handle) ?? -1;
}

/**
 * `calicoReleaseIp` in place in the holder's own state (see `calicoAutoAssignIn`): releases
 * the address held by `handle` (ReleaseByHandle). `ip` is where the handle's address should
 * be (the sandbox's Result); when it is not there, the handle is searched for.
 */
export function calicoReleaseIn(
  holder: Record<string, unknown>,
  key: string,
  handle: string,
  ip?: number,
): boolean {
  const state = ownState(holder, key);
  const pool = poolIndex(state);
  const perBlock = 2 ** (32 - state.blockSize);
  let at = ip !== undefined && contains(state.pool, ip) ? ip - state.pool.net : -1;
  const hit = at >= 0 ? state.blocks[String(Math.floor(at / perBlock))] : undefined;
  if (hit?.allocations[String(at % perBlock)] !== handle) at = handleOffset(state, pool, handle);
  if (at < 0) return false;
  pool.handles?.delete(handle);
  const index = Math.floor(at / perBlock);
  const ordinal = at % perBlock;
  const found = state.blocks[String(index)];
  if (found === undefined) return false;
  const block = ownBlock(state, found);
  delete block.allocations[String(ordinal)];
  block.unallocated.push(ordinal);
  markRoom(pool, index, true);
  // A block without affinity (its node was deleted) goes once its last address is freed.
  if (block.affinity === null && isEmptyBlock(block)) dropBlock(state, index);
  return true;
}

/**
 * Releases an address: its ordinal goes to the **end** of the block's unallocated list
 * (FIFO reuse). Fails when the address is not allocated.
 */
export function calicoReleaseIp(
  state: CalicoIpamState,
  ip: number,
): { ok: true; state: CalicoIpamState } | { ok: false; message: string } {
  if (!contains(state.pool, ip))
    return { ok: false, message: `${ip >>> 0} is not in pool ${formatCidr(state.pool)}` };
  const perBlock = 2 ** (32 - state.blockSize);
  const index = Math.floor((ip - state.pool.net) / perBlock);
  const ordinal = (ip - state.pool.net) % perBlock;
  const block = state.blocks[String(index)];
  if (!block || block.allocations[String(ordinal)] === undefined)
    return { ok: false, message: 'the address is not allocated' };
  const { [String(ordinal)]: _released, ...allocations } = block.allocations;
  const next: CalicoBlock = { ...block, allocations, unallocated: [...block.unallocated, ordinal] };
  if (block.affinity === null && isEmptyBlock(next)) {
    const { [String(index)]: _dropped, ...blocks } = state.blocks;
    return { ok: true, state: { ...state, blocks, claimOrder: state.claimOrder.filter((i) => i !== index) } };
  }
  return { ok: true, state: { ...state, blocks: { ...state.blocks, [String(index)]: next } } };
}

/** The tunnel-address handle Calico uses for a node (`ipip-tunnel-addr-<node>`, `vxlan-tunnel-addr-<node>`). */
export function calicoTunnelHandle(mode: 'ipip' | 'vxlan', node: string): string {
  return `${mode}-tunnel-addr-${node}`;
}

/** The workload handle for a pod sandbox: `k8s-pod-network.<containerID>`. */
export function calicoWorkloadHandle(containerId: string): string {
  return `k8s-pod-network.${containerId}`;
}

/**
 * The node's tunnel address (tunl0 / vxlan.calico): the first IP of its first block, which is
 * what the tunnel handle gets when Calico assigns it at node start-up. `null` before any block.
 */
export function calicoTunnelAddress(state: CalicoIpamState, host: string): number | null {
  return calicoHostBlocks(state, host)[0]?.net ?? null;
}

/**
 * The IPAM state as a workload's assignment found it, as far as a replay of that assignment
 * needs: its address is first in its block's free list, and every other block counts as full
 * (room freed since, in the host's own or borrowable blocks, would otherwise be taken first).
 * The state itself when the handle holds no address.
 */
export function calicoBeforeAssign(state: CalicoIpamState, handle: string): CalicoIpamState {
  const block = Object.values(state.blocks).find((b) => Object.values(b.allocations).includes(handle));
  if (block === undefined) return state;
  const blocks: Record<string, CalicoBlock> = {};
  for (const [key, b] of Object.entries(state.blocks)) {
    if (b !== block) {
      blocks[key] = { ...b, unallocated: [] };
      continue;
    }
    const allocations: Record<string, string> = {};
    let ordinal = -1;
    for (const [o, h] of Object.entries(b.allocations)) {
      if (h === handle && ordinal < 0) ordinal = Number(o);
      else allocations[o] = h;
    }
    blocks[key] = {
      ...b,
      allocations,
      unallocated: [ordinal, ...b.unallocated.filter((o) => o !== ordinal)],
    };
  }
  return { ...state, blocks };
}
