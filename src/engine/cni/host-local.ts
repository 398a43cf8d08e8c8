/**
 * The host-local IPAM plugin (`plugins/ipam/host-local`): allocation order, the on-disk
 * store and the exact error texts.
 */
import { numberDict, own } from '../util/dict.ts';
import { flatConcat } from '../util/flat-string.ts';
import type { HostLocalStore } from '../state/types.ts';
import { formatIp, ipToNumber } from '../net/ipv4.ts';
import { cniError, type CniCall, type CniOutcome, type CniPlugin } from './cni-types.ts';
import { type CniIpConfig, type PluginConf } from './spec-types.ts';
import { parseHostLocalConfig, rangeSetToString, type IpRange } from './host-local-config.ts';
import { derived, derivedKey, forgetDerived, keepDerived } from '../util/derived.ts';

/** A store's files by name (dotted quad) as they sit in `/var/lib/cni/networks/<net>/`, in address order. */
export function hostLocalFiles(store: HostLocalStore): Record<string, string> {
  const out: Record<string, string> = {};
  // Integer keys enumerate in ascending order: address order.
  for (const [ip, content] of Object.entries(store.files)) out[formatIp(Number(ip))] = content;
  return out;
}

/** The store for a network on a host, created on first use. */
export function storeFor(call: CniCall, network: string): HostLocalStore {
  let store = own(call.host.ipam, network);
  if (store === undefined) {
    store = { files: numberDict<string>(), lastReserved: {} };
    call.host.ipam[network] = store;
  }
  return store;
}

function rangeFor(set: readonly IpRange[], ip: number): IpRange | undefined {
  for (const r of set) if (ip >= r.start && ip <= r.end) return r;
  return undefined;
}

/** `findFree`'s answer (module scratch, so the per-pod path allocates no result object). */
let freeIp = 0;
let freeRange: IpRange | undefined;

/**
 * `IPAllocator.Get` without a requested IP: round-robin from `last_reserved_ip + 1`,
 * skipping the gateway and taken addresses; the last reserved IP is the final candidate.
 * Leaves its answer in `freeIp/freeRange`.
 */
function findFree(store: HostLocalStore, set: readonly IpRange[], setIndex: number): boolean {
  const first = set[0];
  if (first === undefined) return false;
  const lastStr = store.lastReserved[String(setIndex)];
  const last = lastStr === undefined ? NaN : ipToNumber(lastStr);
  let rangeIdx = 0;
  let cur: number | null = null;
  let startIp: number | null = null;
  let lastRange = -1;
  if (!Number.isNaN(last)) {
    for (let i = 0; i < set.length && lastRange < 0; i++) {
      const r = set[i];
      if (r !== undefined && last >= r.start && last <= r.end) lastRange = i;
    }
  }
  if (lastRange >= 0) {
    rangeIdx = lastRange;
    cur = last;
  }
  for (;;) {
    let r = set[rangeIdx] ?? first;
    if (cur === null) {
      cur = r.start;
      startIp = cur;
    } else {
      if (cur === r.end) {
        rangeIdx = (rangeIdx + 1) % set.length;
        r = set[rangeIdx] ?? first;
        cur = r.start;
      } else cur = cur + 1;
      if (startIp === null) startIp = cur;
      else if (cur === startIp) return false;
    }
    if (cur === r.gateway) continue;
    if (store.files[cur] === undefined) {
      freeIp = cur;
      freeRange = r;
      return true;
    }
  }
}

/** `CNI_ARGS`' `IP` value, as `parseCniArgs(args)['IP']` (no allocation when there is none). */
function cniArgIp(args: string | undefined): string | undefined {
  if (args === undefined || args === '') return undefined;
  if (!args.startsWith('IP=') && !args.includes(';IP=')) return undefined;
  return parseCniArgs(args)['IP'];
}

