/**
 * host-local's configuration: ranges, defaults and the exact validation errors of
 * `backend/allocator/range.go`, `range_set.go` and `config.go`.
 */
import { isJsonObject, type JsonValue } from '../util/json.ts';
import { formatIp, ipToNumber, maskOf, sizeOf } from '../net/ipv4.ts';
import type { CniRoute } from './spec-types.ts';

/** One canonical range: numbers for the hot path. */
export interface IpRange {
  net: number;
  prefix: number;
  start: number;
  end: number;
  gateway: number;
  /** `gateway` formatted once. */
  gatewayStr: string;
  /** `/prefix`, for building addresses. */
  prefixSuffix: string;
}

/** host-local's parsed IPAM config. */
export interface HostLocalConfig {
  rangeSets: IpRange[][];
  routes: CniRoute[];
  dataDir: string;
}

/** `rangeStart-rangeEnd`, as `Range.String()` prints it. */
export function rangeToString(r: IpRange): string {
  return `${formatIp(r.start)}-${formatIp(r.end)}`;
}

/** Ranges of a set joined with `,` (`RangeSet.String()`). */
export function rangeSetToString(set: readonly IpRange[]): string {
  return set.map(rangeToString).join(',');
}

/** A JSON address as `net.IP`'s UnmarshalText reads it (an error text when it is not one). */
function parseIp(v: JsonValue | undefined): number | string {
  if (typeof v !== 'string' || Number.isNaN(ipToNumber(v))) return `invalid IP address: ${String(v)}`;
  return ipToNumber(v);
}

/**
 * `Range.Canonicalize` for one range: the defaults (gateway and rangeStart network + 1,
 * rangeEnd broadcast − 1) and its checks, in `range.go`'s order. `Range.Contains` checks a
 * given rangeStart against the rangeEnd as written, so a start after the end is reported as
 * `RangeStart … not in network …`.
 */
export function canonicalizeRange(raw: JsonValue): IpRange | string {
  if (!isJsonObject(raw)) return 'IP <nil> not v4 nor v6';
  if (raw['subnet'] === undefined) return 'IP <nil> not v4 nor v6';
  if (typeof raw['subnet'] !== 'string') return `invalid CIDR address: ${String(raw['subnet'])}`;
  const subnet = raw['subnet'];
  const slash = subnet.indexOf('/');
  const ip = ipToNumber(slash < 0 ? '' : subnet.slice(0, slash));
  const prefix = Number(subnet.slice(slash + 1));
  if (slash < 0 || Number.isNaN(ip) || !/^\d{1,2}$/.test(subnet.slice(slash + 1)) || prefix > 32) {
    return `invalid CIDR address: ${subnet}`;
  }
  const net = (ip & maskOf(prefix)) >>> 0;
  // types.IPNet keeps the address as written (types.ParseCIDR), and IPNet.String prints it.
  if (prefix > 30) return `Network ${formatIp(ip)}/${prefix} too small to allocate from`;
  const netStr = `${formatIp(net)}/${prefix}`;
  if (net !== ip) {
    return `Network has host bits set. For a subnet mask of length ${prefix} the network address is ${formatIp(net)}`;
  }
  const last = net + sizeOf(prefix) - 1;
  const rawStart = raw['rangeStart'] === undefined ? undefined : parseIp(raw['rangeStart']);
  const rawEnd = raw['rangeEnd'] === undefined ? undefined : parseIp(raw['rangeEnd']);
  const rawGateway = raw['gateway'] === undefined ? undefined : parseIp(raw['gateway']);
  for (const v of [rawStart, rawEnd, rawGateway]) if (typeof v === 'string') return v;
  const givenEnd = rawEnd as number | undefined;
  // Range.Contains, with the bounds known so far.
  const contains = (n: number, start: number | undefined, end: number | undefined): boolean =>
    n >= net && n <= last && (start === undefined || n >= start) && (end === undefined || n <= end);
  const gateway = (rawGateway as number | undefined) ?? net + 1;
  let start = net + 1;
  if (rawStart !== undefined) {
    const s = rawStart as number;
    if (!contains(s, s, givenEnd)) return `RangeStart ${formatIp(s)} not in network ${netStr}`;
    start = s;
  }
  let end = last - 1;
  if (givenEnd !== undefined) {
    if (!contains(givenEnd, start, givenEnd))
      return `RangeEnd ${formatIp(givenEnd)} not in network ${netStr}`;
    end = givenEnd;
  }
  // Upstream accepts a rangeStart on the broadcast with the default end (its iterator then
  // leaves the subnet); the spec refuses that, and here it is reported as upstream words it.
  if (start > end) return `RangeStart ${formatIp(start)} not in network ${netStr}`;
  return { net, prefix, start, end, gateway, gatewayStr: formatIp(gateway), prefixSuffix: `/${prefix}` };
}

