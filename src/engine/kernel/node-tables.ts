/**
 * A node's kernel tables, derived on demand from the state: the base system (lo, eth0,
 * default route), devices plugins created, per-pod rows from the CNI plugins, the data
 * plane's rows and the student's static routes.
 */
import { own } from '../util/dict.ts';
import { hostLocalFiles } from '../cni/host-local.ts';
import { sandboxResult } from '../cni/packed-result.ts';
import { bridgeMacOf } from '../cni/bridge.ts';
import { dataPlaneFor } from '../dataplanes/registry.ts';
import { formatCidr, parseCidr4 } from '../net/ipv4.ts';
import type { ClusterState, NodeState } from '../state/types.ts';
import { chainOf, nodeConflist } from './conflist-of.ts';
import { formatBridgeFdb, formatIpAddr, formatIpNeigh, formatIpRoute, formatIptablesNat } from './format.ts';
import { HOSTPORT_SHARED_RULES } from '../cni/portmap.ts';
import { kernelFdb } from './fdb-rows.ts';
import { kernelNeighOrder, learnedNeighRows } from './neigh-rows.ts';
import { emptyRows, mergeRows, type FileRow, type Iface, type KernelRows, type NatRow } from './rows.ts';

/** A node's tables as a student would print them. */
export interface NodeTables {
  interfaces: Iface[];
  ipAddr: string;
  ipRoute: string[];
  ipNeigh: string[];
  bridgeFdb: string[];
  iptablesNat: string[];
  files: FileRow[];
}

/** The MAC the simulated underlay gateway answers ARP with. */
export const UNDERLAY_GATEWAY_MAC = '52:54:00:12:35:02';

/**
 * All rows of a node, structured (the tracer reads these). With `focus` (a destination IP)
 * the data plane adds only the per-remote rows that can match it, and files are left out.
 */
export function nodeRows(state: ClusterState, node: NodeState, focus?: number): KernelRows {
  const rows = emptyRows();
  const underlay = parseCidr4(state.config.underlayCIDR);
  rows.interfaces.push(
    {
      name: 'lo',
      index: 1,
      mac: '00:00:00:00:00:00',
      mtu: 65536,
      addresses: ['127.0.0.1/8'],
      kind: 'loopback',
      state: 'UNKNOWN',
    },
    {
      name: 'eth0',
      index: 2,
      mac: node.mac,
      mtu: node.underlayMtu,
      addresses: [`${node.ip}/${underlay.prefix}`],
      kind: 'ethernet',
      state: 'UP',
    },
  );
  rows.routes.push(
    { dst: 'default', via: state.config.underlayGateway, dev: 'eth0' },
    { dst: formatCidr(underlay), dev: 'eth0', proto: 'kernel', scope: 'link', src: node.ip },
  );
  for (const d of Object.values(node.devices)) {
    // A bridge nobody pinned shows its lowest port's MAC; its link-local keeps the first one.
    const mac = d.ports === undefined ? d.mac : bridgeMacOf(d);
    rows.interfaces.push({
      name: d.name,
      index: d.index,
      mac,
      ...(mac === d.mac ? {} : { linkLocalMac: d.mac }),
      mtu: d.mtu,
      addresses: [...d.addresses],
      kind: d.kind,
      // A VXLAN (or IP-in-IP) device has no carrier of its own: the kernel reports UNKNOWN.
      state: !d.up ? 'DOWN' : d.kind === 'vxlan' || d.kind === 'ipip' ? 'UNKNOWN' : 'UP',
    });
    for (const a of d.addresses) {
      const c = parseCidr4(a);
      if (c.prefix < 32 && d.up)
        rows.routes.push({
          dst: formatCidr(c),
          dev: d.name,
          proto: 'kernel',
          scope: 'link',
          src: a.split('/')[0] ?? a,
        });
    }
    // Its own entry (a pinned MAC); an unpinned bridge's MAC is a port's, whose entry that is.
    if (d.kind === 'bridge' && d.ports === undefined)
      rows.fdb.push({ mac: d.mac, dev: d.name, master: d.name, permanent: true });
  }
  const conf = nodeConflist(state, node);
  if (conf.ok && focus === undefined) {
    rows.files.push({
      path: `/etc/cni/net.d/${conf.fileName}`,
      content: `${JSON.stringify(conf.conflist, null, 2)}\n`,
    });
  }
  if (conf.ok) {
    const chain = chainOf(conf.conflist);
    for (const key of node.pods) {
      const pod = own(state.pods, key);
      if (pod?.sandbox === undefined) continue;
      const result = sandboxResult(pod.sandbox);
      for (const { plugin, conf: c } of chain) {
        const extra = plugin?.hostRows?.({ pod, sandbox: pod.sandbox, result, conf: c, node });
        if (extra !== undefined) mergeRows(rows, extra);
      }
    }
  }
  for (const r of node.staticRoutes) rows.routes.push({ dst: r.dst, via: r.via, dev: r.dev });
  const dp = dataPlaneFor(state.config.network.plugin);
  const extra = dp?.nodeRows?.(state, node, focus);
  if (extra !== undefined) mergeRows(rows, extra);
  rows.nat = withoutRepeatedSharedRules(rows.nat);
  noCarrierBridges(rows);
  dropRoutesOfMissingLinks(rows);
  // The tracer resolves next hops from their owners, never from what traffic taught.
  if (focus !== undefined) return rows;
  rows.neigh.push(...learnedNeighRows(state, node.name, undefined, rows.neigh));
  rows.fdb = kernelFdb(rows.interfaces, rows.fdb);
  for (const [net, store] of Object.entries(node.ipam)) {
    const dir = `/var/lib/cni/networks/${net}`;
    for (const [ip, content] of Object.entries(hostLocalFiles(store)))
      rows.files.push({ path: `${dir}/${ip}`, content });
    for (const [idx, ip] of Object.entries(store.lastReserved))
      rows.files.push({ path: `${dir}/last_reserved_ip.${idx}`, content: ip });
    rows.files.push({ path: `${dir}/lock`, content: '' });
  }
  return rows;
}

