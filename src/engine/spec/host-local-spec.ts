/**
 * host-local's options as a cluster spec writes them (`network.ipam`, `nodes[].ipam`): their
 * shape, and every check of `Range.Canonicalize`, `RangeSet.Canonicalize` and
 * `LoadIPAMConfig` (containernetworking/plugins `plugins/ipam/host-local/backend/allocator`)
 * that does not depend on the node, with upstream's words. A range without `subnet` is the
 * node's podCIDR: what depends on that block is checked by host-local on the node, as the
 * real plugin does, and the bridge data plane checks it against the cluster.
 */
import { formatIp, lastOf, maskOf, parseCidr, parseIpv4 } from '../net/ipv4.ts';
import type { HostLocalIpamSpec, HostLocalRangeSpec } from '../state/types.ts';
import type { Problem } from './result.ts';
import { arrayOf, at, object, opt, req, str, type Check } from './validate.ts';

function shown(s: string): string {
  return JSON.stringify(s.length > 80 ? `${s.slice(0, 77)}...` : s);
}

/** A dotted quad as Go's `net.ParseIP` reads it (no leading zeros). */
const ipv4: Check<string> = (v, path, problems) => {
  const s = str()(v, path, problems);
  if (s === undefined) return undefined;
  if (parseIpv4(s) !== null) return s;
  problems.push({ path, message: `expected an IPv4 address (a.b.c.d), got ${shown(s)}` });
  return undefined;
};

const cidr: Check<string> = (v, path, problems) => {
  const s = str()(v, path, problems);
  if (s === undefined) return undefined;
  if (parseCidr(s) !== null) return s;
  problems.push({ path, message: `expected an IPv4 CIDR (a.b.c.d/n), got ${shown(s)}` });
  return undefined;
};

const range: Check<HostLocalRangeSpec> = object({
  subnet: opt(cidr),
  rangeStart: opt(ipv4),
  rangeEnd: opt(ipv4),
  gateway: opt(ipv4),
});

const shape = object({
  ranges: opt(arrayOf(arrayOf(range))),
  routes: opt(arrayOf(object({ dst: req(cidr), gw: opt(ipv4) }))),
});

/** A range's bounds as host-local computes them; for a podCIDR range, the given ones (±∞ when unset). */
interface Bounds {
  explicit: boolean;
  start: number;
  end: number;
}

/** `Range.Canonicalize` of a range with its subnet, reporting at the field; bounds, or null. */
function canonical(r: HostLocalRangeSpec, path: string, problems: Problem[]): Bounds | null {
  const start = r.rangeStart === undefined ? null : (parseIpv4(r.rangeStart) as number);
  const end = r.rangeEnd === undefined ? null : (parseIpv4(r.rangeEnd) as number);
  if (r.subnet === undefined) {
    if (start !== null && end !== null && start > end) {
      problems.push({
        path: at(path, 'rangeStart'),
        message: `RangeStart ${r.rangeStart ?? ''} comes after rangeEnd ${r.rangeEnd ?? ''} (host-local: "RangeStart ${r.rangeStart ?? ''} not in network <podCIDR>")`,
      });
      return null;
    }
    return { explicit: false, start: start ?? -Infinity, end: end ?? Infinity };
  }
  const slash = r.subnet.indexOf('/');
  const ip = parseIpv4(r.subnet.slice(0, slash)) as number;
  const c = parseCidr(r.subnet) as NonNullable<ReturnType<typeof parseCidr>>;
  if (c.prefix > 30) {
    problems.push({ path: at(path, 'subnet'), message: `Network ${r.subnet} too small to allocate from` });
    return null;
  }
  if (c.net !== ip) {
    problems.push({
      path: at(path, 'subnet'),
      message: `Network has host bits set. For a subnet mask of length ${c.prefix} the network address is ${formatIp(c.net)}`,
    });
    return null;
  }
  const net = `${formatIp(c.net)}/${c.prefix}`;
  const inNet = (n: number): boolean => (n & maskOf(c.prefix)) >>> 0 === c.net;
  const last = lastOf(c);
  if (start !== null && (!inNet(start) || (end !== null && start > end))) {
    const after = inNet(start) ? ` (it comes after rangeEnd ${r.rangeEnd ?? ''})` : '';
    problems.push({
      path: at(path, 'rangeStart'),
      message: `RangeStart ${r.rangeStart ?? ''} not in network ${net}${after}`,
    });
    return null;
  }
  const first = start ?? c.net + 1;
  if (end !== null && (!inNet(end) || end < first)) {
    problems.push({
      path: at(path, 'rangeEnd'),
      message: `RangeEnd ${r.rangeEnd ?? ''} not in network ${net}`,
    });
    return null;
  }
  if (end === null && first > last - 1) {
    problems.push({
      path: at(path, 'rangeStart'),
      message: `RangeStart ${r.rangeStart ?? ''} is the broadcast address of ${net}, after host-local's default rangeEnd ${formatIp(last - 1)}: give a rangeEnd`,
    });
    return null;
  }
  return { explicit: true, start: first, end: end ?? last - 1 };
}

