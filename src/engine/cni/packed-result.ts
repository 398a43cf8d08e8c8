/**
 * A pod's ADD Result as its sandbox keeps it. A Result is seven small objects (the Result,
 * `interfaces` and its entries, `ips` and its entry); kept for 150,000 pods they were most of
 * the engine's memory and garbage-collection time. Every plugin here returns the same layout:
 * optional shared entries (the bridge), an optional host-side peer (with the pair's MTU, or
 * its name alone as calico lists it), the container interface last, one IP, and routes that
 * are either shared or (calico-ipam's) one route to the pod's own address. `packResult` keeps
 * that layout as one flat record whose shared parts (the bridge entry, routes, DNS) stay
 * references; any other layout is kept whole.
 *
 * `unpackResult` gives the Result back with its fields in the order the CNI library's Go
 * types marshal them (`cniVersion, interfaces, ips, routes, dns`; `name, mac, mtu, sandbox`;
 * `interface, address, gateway`), which is what a real plugin prints on stdout.
 */
import type { CniDns, CniInterface, CniIpConfig, CniResult, CniRoute } from './spec-types.ts';
import { formatMac, vethName } from './names.ts';

/** What the Results of a node's pods share: their layout and every value not drawn per pod. */
export interface ResultShape {
  cniVersion: string;
  /** The entry before the host-side peer (the bridge), or null. */
  lead: CniInterface | null;
  /** Whether the Result lists a host-side peer (macvlan has none). */
  peer: boolean;
  /** Whether the peer's entry lists `mtu` too (calico's lists its name only). */
  peerMtu: boolean;
  /** MTU of the container interface (and of the peer when `peerMtu`), or null when absent. */
  mtu: number | null;
  prefix: number;
  gateway: string | null;
  /** `ips[0].interface`, or -1 when absent. */
  ipInterface: number;
  /** Shared routes, or null (when `ownRoute` is set, or there are none). */
  routes: CniRoute[] | null;
  /**
   * The prefix of the one route to the pod's own address (`routes: [{dst: "<ip>/26"}]`, as
   * calico-ipam returns it), or -1.
   */
  ownRoute: number;
  dns: CniDns | null;
}

/** A Result in another layout, kept as it is. */
export interface WholeResult {
  whole: CniResult;
}

/**
 * A Result as a sandbox keeps it: the node's shared shape and the four values drawn for this
 * pod, or (`result.whole`, the rest null) a Result in another layout.
 *
 * Every string kept per pod is one more object for the garbage collector to copy, so names
 * and MACs in their canonical form are kept as small integers (see `packVeth`, `packMac`);
 * anything else stays a string. Read them with `sandboxResult` and `sandboxPodMac`.
 */
export interface PackedResult {
  result: ResultShape | WholeResult;
  /** The host-side peer's name: the string, or a `veth` + 8-hex name's value as an int32. */
  hostIf: string | number | null;
  /** The peer's MAC: the string, or its first three octets (the last three in `hostMacLo`). */
  hostMac: string | number | null;
  hostMacLo: number;
  /** The container interface's MAC, packed like `hostMac`. */
  podMac: string | number | null;
  podMacLo: number;
  /** The pod IP (no prefix); the pod record shares this string. */
  ip: string | null;
}

/** A lowercase hex digit's value, or -1. */
function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** `veth` + 8 lowercase hex digits as the int32 of their value; any other name as itself. */
export function packVeth(name: string): string | number {
  if (name.length !== 12 || !name.startsWith('veth')) return name;
  let v = 0;
  for (let i = 4; i < 12; i++) {
    const d = hexDigit(name.charCodeAt(i));
    if (d < 0) return name;
    v = v * 16 + d;
  }
  return v | 0;
}

function unpackVeth(v: string | number | null): string | null {
  return typeof v === 'number' ? vethName(v >>> 0) : v;
}

/** `packMac`'s last three octets (module scratch: packing allocates nothing). */
let macLo = 0;

/**
 * A MAC in lowercase `aa:bb:cc:dd:ee:ff` form as its first three octets (24 bits, with the
 * last three left in `macLo`); any other string as itself.
 */
