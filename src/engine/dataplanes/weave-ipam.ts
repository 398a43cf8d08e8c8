/**
 * Weave Net IPAM (reference G.2), simplified to what a lab shows: the allocation range
 * (10.32.0.0/12) split among the initial peers by recursive halving into CIDR-aligned
 * sub-ranges (`Ring.subdivide`), and within a peer's range the lowest free address, skipping
 * the whole range's first and last addresses (`CIDR.HostRange`). Range donation between
 * peers (a peer that runs out asks another) is not modelled.
 */
import { dict, own } from '../util/dict.ts';
import { derived, derivedKey, keepDerived } from '../util/derived.ts';
import { lastOf, sizeOf, formatCidr, type Cidr4 } from '../net/ipv4.ts';

/** One peer's share of the ring. */
export interface WeaveRange {
  readonly peer: string;
  readonly cidr: Cidr4;
}

/**
 * Splits `range` among `peers` (in the given order) by recursive halving: the first half
 * goes to the first ⌊n/2⌋ peers, the second half to the rest. 2 peers → two /13s;
 * 3 → /13, /14, /14; 4 → four /14s.
 */
export function weaveSplitRange(range: Cidr4, peers: readonly string[]): WeaveRange[] {
  if (peers.length === 0) return [];
  const first = peers[0] as string;
  if (peers.length === 1 || range.prefix >= 32) return [{ peer: first, cidr: range }];
  const half = Math.floor(peers.length / 2);
  const prefix = range.prefix + 1;
  const low: Cidr4 = { net: range.net, prefix };
  const high: Cidr4 = { net: range.net + sizeOf(low.prefix), prefix };
  return [...weaveSplitRange(low, peers.slice(0, half)), ...weaveSplitRange(high, peers.slice(half))];
}

export interface WeaveIpamState {
  readonly range: Cidr4;
  readonly ranges: readonly WeaveRange[];
  /** Allocated addresses per peer, ascending. */
  readonly allocated: Readonly<Record<string, readonly number[]>>;
}

/** The initial ring for a peer set (what `IPALLOC_INIT=consensus=<n>` agrees on). */
export function createWeaveIpam(range: Cidr4, peers: readonly string[]): WeaveIpamState {
  return { range, ranges: weaveSplitRange(range, peers), allocated: dict() };
}

export type WeaveAllocateResult =
  { ok: true; state: WeaveIpamState; ip: number } | { ok: false; message: string };

/**
 * The lowest free address in `peer`'s ranges, never the range's first or last address.
 * The first call on a peer is normally the bridge's `weave:expose` address.
 */
export function weaveAllocate(state: WeaveIpamState, peer: string): WeaveAllocateResult {
  const found = weaveLowestFree(state, peer);
  if (typeof found === 'string') return { ok: false, message: found };
  const next = withAddress(own(state.allocated, peer), found);
  return { ok: true, state: { ...state, allocated: { ...state.allocated, [peer]: next } }, ip: found };
}

const BY_PEER = derivedKey<Map<string, WeaveRange[]>>('weave ranges by peer');

/** The ranges a peer owns, in ring order (an index kept on the immutable ranges list). */
function rangesOf(ranges: readonly WeaveRange[], peer: string): readonly WeaveRange[] {
  let index = derived(ranges, BY_PEER);
  if (index === undefined) {
    index = new Map();
    for (const r of ranges) {
      const list = index.get(r.peer);
      if (list === undefined) index.set(r.peer, [r]);
      else list.push(r);
    }
    keepDerived(ranges, BY_PEER, index);
  }
  return index.get(peer) ?? [];
}

