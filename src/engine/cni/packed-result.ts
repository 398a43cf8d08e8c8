/**
 * A pod's ADD Result as its sandbox keeps it. A Result is seven small objects (the Result,
 * `interfaces` and its entries, `ips` and its entry); kept for 150,000 pods they were most of
 * the engine's memory and garbage-collection time. Every plugin here returns the same layout:
 * optional shared entries (the bridge), an optional host-side peer, the container interface
 * last, one IP. `packResult` keeps that layout as one flat record whose shared parts (the
 * bridge entry, routes, DNS) stay references; any other layout is kept whole.
 *
 * `unpackResult` gives the Result back with its fields in the order the CNI library's Go
 * types marshal them (`cniVersion, interfaces, ips, routes, dns`; `name, mac, mtu, sandbox`;
 * `interface, address, gateway`), which is what a real plugin prints on stdout.
 */
import type { CniDns, CniInterface, CniIpConfig, CniResult, CniRoute } from './cni-types.ts';

/** A Result in the common layout, flattened. */
export interface PackedResult {
  cniVersion: string;
  /** The entry before the host-side peer (the bridge), shared by the node's pods; or null. */
  lead: CniInterface | null;
  /** The host-side peer's name, or null when the Result lists none (macvlan). */
  hostIf: string | null;
  hostMac: string | null;
  podMac: string | null;
  /** MTU on both ends of the pair, or null when the Result carries none. */
  mtu: number | null;
  /** The pod IP (no prefix); the pod record shares this string. */
  ip: string;
  prefix: string;
  gateway: string | null;
  /** `ips[0].interface`, or -1 when absent. */
  ipInterface: number;
  routes: CniRoute[] | null;
  dns: CniDns | null;
}

/** What a sandbox stores: the packed form, or a Result in another layout kept whole. */
export type StoredResult = PackedResult | CniResult;

/** Is this the packed form? */
export function isPacked(r: StoredResult): r is PackedResult {
  return 'podMac' in r;
}

function onlyKeys(o: object, allowed: ReadonlySet<string>): boolean {
  for (const k in o) {
    if (!allowed.has(k) || (o as Record<string, unknown>)[k] === undefined) return false;
  }
  return true;
}

const RESULT_KEYS = new Set(['cniVersion', 'interfaces', 'ips', 'routes', 'dns']);
const PEER_KEYS = new Set(['name', 'mac', 'mtu']);
const CONTAINER_KEYS = new Set(['name', 'mac', 'mtu', 'sandbox']);
const IP_KEYS = new Set(['interface', 'address', 'gateway']);

/**
 * Packs a plugin's Result for the sandbox whose container interface is `ifname` in `netns`.
 * Returns the Result itself when it does not fit the common layout.
 */
export function packResult(r: CniResult, netns: string, ifname: string): StoredResult {
  const ifs = r.interfaces;
  const ips = r.ips;
  if (ifs === undefined || ips === undefined || ips.length !== 1 || ifs.length === 0 || ifs.length > 3)
    return r;
  if (!onlyKeys(r, RESULT_KEYS)) return r;
  const ctr = ifs[ifs.length - 1];
  const ip = ips[0];
  if (ctr === undefined || ip === undefined) return r;
  if (ctr.name !== ifname || ctr.sandbox !== netns || !onlyKeys(ctr, CONTAINER_KEYS)) return r;
  const peer = ifs.length >= 2 ? ifs[ifs.length - 2] : undefined;
  if (peer !== undefined && (peer.mtu !== ctr.mtu || !onlyKeys(peer, PEER_KEYS))) return r;
  if (!onlyKeys(ip, IP_KEYS)) return r;
  const slash = ip.address.indexOf('/');
  if (slash < 0) return r;
  return {
    cniVersion: r.cniVersion,
    lead: ifs.length === 3 ? (ifs[0] ?? null) : null,
    hostIf: peer === undefined ? null : peer.name,
    hostMac: peer?.mac ?? null,
    podMac: ctr.mac ?? null,
    mtu: ctr.mtu ?? null,
    ip: ip.address.slice(0, slash),
    prefix: ip.address.slice(slash + 1),
    gateway: ip.gateway ?? null,
    ipInterface: ip.interface ?? -1,
    routes: r.routes ?? null,
    dns: r.dns ?? null,
  };
}

function iface(name: string, mac: string | null, mtu: number | null, sandbox: string | null): CniInterface {
  const out: CniInterface = { name };
  if (mac !== null) out.mac = mac;
  if (mtu !== null) out.mtu = mtu;
  if (sandbox !== null) out.sandbox = sandbox;
  return out;
}

function ipConfig(ifIndex: number | undefined, address: string, gateway: string | undefined): CniIpConfig {
  const out: CniIpConfig = ifIndex === undefined ? { address } : { interface: ifIndex, address };
  if (gateway !== undefined) out.gateway = gateway;
  return out;
}

function result(
  cniVersion: string,
  interfaces: CniInterface[] | undefined,
  ips: CniIpConfig[] | undefined,
  routes: CniRoute[] | undefined,
  dns: CniDns | undefined,
): CniResult {
  const out: CniResult = { cniVersion };
  if (interfaces !== undefined) out.interfaces = interfaces;
  if (ips !== undefined) out.ips = ips;
  if (routes !== undefined) out.routes = routes;
  if (dns !== undefined) out.dns = dns;
  return out;
}

/** The Result a sandbox stored, rebuilt (for the container interface `ifname` in `netns`). */
export function unpackResult(r: StoredResult, netns: string, ifname: string): CniResult {
  if (!isPacked(r)) return canonicalResult(r);
  const interfaces: CniInterface[] = [];
  if (r.lead !== null) interfaces.push(canonicalInterface(r.lead));
  if (r.hostIf !== null) interfaces.push(iface(r.hostIf, r.hostMac, r.mtu, null));
  interfaces.push(iface(ifname, r.podMac, r.mtu, netns));
  const ips = [
    ipConfig(r.ipInterface < 0 ? undefined : r.ipInterface, `${r.ip}/${r.prefix}`, r.gateway ?? undefined),
  ];
  return result(r.cniVersion, interfaces, ips, r.routes?.map(canonicalRoute), r.dns ?? undefined);
}

function canonicalRoute(route: CniRoute): CniRoute {
  const out: CniRoute = { dst: route.dst };
  if (route.gw !== undefined) out.gw = route.gw;
  return { ...out, ...route };
}

function canonicalInterface(i: CniInterface): CniInterface {
  const out = iface(i.name, i.mac ?? null, i.mtu ?? null, i.sandbox ?? null);
  return { ...out, ...i };
}

/**
 * A Result with its fields in the Go types' marshal order (unknown fields after the known
 * ones), as a plugin prints it.
 */
export function canonicalResult(r: CniResult): CniResult {
  const out = result(
    r.cniVersion,
    r.interfaces?.map(canonicalInterface),
    r.ips?.map((ip) => ({ ...ipConfig(ip.interface, ip.address, ip.gateway), ...ip })),
    r.routes?.map(canonicalRoute),
    r.dns,
  );
  return { ...out, ...r, ...out };
}

/** A sandbox's ADD Result. */
export function sandboxResult(sb: { result: StoredResult; netns: string; ifname: string }): CniResult {
  return unpackResult(sb.result, sb.netns, sb.ifname);
}

/** The MAC of a sandbox's container interface, without rebuilding its Result. */
export function sandboxPodMac(sb: { result: StoredResult }): string {
  const r = sb.result;
  if (isPacked(r)) return r.podMac ?? '';
  return r.interfaces?.find((i) => i.sandbox !== undefined)?.mac ?? '';
}
