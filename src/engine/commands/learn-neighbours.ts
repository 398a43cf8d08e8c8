/**
 * The neighbour entries traffic leaves behind, as Linux's ARP code keeps them, and their
 * removal with what they are about.
 *
 * After a trace, each ARP exchange it recorded (`tracer/arp.ts`) is applied in order:
 * - the sender looks up the next hop (neigh_resolve_output): without a valid entry it sends
 *   an ARP request and the answer makes the entry REACHABLE; a REACHABLE or DELAY entry is
 *   used as it is; a STALE one (learned but unconfirmed, or from an earlier tick) goes to
 *   DELAY (Linux probes it 5 s later, delay_first_probe_time);
 * - a request nobody answers leaves an INCOMPLETE entry without a MAC;
 * - only when a request was sent, the kernel that answered it learns the request's sender
 *   (arp_process → neigh_event_ns): a new entry is STALE, an existing one with the same MAC
 *   keeps its state.
 * The tick of the change is kept with the entry: `kernel/neigh-rows.ts` prints STALE for
 * an entry of an earlier tick. Cost: one lookup in the touched node's list per exchange.
 */
import { own } from '../util/dict.ts';
import { sandboxExtraIps, sandboxPodMac } from '../cni/packed-result.ts';
import type { ArpExchange, NeighHost } from '../tracer/arp.ts';
import type { Tx } from '../cluster/tx.ts';
import type { LearnedNeighbour, NodeState, PodState } from '../state/types.ts';

function find(list: readonly LearnedNeighbour[], host: NeighHost, dev: string, ip: string): number {
  return list.findIndex((e) => e.pod === host.pod && e.dev === dev && e.ip === ip);
}

function entry(
  host: NeighHost,
  dev: string,
  ip: string,
  mac: string,
  state: LearnedNeighbour['state'],
  tick: number,
): LearnedNeighbour {
  return host.pod === undefined
    ? { ip, dev, mac, state, tick }
    : { pod: host.pod, ip, dev, mac, state, tick };
}

/** What the sender's lookup did: sent an ARP request, used or refreshed its entry, or nothing. */
type Lookup = 'requested' | 'changed' | 'unchanged';

/** The sender's lookup of its next hop. */
function resolve(tx: Tx, x: ArpExchange): Lookup {
  const tick = tx.state.tick;
  const current = own(tx.state.neighbours ?? {}, x.from.node) ?? [];
  const i = find(current, x.from, x.dev, x.ip);
  const e = current[i];
  if (x.mac === null) {
    // Nobody answers: the entry is INCOMPLETE while the kernel probes (FAILED after).
    if (e !== undefined && e.state === 'INCOMPLETE' && e.tick === tick) return 'unchanged';
    const list = tx.neighbours(x.from.node);
    const miss = entry(x.from, x.dev, x.ip, '', 'INCOMPLETE', tick);
    if (e === undefined) list.push(miss);
    else list[i] = miss;
    return 'changed';
  }
  if (e === undefined || e.mac !== x.mac) {
    const list = tx.neighbours(x.from.node);
    const fresh = entry(x.from, x.dev, x.ip, x.mac, 'REACHABLE', tick);
    if (e === undefined) list.push(fresh);
    else list[i] = fresh;
    return 'requested';
  }
  if (e.tick === tick && e.state !== 'STALE') return 'unchanged';
  tx.neighbours(x.from.node)[i] = entry(x.from, x.dev, x.ip, x.mac, 'DELAY', tick);
  return 'changed';
}

/**
 * The answering kernel learns the request's sender (STALE, unless it already knows that
 * MAC); returns whether its table changed.
 */
function learnSender(tx: Tx, to: NeighHost, x: ArpExchange): boolean {
  const current = own(tx.state.neighbours ?? {}, to.node) ?? [];
  const i = find(current, to, x.toDev, x.senderIp);
  const e = current[i];
  if (e !== undefined && e.mac === x.senderMac) return false;
  const list = tx.neighbours(to.node);
  const learned = entry(to, x.toDev, x.senderIp, x.senderMac, 'STALE', tx.state.tick);
  if (e === undefined) list.push(learned);
  else list[i] = learned;
  return true;
}

/**
 * Applies a trace's ARP exchanges to the neighbour tables of the hosts on its path; returns
 * whether any table changed (a repeated trace on the same tick changes none).
 */
export function learnNeighbours(tx: Tx, arp: readonly ArpExchange[]): boolean {
  let changed = false;
  for (const x of arp) {
    if (own(tx.state.nodes, x.from.node) === undefined) continue;
    const lookup = resolve(tx, x);
    if (lookup !== 'unchanged') changed = true;
    if (lookup === 'requested' && x.to !== null && own(tx.state.nodes, x.to.node) !== undefined)
      changed = learnSender(tx, x.to, x) || changed;
  }
  return changed;
}

/** What is going away: pods (their netns and the entries about them), a node, or a device. */
export interface Departure {
  readonly pods?: readonly PodState[];
  /** A removed node: its own entries, and every entry that names one of its MACs. */
  readonly node?: NodeState;
  /** A deleted device of a node: the node's entries on it, and every entry naming its MAC. */
  readonly device?: { readonly node: string; readonly name: string; readonly mac: string };
}

/**
 * Drops the learned entries on and about what leaves (the kernel flushes a deleted link's
 * entries; those about a deleted pod or node would linger as STALE and are dropped too).
 * One pass over the learned entries, which traffic made: nothing when no trace learned any.
 */
export function forgetNeighbours(tx: Tx, gone: Departure): void {
  const record = tx.state.neighbours;
  if (record === undefined) return;
  const podKeys = new Set<string>();
  const about = new Map<string, string>();
  for (const p of gone.pods ?? []) {
    podKeys.add(p.key);
    const mac = sandboxPodMac(p.sandbox);
    if (p.ip !== null && mac !== '') about.set(p.ip, mac);
    if (mac !== '') for (const extra of sandboxExtraIps(p.sandbox)) about.set(extra, mac);
  }
  const macs = new Set<string>();
  if (gone.node !== undefined) {
    macs.add(gone.node.mac);
    for (const d of Object.values(gone.node.devices)) macs.add(d.mac);
  }
  if (gone.device !== undefined) macs.add(gone.device.mac);
  macs.delete('00:00:00:00:00:00'); // an ipip device has no MAC: no entry names it
  macs.delete('');
  const dev = gone.device;
  const drop = (node: string, e: LearnedNeighbour): boolean =>
    (e.pod !== undefined && podKeys.has(e.pod)) ||
    about.get(e.ip) === e.mac ||
    macs.has(e.mac) ||
    (dev !== undefined && node === dev.node && e.pod === undefined && e.dev === dev.name);
  for (const node of Object.keys(record)) {
    const list = own(record, node) ?? [];
    if (node === gone.node?.name) {
      tx.setNeighbours(node, []);
      continue;
    }
    if (!list.some((e) => drop(node, e))) continue;
    tx.setNeighbours(
      node,
      list.filter((e) => !drop(node, e)),
    );
  }
}
