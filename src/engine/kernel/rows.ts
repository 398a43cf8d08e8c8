/**
 * Kernel table rows, structured; `format.ts` prints them as iproute2/iptables do.
 */
import type { IfaceKind } from '../state/types.ts';

/** An interface as `ip addr` shows it. */
export interface Iface {
  name: string;
  index: number;
  mac: string;
  mtu: number;
  addresses: string[];
  kind: IfaceKind;
  state: 'UP' | 'DOWN' | 'UNKNOWN';
  /** Up but without carrier (a bridge with no ports): `NO-CARRIER`, state DOWN. */
  noCarrier?: true;
  /** The MAC its IPv6 link-local address was made from, when it is not `mac` any more. */
  linkLocalMac?: string;
  master?: string;
  /** veths: the other end, `pod/<key>` or a host interface name. */
  peer?: string;
  /** The peer's ifindex, printed as `@ifN`. */
  peerIndex?: number;
  /** veths: the peer's netns name (host side prints `link-netns`). */
  linkNetns?: string;
  hairpin?: boolean;
  /** macvlan: its parent and mode. */
  parent?: string;
  mode?: string;
}

/** A route in the main table. */
export interface RouteRow {
  dst: string;
  via?: string;
  dev?: string;
  proto?: string;
  scope?: 'link' | 'host';
  src?: string;
  onlink?: boolean;
  /** Its device has no carrier. */
  linkdown?: true;
  type?: 'blackhole' | 'unreachable';
  metric?: number;
}

/** A neighbour entry (`mac` is empty for one nobody answered: INCOMPLETE, FAILED). */
export interface NeighRow {
  ip: string;
  dev: string;
  mac: string;
  state: 'PERMANENT' | 'REACHABLE' | 'STALE' | 'DELAY' | 'INCOMPLETE' | 'FAILED';
}

/** A bridge FDB entry. */
export interface FdbRow {
  mac: string;
  dev: string;
  master?: string;
  dst?: string;
  vlan?: number;
  self?: boolean;
  permanent?: boolean;
}

/** iptables nat rules: chains to create and `-A` rules. */
export interface NatRow {
  chain: string;
  rule: string;
}

/** An ipset (`ipset list`): its name and member CIDRs. */
export interface IpsetRow {
  name: string;
  members: string[];
}

/** A file on the host. */
export interface FileRow {
  path: string;
  content: string;
}

/** Rows contributed to a host's tables by the base system, a plugin or a data plane. */
export interface KernelRows {
  interfaces: Iface[];
  routes: RouteRow[];
  neigh: NeighRow[];
  fdb: FdbRow[];
  natChains: string[];
  nat: NatRow[];
  ipsets: IpsetRow[];
  files: FileRow[];
}

/** An empty set of rows. */
export function emptyRows(): KernelRows {
  return { interfaces: [], routes: [], neigh: [], fdb: [], natChains: [], nat: [], ipsets: [], files: [] };
}

/** Appends `extra` into `into` (mutating the accumulator). */
export function mergeRows(into: KernelRows, extra: Partial<KernelRows>): KernelRows {
  if (extra.interfaces) into.interfaces.push(...extra.interfaces);
  if (extra.routes) into.routes.push(...extra.routes);
  if (extra.neigh) into.neigh.push(...extra.neigh);
  if (extra.fdb) into.fdb.push(...extra.fdb);
  if (extra.natChains) into.natChains.push(...extra.natChains);
  if (extra.nat) into.nat.push(...extra.nat);
  if (extra.ipsets) into.ipsets.push(...extra.ipsets);
  if (extra.files) into.files.push(...extra.files);
  return into;
}