/** The peer's lowest free address, or Weave's error text. */
function weaveLowestFree(state: WeaveIpamState, peer: string): number | string {
  const owned = rangesOf(state.ranges, peer);
  if (owned.length === 0) return `peer ${peer} owns no part of the range ${formatCidr(state.range)}`;
  const taken = own(state.allocated, peer) ?? [];
  const lowest = state.range.net;
  const highest = lastOf(state.range);
  for (const r of owned) {
    // `taken` is ascending: walk it beside the candidates.
    let t = 0;
    const end = lastOf(r.cidr);
    for (let ip = r.cidr.net; ip <= end; ip += 1) {
      while (t < taken.length && (taken[t] ?? 0) < ip) t += 1;
      if (ip === lowest || ip === highest || taken[t] === ip) continue;
      return ip;
    }
  }
  return `no free addresses in the ranges owned by peer ${peer}`;
}

/** A new ascending list with `ip` added. */
function withAddress(list: readonly number[] | undefined, ip: number): number[] {
  const out = list === undefined ? [] : list.slice();
  let at = out.length;
  while (at > 0 && (out[at - 1] ?? 0) > ip) at -= 1;
  out.splice(at, 0, ip);
  return out;
}

const OWNED = derivedKey<WeaveIpamState>('weave state owned by this record');

/**
 * `weaveAllocate` on the state kept in `holder[key]`, for a caller that owns `holder` (a
 * batch's copy of `clusterData`): the state and its `allocated` record are copied once per
 * holder, then updated in place, instead of copying every peer's list per pod. Each peer's
 * list is still replaced, never changed, so earlier states keep theirs. The returned `state`
 * is the holder's, and later calls on the same holder go on changing it.
 */
export function weaveAllocateIn(
  holder: Record<string, unknown>,
  key: string,
  peer: string,
): WeaveAllocateResult {
  const current = holder[key] as WeaveIpamState;
  const found = weaveLowestFree(current, peer);
  if (typeof found === 'string') return { ok: false, message: found };
  let state = current;
  if (derived(holder, OWNED) !== current) {
    state = { ...current, allocated: { ...current.allocated } };
    holder[key] = state;
    keepDerived(holder, OWNED, state);
  }
  (state.allocated as Record<string, readonly number[]>)[peer] = withAddress(
    own(state.allocated, peer),
    found,
  );
  return { ok: true, state, ip: found };
}

/** Frees an address so it is the next one handed out again (lowest-free). */
export function weaveRelease(state: WeaveIpamState, peer: string, ip: number): WeaveIpamState {
  const list = own(state.allocated, peer) ?? [];
  if (!list.includes(ip)) return state;
  return { ...state, allocated: { ...state.allocated, [peer]: list.filter((a) => a !== ip) } };
}

/**
 * The IPAM state as the allocation of `ip` to `peer` found it, as far as a replay of it needs:
 * Weave hands out the peer's lowest free address, so `ip` is free again and every lower
 * address of the peer freed since (an older pod deleted) counts as taken.
 */
export function weaveBeforeAllocate(state: WeaveIpamState, peer: string, ip: number): WeaveIpamState {
  const released = weaveRelease(state, peer, ip);
  const owned = released.ranges.some((r) => r.peer === peer && ip >= r.cidr.net && ip <= lastOf(r.cidr));
  if (!owned) return released;
  const taken = new Set(own(released.allocated, peer) ?? []);
  for (const r of released.ranges) {
    if (r.peer !== peer) continue;
    const end = lastOf(r.cidr);
    for (let a = r.cidr.net; a <= end && a !== ip; a += 1) taken.add(a);
    if (ip >= r.cidr.net && ip <= end) break;
  }
  return { ...released, allocated: { ...released.allocated, [peer]: [...taken].sort((x, y) => x - y) } };
}

/**
 * `weave rmpeer <peer>` as weave-kube runs it when the peer's Node is deleted: the peer's
 * ranges go to the peer running it (here the oldest peer left that owns a range, `taker`),
 * with the departed peer's allocations dropped (its pods are gone); `transferred` is the size
 * of those ranges ("N IPs taken over from PEER"). Null when the peer owned nothing.
 */
