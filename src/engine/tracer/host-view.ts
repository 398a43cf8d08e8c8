/**
 * What the tracer reads on one node: its derived rows (focused on the destination, so a
 * 5,000-node cluster yields a handful of per-remote rows), an indexed routing table and
 * lookups for interfaces, neighbours, bridge FDB entries and the pods behind host ports.
 */
import { own } from '../util/dict.ts';
import { sandboxExtraIps, sandboxPodMac } from '../cni/packed-result.ts';
import { ipToNumber, parseCidr4 } from '../net/ipv4.ts';
import { nodeRows } from '../kernel/node-tables.ts';
import type { Iface, KernelRows, NeighRow, RouteRow } from '../kernel/rows.ts';
import { isHostNetworkPod } from '../state/host-network.ts';
import type { ClusterState, NodeState, PodState } from '../state/types.ts';
import { createRouteTable, type RouteEntry, type RouteTable } from './route-table.ts';

/** One node as the tracer sees it. */
export interface HostView {
  readonly node: NodeState;
  readonly rows: KernelRows;
  readonly table: RouteTable;
  readonly ifaces: ReadonlyMap<string, Iface>;
}

/** A RouteRow (as the tables print it) as a RouteEntry for the longest-prefix match. */
export function toRouteEntry(r: RouteRow): RouteEntry {
  const dst = r.dst === 'default' ? { net: 0, prefix: 0 } : parseCidr4(r.dst);
  return {
    type: r.type ?? 'unicast',
    dst,
    ...(r.via !== undefined ? { via: ipToNumber(r.via) } : {}),
    ...(r.dev !== undefined ? { dev: r.dev } : {}),
    ...(r.proto !== undefined ? { proto: r.proto } : {}),
    ...(r.scope !== undefined ? { scope: r.scope } : {}),
    ...(r.src !== undefined ? { src: ipToNumber(r.src) } : {}),
    metric: r.metric ?? 0,
    onlink: r.onlink === true,
  };
}

/** Builds a table from route rows. */
export function routeTableOf(routes: readonly RouteRow[]): RouteTable {
  return createRouteTable(routes.map(toRouteEntry));
}

/** The node's view for packets to `focus`. */
export function hostView(state: ClusterState, node: NodeState, focus: number): HostView {
  const rows = nodeRows(state, node, focus);
  const ifaces = new Map<string, Iface>();
  for (const i of rows.interfaces) ifaces.set(i.name, i);
  return { node, rows, table: routeTableOf(rows.routes), ifaces };
}

/** The neighbour entry for `ip` on `dev`. */
export function neighOf(view: HostView, ip: string, dev: string): NeighRow | undefined {
  return view.rows.neigh.find((n) => n.ip === ip && n.dev === dev);
}

/** Does the host own `ip` on one of its interfaces? Returns the interface. */
export function localIface(view: HostView, ip: string): Iface | undefined {
  for (const i of view.rows.interfaces) for (const a of i.addresses) if (a.split('/')[0] === ip) return i;
  return undefined;
}

/** The host interface that is the peer of a running pod's eth0 (its veth). */
export function hostPeerOf(view: HostView, pod: PodState): Iface | undefined {
  const idx = pod.sandbox?.hostIfIndex ?? 0;
  if (idx <= 0) return undefined;
  return view.rows.interfaces.find((i) => i.index === idx && i.kind === 'veth');
}

/** Whether a running pod-network pod holds `ip`: its address, or one of a further range set. */
export function podHoldsIp(p: PodState, ip: string): boolean {
  if (p.phase !== 'Running' || isHostNetworkPod(p)) return false;
  return p.ip === ip || sandboxExtraIps(p.sandbox).includes(ip);
}

/** The running pod on this node with address `ip`, if any (a hostNetwork pod's address is the node's). */
export function podOnNode(state: ClusterState, node: NodeState, ip: string): PodState | undefined {
  for (const key of node.pods) {
    const p = own(state.pods, key);
    if (p !== undefined && podHoldsIp(p, ip)) return p;
  }
  return undefined;
}

/** The pod's MAC (its eth0 in the CNI Result). */
export function podMac(pod: PodState): string {
  return sandboxPodMac(pod.sandbox);
}