/** `Range.Overlaps` (each range's bounds tested with the other's `Contains`). */
export function rangesOverlap(a: IpRange, b: IpRange): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** `RangeSet.Canonicalize`: every range first, then the first overlapping pair (i < j). */
function canonicalizeRangeSet(raw: readonly JsonValue[]): IpRange[] | string {
  if (raw.length === 0) return 'empty range set';
  const set: IpRange[] = [];
  for (const r of raw) {
    const c = canonicalizeRange(r);
    if (typeof c === 'string') return c;
    set.push(c);
  }
  for (let i = 0; i < set.length - 1; i++)
    for (let j = i + 1; j < set.length; j++) {
      const a = set[i] as IpRange;
      const b = set[j] as IpRange;
      if (rangesOverlap(a, b)) return `subnets ${rangeToString(a)} and ${rangeToString(b)} overlap`;
    }
  return set;
}

/** `LoadIPAMConfig`: parses `ipam` from a plugin's stdin. Returns an error text on failure. */
export function parseHostLocalConfig(ipam: JsonValue | undefined): HostLocalConfig | string {
  if (!isJsonObject(ipam)) return "IPAM config missing 'ipam' key";
  const rawSets: JsonValue[][] = [];
  if (typeof ipam['subnet'] === 'string') {
    const single: { [k: string]: JsonValue } = { subnet: ipam['subnet'] };
    for (const k of ['rangeStart', 'rangeEnd', 'gateway'])
      if (ipam[k] !== undefined) single[k] = ipam[k] ?? null;
    rawSets.push([single]);
  }
  const ranges = ipam['ranges'];
  if (Array.isArray(ranges)) for (const set of ranges) rawSets.push(Array.isArray(set) ? set : [set]);
  if (rawSets.length === 0) return 'no IP ranges specified';
  const rangeSets: IpRange[][] = [];
  for (let i = 0; i < rawSets.length; i++) {
    const set = canonicalizeRangeSet(rawSets[i] ?? []);
    if (typeof set === 'string') return `invalid range set ${i}: ${set}`;
    rangeSets.push(set);
  }
  for (let i = 0; i < rangeSets.length - 1; i++) {
    for (let j = i + 1; j < rangeSets.length; j++) {
      const a = rangeSets[i] ?? [];
      const b = rangeSets[j] ?? [];
      if (a.some((x) => b.some((y) => rangesOverlap(x, y)))) return `range set ${i} overlaps with ${j}`;
    }
  }
  const routes: CniRoute[] = [];
  if (Array.isArray(ipam['routes'])) {
    for (const r of ipam['routes']) {
      if (isJsonObject(r) && typeof r['dst'] === 'string') {
        routes.push(typeof r['gw'] === 'string' ? { dst: r['dst'], gw: r['gw'] } : { dst: r['dst'] });
      }
    }
  }
  const dataDir = typeof ipam['dataDir'] === 'string' ? ipam['dataDir'] : '/var/lib/cni/networks';
  return { rangeSets, routes, dataDir };
}