/** Parses `CNI_ARGS` (`K=V;K2=V2`). */
export function parseCniArgs(args: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (args === undefined || args === '') return out;
  if (!args.startsWith('IP=') && !args.includes(';IP=')) return out;
  for (const pair of args.split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0) out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

const PARSED = derivedKey<ReturnType<typeof parseHostLocalConfig>>('host-local config');

/** Parsed `ipam` config, kept on the `ipam` object (a node's conflist is built once per batch). */
function cachedConfig(conf: PluginConf): ReturnType<typeof parseHostLocalConfig> {
  const ipam = conf['ipam'];
  if (typeof ipam !== 'object' || ipam === null) return parseHostLocalConfig(ipam);
  return derived(ipam, PARSED) ?? keepDerived(ipam, PARSED, parseHostLocalConfig(ipam));
}

/**
 * Fingerprints of the owners holding an address, per store object (transient, rebuilt on
 * first use). host-local's duplicate check asks whether this sandbox already holds one; a
 * new sandbox never does, and scanning numbers answers that without reading every owner
 * string (each a separate heap object). A matching fingerprint is only a maybe: the caller
 * then reads the files.
 */
const OWNERS = derivedKey<number[]>('host-local owner fingerprints');

/** A 32-bit FNV-1a hash of the owner string. */
function fingerprint(owner: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < owner.length; i++) h = Math.imul(h ^ owner.charCodeAt(i), 0x01000193);
  return h | 0;
}

function ownerIndex(store: HostLocalStore): number[] {
  const kept = derived(store.files, OWNERS);
  if (kept !== undefined) return kept;
  const idx: number[] = [];
  for (const ip in store.files) {
    const o = store.files[ip];
    if (o !== undefined) idx.push(fingerprint(o));
  }
  return keepDerived(store.files, OWNERS, idx);
}

/** Might a file hold the owner with fingerprint `fp`? (false is certain; callers scan on true) */
function mayHold(idx: readonly number[], fp: number): boolean {
  return idx.includes(fp);
}

function reserve(store: HostLocalStore, idx: number[], ip: number, owner: string, fp: number): void {
  store.files[ip] = owner;
  idx.push(fp);
}

function ownerOf(call: CniCall): string {
  return flatConcat(call.env.CNI_CONTAINERID, '\r\n', call.env.CNI_IFNAME);
}

function releaseByOwner(store: HostLocalStore, owner: string): void {
  if (!mayHold(ownerIndex(store), fingerprint(owner))) return;
  for (const ip of Object.keys(store.files))
    if (store.files[Number(ip)] === owner) delete store.files[Number(ip)];
  forgetDerived(store.files, OWNERS);
}

/** Releases what this call took, then reports. */
function failAdd(
  store: HostLocalStore,
  taken: readonly number[],
  cniVersion: string,
  msg: string,
): CniOutcome {
  for (const ip of taken) delete store.files[ip];
  if (taken.length > 0) forgetDerived(store.files, OWNERS);
  return cniError(999, msg, cniVersion);
}

const NONE = Object.freeze([]) as unknown as number[];
const NONE_TAKEN = Object.freeze([]) as unknown as number[];

