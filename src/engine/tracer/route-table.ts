/**
 * `ip route` lines as data, and the kernel's longest-prefix-match lookup over them.
 * Understands the forms the simulated nodes print, e.g.
 * `default via 192.168.56.1 dev eth0`, `10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1`,
 * `10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink`, `blackhole 192.168.221.64/26 proto bird`,
 * `192.168.1.5 dev cali82111e10a96 scope link` (a /32), with an optional `metric N`.
 */
import { formatIp, maskOf, parseCidr, parseIpv4, type Cidr4 } from '../net/ipv4.ts';

export type RouteType = 'unicast' | 'blackhole' | 'unreachable' | 'prohibit';

/** One parsed route. IPs are uint32; `metric` defaults to 0 as in the kernel. */
export interface RouteEntry {
  readonly type: RouteType;
  readonly dst: Cidr4;
  readonly via?: number;
  readonly dev?: string;
  readonly proto?: string;
  readonly scope?: string;
  readonly src?: number;
  readonly metric: number;
  readonly onlink: boolean;
}

export type ParseRouteResult = { ok: true; value: RouteEntry } | { ok: false; message: string };

const TYPES: readonly RouteType[] = ['unicast', 'blackhole', 'unreachable', 'prohibit'];

function parseDst(token: string): Cidr4 | null {
  if (token === 'default') return { net: 0, prefix: 0 };
  if (token.includes('/')) return parseCidr(token, true);
  const ip = parseIpv4(token);
  return ip === null ? null : { net: ip, prefix: 32 };
}

/** Parses one `ip route` line. Returns a message naming the bad token on failure. */
export function parseIpRoute(line: string): ParseRouteResult {
  const tokens = line
    .trim()
    .split(/\s+/)
    .filter((t) => t !== '');
  let i = 0;
  let type: RouteType = 'unicast';
  const first = tokens[0];
  if (first !== undefined && (TYPES as readonly string[]).includes(first)) {
    type = first as RouteType;
    i = 1;
  }
  const dstToken = tokens[i];
  if (dstToken === undefined) return { ok: false, message: `route "${line}" has no destination` };
  const dst = parseDst(dstToken);
  if (!dst)
    return {
      ok: false,
      message: `route "${line}": "${dstToken}" is not a destination (CIDR, IP or default)`,
    };
  i += 1;
  let via: number | undefined;
  let src: number | undefined;
  let dev: string | undefined;
  let proto: string | undefined;
  let scope: string | undefined;
  let metric = 0;
  let onlink = false;
  while (i < tokens.length) {
    const key = tokens[i] as string;
    if (key === 'onlink') {
      onlink = true;
      i += 1;
      continue;
    }
    const value = tokens[i + 1];
    if (value === undefined) return { ok: false, message: `route "${line}": "${key}" needs a value` };
    i += 2;
    if (key === 'via' || key === 'src') {
      const ip = parseIpv4(value);
      if (ip === null) return { ok: false, message: `route "${line}": "${value}" is not an IPv4 address` };
      if (key === 'via') via = ip;
      else src = ip;
    } else if (key === 'dev') dev = value;
    else if (key === 'proto') proto = value;
    else if (key === 'scope') scope = value;
    else if (key === 'metric') {
      if (!/^\d+$/.test(value))
        return { ok: false, message: `route "${line}": metric "${value}" is not a number` };
      metric = Number(value);
    } else return { ok: false, message: `route "${line}": unknown keyword "${key}"` };
  }
  if (type === 'unicast' && dev === undefined && via === undefined) {
    return { ok: false, message: `route "${line}" needs "via" or "dev"` };
  }
  return {
    ok: true,
    value: {
      type,
      dst,
      ...(via !== undefined ? { via } : {}),
      ...(dev !== undefined ? { dev } : {}),
      ...(proto !== undefined ? { proto } : {}),
      ...(scope !== undefined ? { scope } : {}),
      ...(src !== undefined ? { src } : {}),
      metric,
      onlink,
    },
  };
}

/** Prints a route the way `ip route` does (a /32 without its prefix, 0.0.0.0/0 as `default`). */
export function formatIpRoute(route: RouteEntry): string {
  const { net, prefix } = route.dst;
  const parts: string[] = [];
  if (route.type !== 'unicast') parts.push(route.type);
  parts.push(
    prefix === 0 && net === 0 ? 'default' : prefix === 32 ? formatIp(net) : `${formatIp(net)}/${prefix}`,
  );
  if (route.via !== undefined) parts.push('via', formatIp(route.via));
  if (route.dev !== undefined) parts.push('dev', route.dev);
  if (route.proto !== undefined) parts.push('proto', route.proto);
  if (route.scope !== undefined) parts.push('scope', route.scope);
  if (route.src !== undefined) parts.push('src', formatIp(route.src));
  if (route.metric !== 0) parts.push('metric', String(route.metric));
  if (route.onlink) parts.push('onlink');
  return parts.join(' ');
}

/** A routing table indexed by prefix length, so a lookup costs at most 33 map probes. */
export interface RouteTable {
  readonly prefixes: readonly number[];
  readonly byPrefix: ReadonlyMap<number, ReadonlyMap<number, readonly RouteEntry[]>>;
}

/** Indexes routes for `lookupRoute`. Entries keep their order inside a prefix (first wins on a metric tie). */
export function createRouteTable(routes: readonly RouteEntry[]): RouteTable {
  const byPrefix = new Map<number, Map<number, RouteEntry[]>>();
  for (const route of routes) {
    let bucket = byPrefix.get(route.dst.prefix);
    if (!bucket) byPrefix.set(route.dst.prefix, (bucket = new Map()));
    const list = bucket.get(route.dst.net);
    if (list) list.push(route);
    else bucket.set(route.dst.net, [route]);
  }
  return { prefixes: [...byPrefix.keys()].sort((a, b) => b - a), byPrefix };
}

/**
 * The kernel's choice for `ip route get <ip>`: the longest matching prefix, then the lowest
 * metric. `null` means "Network is unreachable" (no route, not even a default).
 * A `blackhole`/`unreachable` match is returned as such; the caller drops the packet.
 */
export function lookupRoute(table: RouteTable, ip: number): RouteEntry | null {
  for (const prefix of table.prefixes) {
    const list = table.byPrefix.get(prefix)?.get((ip & maskOf(prefix)) >>> 0);
    if (!list) continue;
    let best: RouteEntry | null = null;
    for (const route of list) if (best === null || route.metric < best.metric) best = route;
    return best;
  }
  return null;
}

/** Parses many lines at once; the first bad line fails the whole table. */
export function parseRouteTable(
  lines: readonly string[],
): { ok: true; value: RouteTable } | { ok: false; message: string } {
  const routes: RouteEntry[] = [];
  for (const line of lines) {
    const parsed = parseIpRoute(line);
    if (!parsed.ok) return parsed;
    routes.push(parsed.value);
  }
  return { ok: true, value: createRouteTable(routes) };
}
