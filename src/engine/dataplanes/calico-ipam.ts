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
import { derived, derivedKey, keepDerived } from '../cni/derived.ts';
import { calicoHostSeed } from '../hash.ts';
import { contains, sizeOf, formatCidr, type Cidr4 } from '../ipv4.ts';

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
  return state.claimOrder
    .filter((i) => state.blocks[String(i)]?.affinity === host)
    .map((i) => calicoBlockCidr(state, i));
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
const AFFINE = derivedKey<Map<string, number[]>>('calico blocks by host');

/** Block indices affine to each host, in claim order (kept on the state it indexes). */
function affineIndex(state: CalicoIpamState): Map<string, number[]> {
  const kept = derived(state, AFFINE);
  if (kept !== undefined) return kept;
  const index = new Map<string, number[]>();
  for (const i of state.claimOrder) {
    const host = state.blocks[String(i)]?.affinity;
    if (host === undefined || host === null) continue;
    const list = index.get(host);
    if (list === undefined) index.set(host, [i]);
    else list.push(i);
  }
  return keepDerived(state, AFFINE, index);
}

/**
 * `calicoAutoAssign` on the state kept in `holder[key]`, for a caller that owns `holder` (a
 * batch's copy of `clusterData`). The common case, an affine block with room, copies the
 * state's `blocks` record once per holder and then replaces only that block, instead of
 * copying every block per pod; claiming and borrowing go through `calicoAutoAssign`, whose
 * new state the holder then owns. Blocks are replaced, never changed, so earlier states
 * keep theirs. The returned `state` is the holder's, and later calls on the same holder go
 * on changing it.
 */
export function calicoAutoAssignIn(
  holder: Record<string, unknown>,
  key: string,
  host: string,
  handle: string,
): CalicoAssignResult {
  const current = holder[key] as CalicoIpamState;
  let withRoom: CalicoBlock | undefined;
  for (const i of affineIndex(current).get(host) ?? []) {
    const b = current.blocks[String(i)];
    if (b !== undefined && b.unallocated.length > 0) {
      withRoom = b;
      break;
    }
  }
  if (withRoom === undefined) {
    const r = calicoAutoAssign(current, host, handle);
    if (r.ok) {
      holder[key] = r.state;
      keepDerived(holder, OWNED, r.state);
    }
    return r;
  }
  let state = current;
  if (derived(holder, OWNED) !== current) {
    state = { ...current, blocks: { ...current.blocks } };
    keepDerived(state, AFFINE, affineIndex(current));
    holder[key] = state;
    keepDerived(holder, OWNED, state);
  }
  const t = takeOrdinal(withRoom, handle);
  (state.blocks as Record<string, CalicoBlock>)[String(withRoom.index)] = t.block;
  const block = calicoBlockCidr(state, withRoom.index);
  return { ok: true, state, ip: block.net + t.ordinal, block, borrowed: false };
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
