/**
 * What `ipam.ConfigureIface` leaves in the pod's routing table: the kernel's connected
 * route for each primary address, then each Result route (a route without gw uses the
 * first address's gateway); and the error it stops with when the kernel refuses a route.
 */
import { formatCidr, ipToNumber, maskOf, parseCidr4 } from '../net/ipv4.ts';
import type { RouteRow } from '../kernel/rows.ts';
import { isSecondaryAddress } from '../kernel/format.ts';
import type { CniIpConfig, CniResult, CniRoute } from './spec-types.ts';

/** Pod routes derived from a Result, for the interface named `ifname`. */
export function configureIfaceRoutes(result: CniResult, ifname: string): RouteRow[] {
  const ifIndex = (result.interfaces ?? []).findIndex((i) => i.name === ifname && i.sandbox !== undefined);
  const ips = (result.ips ?? []).filter((ip) => ip.interface === undefined || ip.interface === ifIndex);
  const rows: RouteRow[] = [];
  const addresses = ips.map((ip) => ip.address);
  for (let i = 0; i < ips.length; i++) {
    const ip = ips[i] as CniIpConfig;
    if (ips.length > 1 && isSecondaryAddress(addresses, i)) continue;
    const src = ip.address.split('/')[0] ?? ip.address;
    rows.push({ dst: formatCidr(parseCidr4(ip.address)), dev: ifname, proto: 'kernel', scope: 'link', src });
  }
  const gw = ips[0]?.gateway;
  for (const r of result.routes ?? []) {
    const via = r.gw ?? gw;
    const dst = r.dst === '0.0.0.0/0' ? 'default' : r.dst;
    rows.push(via === undefined ? { dst, dev: ifname } : { dst, via, dev: ifname });
  }
  return rows;
}

/** The address part of `a.b.c.d/n` as a number, without slicing (checked per pod). */
function addressNumber(cidr: string): number {
  let n = 0;
  let part = 0;
  for (let i = 0; i < cidr.length; i++) {
    const c = cidr.charCodeAt(i);
    if (c === 47) break;
    if (c === 46) {
      n = n * 256 + part;
      part = 0;
    } else part = part * 10 + (c - 48);
  }
  return (n * 256 + part) >>> 0;
}

function prefixNumber(cidr: string): number {
  const slash = cidr.indexOf('/');
  if (slash < 0) return 32;
  let n = 0;
  for (let i = slash + 1; i < cidr.length; i++) n = n * 10 + (cidr.charCodeAt(i) - 48);
  return n;
}

/**
 * A route's destination as Go prints the `net.IPNet` value (`%v` of a struct: `{IP mask}`):
 * a route read from JSON has a 4-byte mask; the default route bridge's `calcGateways` adds
 * has `net.IPMask(net.IPv4zero)`, 16 bytes.
 */
function goIpNet(dst: string, addedByBridge: boolean): string {
  const slash = dst.indexOf('/');
  const ip = slash < 0 ? dst : dst.slice(0, slash);
  if (addedByBridge) return `{${ip} 00000000000000000000ffff00000000}`;
  return `{${ip} ${maskOf(prefixNumber(dst)).toString(16).padStart(8, '0')}}`;
}

function routeFailed(r: CniRoute, added: boolean, gw: string, ifname: string, why: string): string {
  return `failed to add route '${goIpNet(r.dst, added)} via ${gw} dev ${ifname}': ${why}`;
}

/**
 * The error `ConfigureIface` returns for these IPs and routes on `ifname`, or undefined:
 * a gateway outside every connected subnet of the interface (`network is unreachable`), or a
 * route the table already has with the same gateway (`file exists`). Routes from index
 * `addedFrom` on were appended by the bridge plugin (its default route).
 */
export function configureIfaceError(
  ips: readonly CniIpConfig[],
  routes: readonly CniRoute[],
  addedFrom: number,
  ifname: string,
): string | undefined {
  if (routes.length === 0) return undefined;
  const v4gw = ips[0]?.gateway;
  for (let i = 0; i < routes.length; i++) {
    const r = routes[i] as CniRoute;
    const gw = r.gw ?? v4gw;
    if (gw === undefined) continue;
    const g = ipToNumber(gw);
    let onLink = false;
    for (const ip of ips) {
      const prefix = prefixNumber(ip.address);
      if (prefix < 32 && (g & maskOf(prefix)) >>> 0 === (addressNumber(ip.address) & maskOf(prefix)) >>> 0)
        onLink = true;
    }
    if (!onLink) return routeFailed(r, i >= addedFrom, gw, ifname, 'network is unreachable');
    for (let j = 0; j < i; j++) {
      const e = routes[j] as CniRoute;
      if (e.dst === r.dst && (e.gw ?? v4gw) === gw)
        return routeFailed(r, i >= addedFrom, gw, ifname, 'file exists');
    }
  }
  return undefined;
}