function add(call: CniCall, conf: PluginConf): CniOutcome {
  const cfg = cachedConfig(conf);
  if (typeof cfg === 'string') return cniError(999, cfg, conf.cniVersion);
  const store = storeFor(call, conf.name);
  const owner = ownerOf(call);
  const held = ownerIndex(store);
  const fp = fingerprint(owner);
  // The arrays below stay the shared empty one unless this call needs them.
  let requested: number[] = NONE;
  const ipArg = cniArgIp(call.env.CNI_ARGS);
  if (ipArg !== undefined) {
    const n = ipToNumber(ipArg.split('/')[0] ?? '');
    if (Number.isNaN(n)) return cniError(999, `invalid IP address in CNI_ARGS: ${ipArg}`, conf.cniVersion);
    requested = [n];
  }
  // Exactly sized (one entry per range set; a pushed-to `[]` reserves room for 16).
  const ips: CniIpConfig[] = new Array<CniIpConfig>(cfg.rangeSets.length);
  let taken: number[] = NONE_TAKEN;
  for (let idx = 0; idx < cfg.rangeSets.length; idx++) {
    const set = cfg.rangeSets[idx] ?? [];
    const reqAt = requested.length === 0 ? -1 : requested.findIndex((ip) => rangeFor(set, ip) !== undefined);
    let chosenRange: IpRange;
    let chosen: number;
    if (reqAt >= 0) {
      const ip = requested[reqAt] ?? 0;
      requested.splice(reqAt, 1);
      const r = rangeFor(set, ip);
      if (r === undefined)
        return failAdd(
          store,
          taken,
          conf.cniVersion,
          `failed to allocate for range ${idx}: ${formatIp(ip)} not in range set ${rangeSetToString(set)}`,
        );
      if (ip === r.gateway)
        return failAdd(
          store,
          taken,
          conf.cniVersion,
          `failed to allocate for range ${idx}: requested ip ${formatIp(ip)} is subnet's gateway`,
        );
      if (store.files[ip] !== undefined) {
        return failAdd(
          store,
          taken,
          conf.cniVersion,
          `failed to allocate for range ${idx}: requested IP address ${formatIp(ip)} is not available in range set ${rangeSetToString(set)}`,
        );
      }
      chosenRange = r;
      chosen = ip;
    } else {
      if (mayHold(held, fp)) {
        for (const file in store.files) {
          const at = Number(file);
          if (store.files[at] === owner && rangeFor(set, at) !== undefined) {
            return failAdd(
              store,
              taken,
              conf.cniVersion,
              `failed to allocate for range ${idx}: ${formatIp(at)} has been allocated to ${call.env.CNI_CONTAINERID}, duplicate allocation is not allowed`,
            );
          }
        }
      }
      if (!findFree(store, set, idx) || freeRange === undefined)
        return failAdd(
          store,
          taken,
          conf.cniVersion,
          `failed to allocate for range ${idx}: no IP addresses available in range set: ${rangeSetToString(set)}`,
        );
      chosenRange = freeRange;
      chosen = freeIp;
    }
    const ipStr = formatIp(chosen);
    reserve(store, held, chosen, owner, fp);
    store.lastReserved[String(idx)] = ipStr;
    // Kept for rolling back: needed only if a later range set or a leftover request fails.
    if (idx + 1 < cfg.rangeSets.length || requested.length > 0) {
      if (taken === NONE_TAKEN) taken = [];
      taken.push(chosen);
    }
    ips[idx] = { address: flatConcat(ipStr, chosenRange.prefixSuffix), gateway: chosenRange.gatewayStr };
  }
  if (requested.length > 0) {
    return failAdd(
      store,
      taken,
      conf.cniVersion,
      `failed to allocate all requested IPs: ${requested.map(formatIp).join(' ')}`,
    );
  }
  const result =
    cfg.routes.length > 0
      ? { cniVersion: conf.cniVersion, ips, routes: cfg.routes }
      : { cniVersion: conf.cniVersion, ips };
  return { ok: true, result };
}

/**
 * The address `RangeIter.Next` steps to `ip` from: `ip − 1`, or at a range's start the end
 * of the range before it in the set (wrapping round).
 */
function before(set: readonly IpRange[], ip: number): number {
  for (let i = 0; i < set.length; i++) {
    const r = set[i] as IpRange;
    if (ip >= r.start && ip <= r.end)
      return ip === r.start ? (set[(i + set.length - 1) % set.length] as IpRange).end : ip - 1;
  }
  return ip - 1;
}

/**
 * The store as an ADD by `owner` found it, as far as a replay of that ADD needs: the owner's
 * addresses are free again and each range set's `last_reserved_ip` sits just before the
 * address it gave, so host-local hands the same addresses out next. `rangeSets` are the
 * config's (without them, one range set is assumed). A new store; the given one is not changed.
 */
export function hostLocalBeforeAdd(
  store: HostLocalStore,
  owner: string,
  rangeSets?: readonly (readonly IpRange[])[],
): HostLocalStore {
  const files = numberDict<string>();
  const lastReserved = { ...store.lastReserved };
  for (const [key, content] of Object.entries(store.files)) {
    const ip = Number(key);
    if (content !== owner) {
      files[ip] = content;
      continue;
    }
    const idx = rangeSets === undefined ? 0 : rangeSets.findIndex((s) => rangeFor(s, ip) !== undefined);
    const set = rangeSets?.[idx];
    if (set === undefined) lastReserved[String(Math.max(idx, 0))] = formatIp(ip - 1);
    else lastReserved[String(idx)] = formatIp(before(set, ip));
  }
  return { files, lastReserved };
}

/** host-local as a CNI plugin. */
export const hostLocalPlugin: CniPlugin = {
  type: 'host-local',
  add,
  del(call, conf) {
    const store = own(call.host.ipam, conf.name);
    if (store !== undefined) releaseByOwner(store, ownerOf(call));
    return { ok: true };
  },
  check(call, conf) {
    const store = own(call.host.ipam, conf.name);
    const owner = ownerOf(call);
    const found = store !== undefined && Object.values(store.files).includes(owner);
    if (!found)
      return cniError(
        999,
        `host-local: Failed to find address added by container ${call.env.CNI_CONTAINERID}`,
        conf.cniVersion,
      );
    return { ok: true };
  },
};
