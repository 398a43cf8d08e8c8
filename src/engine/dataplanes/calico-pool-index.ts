/**
 * An index of a Calico pool, so claiming and borrowing never walk the pool: the blocks affine
 * to each host (in claim order), a bitmap of claimed blocks (the free ones are its zeros) and
 * a bitmap of blocks with a free address. Kept on the `CalicoIpamState` it describes (a
 * derived value: JSON and spread never see it); a batch that changes its own copy of the state
 * in place changes its own copy of the index with it.
 */
import { derived, derivedKey, keepDerived } from '../util/derived.ts';

/** What the index needs of a pool state (calico-ipam's `CalicoIpamState`). */
export interface IndexedPool {
  readonly pool: { readonly prefix: number };
  readonly blockSize: number;
  readonly blocks: Readonly<
    Record<string, { readonly affinity: string | null; readonly unallocated: readonly number[] }>
  >;
  readonly claimOrder: readonly number[];
}

export interface CalicoPoolIndex {
  /** Number of blocks in the pool. */
  readonly count: number;
  /** Block indices affine to each host, in claim order. */
  readonly affine: Map<string, number[]>;
  /** Bit i: block i is claimed. */
  readonly claimed: Uint32Array;
  /** Bit i: block i is claimed and has a free address. */
  readonly room: Uint32Array;
  claimedCount: number;
  roomCount: number;
  /**
   * Handle → address (offset in the pool), built on first need (a DEL that carries no
   * Result: containerd's teardown of a failed ADD) and then kept in step.
   */
  handles: Map<string, number> | null;
}

const INDEX = derivedKey<CalicoPoolIndex>('calico pool index');

function setBit(bits: Uint32Array, i: number, on: boolean): void {
  const w = i >>> 5;
  const m = 1 << (i & 31);
  bits[w] = on ? (bits[w] ?? 0) | m : (bits[w] ?? 0) & ~m;
}

/** Whether bit `i` is set. */
export function hasBit(bits: Uint32Array, i: number): boolean {
  return (((bits[i >>> 5] ?? 0) >>> (i & 31)) & 1) === 1;
}

/** The first index in [from, to) whose bit is `want`, or -1. */
function scan(bits: Uint32Array, from: number, to: number, want: 0 | 1): number {
  if (from >= to) return -1;
  let w = from >>> 5;
  const last = (to - 1) >>> 5;
  const read = (k: number): number => (want === 1 ? (bits[k] ?? 0) : ~(bits[k] ?? 0));
  let word = read(w) & (~0 << (from & 31));
  for (;;) {
    if (word !== 0) {
      const i = (w << 5) + (31 - Math.clz32(word & -word));
      return i < to ? i : -1;
    }
    if (++w > last) return -1;
    word = read(w);
  }
}

/**
 * The first index from `start` (wrapping at `count`) whose bit is `want`, or -1: Calico's
 * walk from the host's seeded block, 32 blocks at a time.
 */
export function nextBit(bits: Uint32Array, count: number, start: number, want: 0 | 1): number {
  const found = scan(bits, start, count, want);
  return found >= 0 || start === 0 ? found : scan(bits, 0, start, want);
}

function build(state: IndexedPool): CalicoPoolIndex {
  const count = 2 ** (state.blockSize - state.pool.prefix);
  const words = Math.ceil(count / 32);
  const index: CalicoPoolIndex = {
    count,
    affine: new Map(),
    claimed: new Uint32Array(words),
    room: new Uint32Array(words),
    claimedCount: 0,
    roomCount: 0,
    handles: null,
  };
  for (const i of state.claimOrder) {
    const b = state.blocks[String(i)];
    if (b === undefined) continue;
    markClaimed(index, i, b.affinity, b.unallocated.length > 0);
  }
  return index;
}

/** The index of `state`, built on first use and kept on it. */
export function poolIndex(state: IndexedPool): CalicoPoolIndex {
  return derived(state, INDEX) ?? keepDerived(state, INDEX, build(state));
}

/** Gives `copy` (a copy of `state` about to change in place) its own copy of the index. */
export function copyPoolIndex(state: IndexedPool, copy: IndexedPool): CalicoPoolIndex {
  const from = poolIndex(state);
  const affine = new Map<string, number[]>();
  for (const [host, list] of from.affine) affine.set(host, list.slice());
  return keepDerived(copy, INDEX, {
    count: from.count,
    affine,
    claimed: from.claimed.slice(),
    room: from.room.slice(),
    claimedCount: from.claimedCount,
    roomCount: from.roomCount,
    handles: null,
  });
}

/** Records a newly claimed block. */
export function markClaimed(index: CalicoPoolIndex, i: number, affinity: string | null, room: boolean): void {
  if (!hasBit(index.claimed, i)) index.claimedCount++;
  setBit(index.claimed, i, true);
  markRoom(index, i, room);
  if (affinity === null) return;
  const list = index.affine.get(affinity);
  if (list === undefined) index.affine.set(affinity, [i]);
  else list.push(i);
}

/** Records whether block `i` has a free address. */
export function markRoom(index: CalicoPoolIndex, i: number, room: boolean): void {
  if (hasBit(index.room, i) === room) return;
  index.roomCount += room ? 1 : -1;
  setBit(index.room, i, room);
}

/** Records that block `i` went back to the pool (deleted). */
export function markUnclaimed(index: CalicoPoolIndex, i: number, affinity: string | null): void {
  markRoom(index, i, false);
  if (hasBit(index.claimed, i)) index.claimedCount--;
  setBit(index.claimed, i, false);
  if (affinity !== null) dropAffinity(index, i, affinity);
}

/** Records that block `i` is no longer affine to `host`. */
export function dropAffinity(index: CalicoPoolIndex, i: number, host: string): void {
  const list = index.affine.get(host);
  const at = list?.indexOf(i) ?? -1;
  if (list === undefined || at < 0) return;
  list.splice(at, 1);
  if (list.length === 0) index.affine.delete(host);
}
