/**
 * `ip neigh` of a node or a pod: the entries the data plane programs (flannel.1's and
 * vxlan.calico's PERMANENT ones) and the entries traffic taught the kernel
 * (`commands/learn-neighbours.ts`), in the order the kernel dumps its table.
 *
 * When a learned entry prints REACHABLE: a lab tick is a minute of the lab's clock
 * (`src/shell/clock.ts`), and an object of the current tick is a few seconds old. Linux
 * keeps a confirmed entry REACHABLE for base_reachable_time (30 s, drawn from 15 to 45 s)
 * and a DELAY entry 5 s before it probes, then lets both fall to STALE. So an entry the
 * current tick's traffic touched prints the state that traffic left (REACHABLE, DELAY, or
 * STALE for one only learned from a request, INCOMPLETE for one nobody answered yet); an
 * entry of an earlier tick prints STALE, or FAILED when nobody answered (Linux gives up
 * after 3 probes a second apart and keeps the FAILED entry: a small table is never
 * garbage-collected, gc_thresh1).
 */
import { own } from '../util/dict.ts';
import { fnv1a32 } from '../util/hash.ts';
import { ipToNumber } from '../net/ipv4.ts';
import type { ClusterState } from '../state/types.ts';
import type { NeighRow } from './rows.ts';

/**
 * The learned entries of node `node`'s netns (or, with `pod`, of that pod's netns), as they
 * print at the state's tick, oldest first; one the data plane programs (`programmed`) wins.
 */
export function learnedNeighRows(
  state: ClusterState,
  node: string,
  pod: string | undefined,
  programmed: readonly NeighRow[] = [],
): NeighRow[] {
  const list = state.neighbours === undefined ? undefined : own(state.neighbours, node);
  if (list === undefined) return [];
  // flannel programs one entry per remote node: a set, not a scan per learned entry.
  const fixed = new Set(programmed.map((r) => `${r.ip} ${r.dev}`));
  const out: NeighRow[] = [];
  for (const e of list) {
    if (e.pod !== pod) continue;
    if (fixed.has(`${e.ip} ${e.dev}`)) continue;
    const old = e.state === 'INCOMPLETE' ? 'FAILED' : 'STALE';
    out.push({ ip: e.ip, dev: e.dev, mac: e.mac, state: e.tick === state.tick ? e.state : old });
  }
  return out;
}

/** The buckets the kernel starts its neighbour hash with (neigh_hash_alloc(3)). */
const INITIAL_HASH_SHIFT = 3;

/**
 * Rows (oldest first) in the order `ip neigh` lists them: the kernel walks its hash buckets
 * in order, each newest first. The bucket is arp_hashfn: (address ^ a word of the device)
 * × a random word of the table, top bits; the table doubles when it holds more entries than
 * buckets. The random words are drawn per machine in Linux; here they come from `table`
 * (the node's or pod's identity), so the order looks as arbitrary as a real one and is the
 * same on every replay.
 */
export function kernelNeighOrder(rows: readonly NeighRow[], table: string): NeighRow[] {
  let shift = INITIAL_HASH_SHIFT;
  while (rows.length > 1 << shift) shift++;
  const rnd = (fnv1a32(table) | 1) >>> 0;
  const buckets: NeighRow[][] = Array.from({ length: 1 << shift }, () => []);
  const devWord = new Map<string, number>();
  for (const r of rows) {
    let word = devWord.get(r.dev);
    if (word === undefined) {
      word = fnv1a32(`${table} ${r.dev}`);
      devWord.set(r.dev, word);
    }
    const n = ipToNumber(r.ip);
    // The address as the kernel reads it from memory (network order on a little-endian CPU).
    const key = ((n & 0xff) << 24) | (((n >>> 8) & 0xff) << 16) | (((n >>> 16) & 0xff) << 8) | (n >>> 24);
    const h = Math.imul((key ^ word) >>> 0, rnd) >>> (32 - shift);
    buckets[h]?.unshift(r);
  }
  return buckets.flat();
}
