/**
 * What `ipam.ConfigureIface` leaves in the pod's routing table: the kernel's connected
 * route for each address, then each Result route (a route without gw uses the gateway).
 */
import { formatCidr, parseCidr4 } from '../net/ipv4.ts';
import type { RouteRow } from '../kernel/rows.ts';
import type { CniResult } from './spec-types.ts';

/** Pod routes derived from a Result, for the interface named `ifname`. */
export function configureIfaceRoutes(result: CniResult, ifname: string): RouteRow[] {
  const ifIndex = (result.interfaces ?? []).findIndex((i) => i.name === ifname && i.sandbox !== undefined);
  const ips = (result.ips ?? []).filter((ip) => ip.interface === undefined || ip.interface === ifIndex);
  const rows: RouteRow[] = [];
  for (const ip of ips) {
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
