/**
 * One routing decision as the tracer records it: the route that matched, the device and the
 * next hop, or a drop with a reason a student can act on.
 */
import { formatIp } from '../net/ipv4.ts';
import { formatIpRoute, lookupRoute, type RouteEntry, type RouteTable } from './route-table.ts';

export type NextHop =
  | {
      readonly kind: 'forward';
      readonly route: RouteEntry;
      readonly dev: string;
      /** The address whose MAC is needed: the gateway (`via`), or the destination itself on a connected route. */
      readonly nextHop: number;
      /** Human text: `route 10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink matched`. */
      readonly note: string;
    }
  | { readonly kind: 'drop'; readonly route: RouteEntry | null; readonly reason: string };

/**
 * Looks up `dst` in a node's (or pod's) table, as `ip route get` would. `where` names the
 * place for messages (e.g. `node/node-1`).
 */
export function resolveNextHop(table: RouteTable, dst: number, where: string): NextHop {
  const target = formatIp(dst);
  const route = lookupRoute(table, dst);
  if (!route) {
    return {
      kind: 'drop',
      route: null,
      reason: `no route to ${target} on ${where}: no entry of its routing table matches (Network is unreachable); add a route for the destination's range`,
    };
  }
  const line = formatIpRoute(route);
  if (route.type !== 'unicast') {
    return {
      kind: 'drop',
      route,
      reason: `route "${line}" on ${where} matched: the kernel discards packets to ${target} (${route.type}); no pod with this address is running on the node that owns the range`,
    };
  }
  if (route.dev === undefined) {
    return { kind: 'drop', route, reason: `route "${line}" on ${where} names no device` };
  }
  return { kind: 'forward', route, dev: route.dev, nextHop: route.via ?? dst, note: `route ${line} matched` };
}