/** Whether two ranges can be compared here (both with a subnet, or both in the podCIDR) and overlap. */
function overlap(a: Bounds, b: Bounds): boolean {
  return a.explicit === b.explicit && a.start <= b.end && b.start <= a.end;
}

function rangeText(b: Bounds): string {
  return `${formatIp(b.start)}-${formatIp(b.end)}`;
}

function checkRanges(sets: HostLocalRangeSpec[][], path: string, problems: Problem[]): void {
  if (sets.length === 0) {
    problems.push({ path, message: 'no IP ranges specified: give at least one range set' });
    return;
  }
  const bounds: (Bounds | null)[][] = [];
  sets.forEach((set, s) => {
    const setPath = at(path, s);
    if (set.length === 0) problems.push({ path: setPath, message: 'empty range set' });
    const list = set.map((r, i) => canonical(r, at(setPath, i), problems));
    bounds.push(list);
    // RangeSet.Canonicalize: the first range each later one overlaps.
    for (let j = 1; j < list.length; j++) {
      const b = list[j];
      for (let i = 0; i < j && b != null; i++) {
        const a = list[i];
        if (a == null || !overlap(a, b)) continue;
        problems.push({
          path: at(setPath, j),
          message: a.explicit
            ? `subnets ${rangeText(a)} and ${rangeText(b)} overlap`
            : `overlaps range ${i} of this set: both take addresses from the node's podCIDR (host-local: "subnets … overlap")`,
        });
        break;
      }
    }
  });
  // LoadIPAMConfig: range sets must not overlap either.
  for (let y = 1; y < bounds.length; y++)
    for (let x = 0; x < y; x++) {
      const hit = (bounds[x] ?? []).some(
        (a) => a != null && (bounds[y] ?? []).some((b) => b != null && overlap(a, b)),
      );
      if (hit) {
        problems.push({ path: at(path, y), message: `range set ${x} overlaps with ${y}` });
        break;
      }
    }
}

/**
 * host-local options in a cluster spec or an addNode command: `ranges` (a list of range
 * sets, each a list of `{ subnet?, rangeStart?, rangeEnd?, gateway? }`) and `routes`
 * (`[{ dst, gw? }]`).
 */
export const hostLocalIpam: Check<HostLocalIpamSpec> = (v, path, problems) => {
  const spec = shape(v, path, problems);
  if (spec === undefined) return undefined;
  const before = problems.length;
  if (spec.ranges !== undefined) checkRanges(spec.ranges, at(path, 'ranges'), problems);
  (spec.routes ?? []).forEach((r, i) => {
    const c = parseCidr(r.dst) as NonNullable<ReturnType<typeof parseCidr>>;
    const written = r.dst.slice(0, r.dst.indexOf('/'));
    if (parseIpv4(written) !== c.net)
      problems.push({
        path: at(at(at(path, 'routes'), i), 'dst'),
        message: `${r.dst} has host bits set: host-local hands the route on as written and the kernel refuses it (invalid argument); write ${formatIp(c.net)}/${c.prefix}`,
      });
  });
  return problems.length === before ? spec : undefined;
};
