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

function parseIp(v: JsonValue | undefined, field: string): number | string {
  if (typeof v !== 'string' || Number.isNaN(ipToNumber(v)))
    return `invalid ${field} ${JSON.stringify(v ?? null)}`;
  return ipToNumber(v);
}

/** `Range.Canonicalize`: defaults and checks for one range. */
export function canonicalizeRange(raw: JsonValue): IpRange | string {
  if (!isJsonObject(raw) || typeof raw['subnet'] !== 'string') return 'invalid range: missing subnet';
  const subnet = raw['subnet'];
  const slash = subnet.indexOf('/');
  const ip = ipToNumber(slash < 0 ? '' : subnet.slice(0, slash));
  const prefix = Number(subnet.slice(slash + 1));
  if (slash < 0 || Number.isNaN(ip) || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) {
    return `invalid CIDR address: ${subnet}`;
  }
  if (prefix > 30) return `Network ${subnet} too small to allocate from`;
  const net = (ip & maskOf(prefix)) >>> 0;
  const netStr = `${formatIp(net)}/${prefix}`;
  if (net !== ip) {
    return `Network has host bits set. For a subnet mask of length ${prefix} the network address is ${formatIp(net)}`;
  }
  const last = net + sizeOf(prefix) - 1;
  const inNet = (n: number): boolean => n >= net && n <= last;
  let gateway = net + 1;
  if (raw['gateway'] !== undefined) {
    const g = parseIp(raw['gateway'], 'gateway');
    if (typeof g === 'string') return g;
    gateway = g;
  }
  let start = net + 1;
  if (raw['rangeStart'] !== undefined) {
    const s = parseIp(raw['rangeStart'], 'rangeStart');
    if (typeof s === 'string') return s;
    if (!inNet(s)) return `RangeStart ${formatIp(s)} not in network ${netStr}`;
    start = s;
  }
  let end = last - 1;
  if (raw['rangeEnd'] !== undefined) {
    const e = parseIp(raw['rangeEnd'], 'rangeEnd');
    if (typeof e === 'string') return e;
    if (!inNet(e)) return `RangeEnd ${formatIp(e)} not in network ${netStr}`;
    end = e;
  }
  if (start > end) return `RangeStart ${formatIp(start)} not in network ${netStr}`;
  return { net, prefix, start, end, gateway, gatewayStr: formatIp(gateway), prefixSuffix: `/${prefix}` };
}

function rangesOverlap(a: IpRange, b: IpRange): boolean {
  return a.start <= b.end && b.start <= a.end;
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
    const set: IpRange[] = [];
    for (const raw of rawSets[i] ?? []) {
      const r = canonicalizeRange(raw);
      if (typeof r === 'string') return `invalid range set ${i}: ${r}`;
      for (const other of set) {
        if (rangesOverlap(other, r)) {
          return `invalid range set ${i}: subnets ${rangeToString(other)} and ${rangeToString(r)} overlap`;
        }
      }
      set.push(r);
    }
    if (set.length === 0) return `invalid range set ${i}: empty range set`;
    rangeSets.push(set);
  }
  for (let i = 0; i < rangeSets.length; i++) {
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