export function packMac(mac: string): string | number {
  macLo = 0;
  if (mac.length !== 17) return mac;
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < 6; i++) {
    const h = hexDigit(mac.charCodeAt(3 * i));
    const l = hexDigit(mac.charCodeAt(3 * i + 1));
    if (h < 0 || l < 0 || (i < 5 && mac.charCodeAt(3 * i + 2) !== 58)) return mac;
    if (i < 3) hi = hi * 256 + h * 16 + l;
    else lo = lo * 256 + h * 16 + l;
  }
  macLo = lo;
  return hi;
}

function unpackMac(hi: string | number | null, lo: number): string | null {
  return typeof hi === 'number' ? formatMac(hi, lo) : hi;
}

/** Is this a shared shape (rather than a whole Result)? */
export function isShape(r: ResultShape | WholeResult): r is ResultShape {
  return !('whole' in r);
}

/** Are all of `o`'s keys in `allowed`, none holding undefined? (a short list: a few pointer compares per key) */
function onlyKeys(o: object, allowed: readonly string[]): boolean {
  for (const k in o) {
    if (!allowed.includes(k) || (o as Record<string, unknown>)[k] === undefined) return false;
  }
  return true;
}

const RESULT_KEYS = ['cniVersion', 'interfaces', 'ips', 'routes', 'dns'];
const PEER_KEYS = ['name', 'mac', 'mtu'];
const CONTAINER_KEYS = ['name', 'mac', 'mtu', 'sandbox'];
const IP_KEYS = ['version', 'interface', 'address', 'gateway'];

/** The prefix length written from `at` to the end (`0`–`32`, no leading zero), or -1. */
function prefixAt(address: string, at: number): number {
  const len = address.length - at;
  if (len < 1 || len > 2) return -1;
  const d0 = address.charCodeAt(at) - 48;
  if (d0 < 0 || d0 > 9 || (len === 2 && d0 === 0)) return -1;
  if (len === 1) return d0;
  const d1 = address.charCodeAt(at + 1) - 48;
  if (d1 < 0 || d1 > 9) return -1;
  const n = d0 * 10 + d1;
  return n <= 32 ? n : -1;
}

const ROUTE_KEYS = ['dst', 'gw'];

function sameRoutes(a: CniRoute[] | null, b: CniRoute[] | null): boolean {
  if (a === b) return true;
  if (a === null || b === null || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined || y === undefined || x.dst !== y.dst || x.gw !== y.gw) return false;
    if (!onlyKeys(x, ROUTE_KEYS) || !onlyKeys(y, ROUTE_KEYS)) return false;
  }
  return true;
}

/**
 * The prefix of `routes` when it is one route, without a gateway, to the address `ip`
 * (`<ip>/<prefix>`), else -1.
 */
function ownRoutePrefix(routes: CniRoute[] | undefined, ip: string): number {
  if (routes === undefined || routes.length !== 1) return -1;
  const r = routes[0];
  if (r === undefined || r.gw !== undefined || !onlyKeys(r, ROUTE_KEYS)) return -1;
  const dst = r.dst;
  if (dst.length <= ip.length + 1 || !dst.startsWith(ip) || dst.charCodeAt(ip.length) !== 47) return -1;
  return prefixAt(dst, ip.length + 1);
}

function sameInterface(a: CniInterface | null, b: CniInterface | null): boolean {
  if (a === b) return true;
  if (a === null || b === null || !onlyKeys(a, CONTAINER_KEYS) || !onlyKeys(b, CONTAINER_KEYS)) return false;
  return a.name === b.name && a.mac === b.mac && a.mtu === b.mtu && a.sandbox === b.sandbox;
}

/**
 * The shapes in use, by gateway: a node's pods share one. Kept for a batch of commands;
 * state from earlier batches keeps the shapes it already points at.
 */
export class ShapeCache {
  private readonly byGateway = new Map<string, ResultShape[]>();