export function weaveRmpeer(
  state: WeaveIpamState,
  peer: string,
  survivors: readonly string[],
): { state: WeaveIpamState; taker: string | null; transferred: number } | null {
  const mine = rangesOf(state.ranges, peer);
  if (mine.length === 0 && state.allocated[peer] === undefined) return null;
  const inRing = new Set(state.ranges.map((r) => r.peer));
  const taker = survivors.find((n) => n !== peer && inRing.has(n)) ?? null;
  let transferred = 0;
  for (const r of mine) transferred += sizeOf(r.cidr.prefix);
  const ranges =
    taker === null
      ? state.ranges.filter((r) => r.peer !== peer)
      : coalesce(state.ranges.map((r) => (r.peer === peer ? { peer: taker, cidr: r.cidr } : r)));
  const { [peer]: _gone, ...allocated } = state.allocated;
  return { state: { ...state, ranges, allocated }, taker, transferred };
}

/**
 * Adjacent ranges of one peer that together form the enclosing CIDR become that CIDR (the
 * ring keeps one token where two neighbours have the same owner), so space taken over can
 * be halved again for the next peer that joins instead of splintering.
 */
function coalesce(ranges: readonly WeaveRange[]): WeaveRange[] {
  const out: WeaveRange[] = [];
  for (const r of ranges) {
    out.push(r);
    for (;;) {
      const b = out[out.length - 1];
      const a = out[out.length - 2];
      if (a === undefined || b === undefined || a.peer !== b.peer || a.cidr.prefix !== b.cidr.prefix) break;
      const prefix = a.cidr.prefix - 1;
      if (
        prefix < 0 ||
        a.cidr.net % sizeOf(prefix) !== 0 ||
        b.cidr.net !== a.cidr.net + sizeOf(a.cidr.prefix)
      )
        break;
      out.splice(-2, 2, { peer: a.peer, cidr: { net: a.cidr.net, prefix } });
    }
  }
  return out;
}

/** Whether `peer` holds an address in [lo, hi] (its list is ascending). */
function holdsIn(state: WeaveIpamState, peer: string, lo: number, hi: number): boolean {
  const list = state.allocated[peer] ?? [];
  let a = 0;
  let b = list.length;
  while (a < b) {
    const m = (a + b) >>> 1;
    if ((list[m] ?? 0) < lo) a = m + 1;
    else b = m;
  }
  return a < list.length && (list[a] ?? 0) <= hi;
}

/**
 * A peer joining after the cluster was created is given space by the peer with the largest
 * range (Weave donates free space): the upper half of that range, or its lower half when
 * only that is free; a range whose halves both hold addresses gives nothing. An initial peer
 * already owns its share; a peer that finds the ring empty takes the whole range.
 */
export function weaveJoin(state: WeaveIpamState, peer: string): WeaveIpamState {
  if (rangesOf(state.ranges, peer).length > 0) return state;
  if (state.ranges.length === 0) return { ...state, ranges: [{ peer, cidr: state.range }] };
  const bySize = state.ranges
    .map((r, at) => ({ r, at }))
    .filter(({ r }) => r.cidr.prefix < 30)
    .sort((x, y) => x.r.cidr.prefix - y.r.cidr.prefix || x.at - y.at);
  for (const { r: big } of bySize) {
    const prefix = big.cidr.prefix + 1;
    const lowCidr = { net: big.cidr.net, prefix };
    const highCidr = { net: big.cidr.net + sizeOf(prefix), prefix };
    const highFree = !holdsIn(state, big.peer, highCidr.net, lastOf(highCidr));
    const lowFree = !holdsIn(state, big.peer, lowCidr.net, lastOf(lowCidr));
    if (!highFree && !lowFree) continue;
    const kept = { peer: big.peer, cidr: highFree ? lowCidr : highCidr };
    const given = { peer, cidr: highFree ? highCidr : lowCidr };
    const pair = highFree ? [kept, given] : [given, kept];
    return { ...state, ranges: state.ranges.flatMap((r) => (r === big ? pair : [r])) };
  }
  return state;
}