/** A bridge without ports has no carrier: `NO-CARRIER`, state DOWN, its connected routes `linkdown`. */
function noCarrierBridges(rows: KernelRows): void {
  for (const [n, i] of rows.interfaces.entries()) {
    if (i.kind !== 'bridge' || i.state !== 'UP' || rows.interfaces.some((p) => p.master === i.name)) continue;
    rows.interfaces[n] = { ...i, state: 'DOWN', noCarrier: true };
    rows.routes = rows.routes.map((r) =>
      r.dev === i.name && r.proto === 'kernel' ? { ...r, linkdown: true } : r,
    );
  }
}

/** portmap's shared rules are ensured once per node, however many hostPort pods it runs. */
function withoutRepeatedSharedRules(nat: NatRow[]): NatRow[] {
  const shared = new Set<NatRow>(HOSTPORT_SHARED_RULES);
  if (!nat.some((r) => shared.has(r))) return nat;
  const seen = new Set<NatRow>();
  return nat.filter((r) => {
    if (!shared.has(r)) return true;
    if (seen.has(r)) return false;
    seen.add(r);
    return true;
  });
}

/**
 * The kernel flushes a link's routes when the link is deleted (`ip link delete tunl0`): a
 * data plane's route through a device the student removed is not in the table either.
 */
function dropRoutesOfMissingLinks(rows: KernelRows): void {
  let missing = false;
  const links = new Set<string>();
  for (const i of rows.interfaces) links.add(i.name);
  for (const r of rows.routes) if (r.dev !== undefined && !links.has(r.dev)) missing = true;
  if (missing) rows.routes = rows.routes.filter((r) => r.dev === undefined || links.has(r.dev));
}

/** `nodeTables`: the printed tables of one node, or null for an unknown node. */
export function nodeTables(state: ClusterState, nodeName: string): NodeTables | null {
  const node = own(state.nodes, nodeName);
  if (node === undefined) return null;
  const rows = nodeRows(state, node);
  return {
    interfaces: rows.interfaces,
    ipAddr: formatIpAddr(rows.interfaces),
    ipRoute: formatIpRoute(rows.routes),
    ipNeigh: formatIpNeigh(kernelNeighOrder(rows.neigh, node.mac)),
    bridgeFdb: formatBridgeFdb(rows.fdb),
    iptablesNat: formatIptablesNat(rows.natChains, rows.nat),
    files: rows.files,
  };
}