  /** The shape with these values: one already in use, or a new one. */
  intern(
    cniVersion: string,
    lead: CniInterface | null,
    peer: boolean,
    peerMtu: boolean,
    mtu: number | null,
    prefix: number,
    gateway: string | null,
    ipInterface: number,
    routes: CniRoute[] | null,
    ownRoute: number,
    dns: CniDns | null,
  ): ResultShape {
    const key = gateway ?? '';
    let list = this.byGateway.get(key);
    if (list === undefined) {
      list = [];
      this.byGateway.set(key, list);
    }
    for (const t of list) {
      if (
        t.cniVersion === cniVersion &&
        sameInterface(t.lead, lead) &&
        t.peer === peer &&
        t.peerMtu === peerMtu &&
        t.mtu === mtu &&
        t.prefix === prefix &&
        t.gateway === gateway &&
        t.ipInterface === ipInterface &&
        t.ownRoute === ownRoute &&
        t.dns === dns &&
        sameRoutes(t.routes, routes)
      )
        return t;
    }
    const shape: ResultShape = {
      cniVersion,
      lead,
      peer,
      peerMtu,
      mtu,
      prefix,
      gateway,
      ipInterface,
      routes,
      ownRoute,
      dns,
    };
    if (list.length >= 8) list.shift();
    list.push(shape);
    return shape;
  }
}

/** A sandbox with its ADD Result packed. */
export interface PackedSandbox extends PackedResult {
  containerId: string;
  netns: string;
  ifname: string;
  /** ifindex of the host-side peer (veth) or 0 when there is none (macvlan). */
  hostIfIndex: number;
}

function wholeSandbox(
  containerId: string,
  netns: string,
  ifname: string,
  hostIfIndex: number,
  r: CniResult,
): PackedSandbox {
  return {
    containerId,
    netns,
    ifname,
    hostIfIndex,
    result: { whole: r },
    hostIf: null,
    hostMac: null,
    hostMacLo: 0,
    podMac: null,
    podMacLo: 0,
    ip: null,
  };
}

/**
 * A sandbox record with the plugin chain's Result packed: the shape shared through `shapes`,
 * the values drawn for this pod kept here. A Result in another layout is kept whole.
 */
export function packSandbox(
  containerId: string,
  netns: string,
  ifname: string,
  hostIfIndex: number,
  r: CniResult,
  shapes: ShapeCache,
): PackedSandbox {
  const ifs = r.interfaces;
  const ips = r.ips;
  const whole = (): PackedSandbox => wholeSandbox(containerId, netns, ifname, hostIfIndex, r);
  if (ifs === undefined || ips === undefined || ips.length !== 1 || ifs.length === 0 || ifs.length > 3)
    return whole();
  if (!onlyKeys(r, RESULT_KEYS)) return whole();
  const ctr = ifs[ifs.length - 1];
  const ip = ips[0];
  if (ctr === undefined || ip === undefined) return whole();
  if (ctr.name !== ifname || ctr.sandbox !== netns || !onlyKeys(ctr, CONTAINER_KEYS)) return whole();
  const peer = ifs.length >= 2 ? ifs[ifs.length - 2] : undefined;
  if (
    peer !== undefined &&
    ((peer.mtu !== undefined && peer.mtu !== ctr.mtu) ||
      typeof peer.name !== 'string' ||
      !onlyKeys(peer, PEER_KEYS))
  )
    return whole();
  if (!onlyKeys(ip, IP_KEYS)) return whole();
  const slash = ip.address.indexOf('/');
  const prefix = slash < 0 ? -1 : prefixAt(ip.address, slash + 1);
  if (prefix < 0) return whole();
  const podIp = ip.address.slice(0, slash);
  const ownRoute = ownRoutePrefix(r.routes, podIp);
  const shape = shapes.intern(
    r.cniVersion,
    ifs.length === 3 ? (ifs[0] ?? null) : null,
    peer !== undefined,
    peer?.mtu !== undefined,
    ctr.mtu ?? null,
    prefix,
    ip.gateway ?? null,
    ip.interface ?? -1,
    ownRoute < 0 ? (r.routes ?? null) : null,
    ownRoute,
    r.dns === undefined || Object.keys(r.dns).length === 0 ? null : r.dns,
  );
  const hostMac = peer?.mac === undefined ? null : packMac(peer.mac);
  const hostMacLo = typeof hostMac === 'number' ? macLo : 0;
  const podMac = ctr.mac === undefined ? null : packMac(ctr.mac);
  const podMacLo = typeof podMac === 'number' ? macLo : 0;
  return {
    containerId,
    netns,
    ifname,
    hostIfIndex,
    result: shape,
    hostIf: peer === undefined ? null : packVeth(peer.name),
    hostMac,
    hostMacLo,
    podMac,
    podMacLo,
    ip: podIp,
  };
}

/** `packSandbox` for a Result alone. */
export function packResult(r: CniResult, netns: string, ifname: string, shapes: ShapeCache): PackedResult {
  return packSandbox('', netns, ifname, 0, r, shapes);
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

/** Result versions whose `ips[]` entries carry `version` (types/040; 1.0.0 dropped it). */
const VERSIONED_IPS = new Set(['0.3.0', '0.3.1', '0.4.0']);

function withIpVersion(ip: CniIpConfig): CniIpConfig {
  return { version: ip.address.includes(':') ? '6' : '4', ...ip };
}

/**
 * A Result as a plugin prints it: the Go types convert to the config's cniVersion on output
 * (`ips[].version` at 0.3.x/0.4.0) and always marshal `dns`, empty as `{}`.
 */
function result(
  cniVersion: string,
  interfaces: CniInterface[] | undefined,
  ips: CniIpConfig[] | undefined,
  routes: CniRoute[] | undefined,
  dns: CniDns | undefined,
): CniResult {
  const out: CniResult = { cniVersion };
  if (interfaces !== undefined) out.interfaces = interfaces;
  if (ips !== undefined) out.ips = VERSIONED_IPS.has(cniVersion) ? ips.map(withIpVersion) : ips;
  if (routes !== undefined) out.routes = routes;
  out.dns = dns ?? {};
  return out;
}

/** The Result a sandbox stored, rebuilt (for the container interface `ifname` in `netns`). */
export function unpackResult(p: PackedResult, netns: string, ifname: string): CniResult {
  const s = p.result;
  if (!isShape(s)) return canonicalResult(s.whole);
  const interfaces: CniInterface[] = [];
  if (s.lead !== null) interfaces.push(canonicalInterface(s.lead));
  if (s.peer)
    interfaces.push(
      iface(unpackVeth(p.hostIf) ?? '', unpackMac(p.hostMac, p.hostMacLo), s.peerMtu ? s.mtu : null, null),
    );
  interfaces.push(iface(ifname, unpackMac(p.podMac, p.podMacLo), s.mtu, netns));
  const ips = [
    ipConfig(
      s.ipInterface < 0 ? undefined : s.ipInterface,
      `${p.ip ?? ''}/${s.prefix}`,
      s.gateway ?? undefined,
    ),
  ];
  const routes = s.ownRoute < 0 ? s.routes?.map(canonicalRoute) : [{ dst: `${p.ip ?? ''}/${s.ownRoute}` }];
  return result(s.cniVersion, interfaces, ips, routes, copyDns(s.dns ?? undefined));
}

/** A copy, so no caller can change the DNS settings other pods share. */
function copyDns(dns: CniDns | undefined): CniDns | undefined {
  return dns === undefined ? undefined : (JSON.parse(JSON.stringify(dns)) as CniDns);
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
    copyDns(r.dns),
  );
  return { ...out, ...r, ...out };
}

/** A sandbox's ADD Result. */
export function sandboxResult(sb: PackedResult & { netns: string; ifname: string }): CniResult {
  return unpackResult(sb, sb.netns, sb.ifname);
}

const NO_ADDRESSES: readonly string[] = [];

/**
 * The container interface's addresses after the first (one per further host-local range
 * set), without their prefix. A packed Result holds one address, so only a Result kept
 * whole can have any.
 */
export function sandboxExtraIps(sb: PackedResult | undefined): readonly string[] {
  if (sb === undefined) return NO_ADDRESSES;
  const r = sb.result;
  if (isShape(r)) return NO_ADDRESSES;
  const ips = r.whole.ips ?? [];
  return ips.length <= 1 ? NO_ADDRESSES : ips.slice(1).map((i) => i.address.split('/')[0] ?? '');
}

/** The MAC of a sandbox's container interface, without rebuilding its Result ('' without a sandbox). */
export function sandboxPodMac(sb: PackedResult | undefined): string {
  if (sb === undefined) return '';
  const r = sb.result;
  if (isShape(r)) return unpackMac(sb.podMac, sb.podMacLo) ?? '';
  return r.whole.interfaces?.find((i) => i.sandbox !== undefined)?.mac ?? '';
}
