/**
 * The Calico data plane (reference F): one IP pool cut into /26 blocks (calico-ipam), the
 * tunnel device per mode (tunl0 for ipip, vxlan.calico for vxlan, none for BGP-only),
 * blackhole routes for the node's own blocks, `proto bird` routes to remote blocks, and
 * natOutgoing — all derived from the IPAM state on demand.
 */
import { own } from '../util/dict.ts';
import { calicoCniPlugin, calicoIpamOf, calicoIpamPlugin, CALICO_IPAM_KEY } from '../cni/calico.ts';
import type { NetConfList } from '../cni/spec-types.ts';
import { randomMac } from '../cni/names.ts';
import { portmapPlugin } from '../cni/portmap.ts';
import { contains, formatCidr, formatIp, ipToNumber, parseCidr4, type Cidr4 } from '../net/ipv4.ts';
import type { JsonValue } from '../util/json.ts';
import type { KernelRows } from '../kernel/rows.ts';
import type { DataPlane } from './data-plane.ts';
import type { ClusterConfig, ClusterState, NodeState } from '../state/types.ts';
import { isHostNetworkPod } from '../state/host-network.ts';
import {
  calicoAutoAssignIn,
  calicoHostBlocks,
  calicoPoolHasRoom,
  calicoTunnelAddress,
  calicoTunnelHandle,
  calicoWorkloadHandle,
  createCalicoIpam,
  type CalicoIpamState,
} from './calico-ipam.ts';
import {
  CALICO_IPIP_DEVICE,
  CALICO_VXLAN_DEVICE,
  CALICO_VXLAN_PORT,
  CALICO_VXLAN_VNI,
  calicoConflist,
  calicoDefaultPool,
  calicoNatOutgoingRules,
  calicoNodeRows,
  calicoPodMtu,
  type CalicoMode,
} from './calico.ts';
import { calicoReleaseNodeIn, type HeldAddress } from './calico-reclaim.ts';
import { formatNatRule } from './nat-rules.ts';
import { natRowOf } from './node-lookup.ts';

/** The cluster's Calico mode. */
export function calicoMode(config: ClusterConfig): CalicoMode {
  return config.network.plugin === 'calico' ? (config.network.mode ?? 'ipip') : 'ipip';
}

const conflists = new Map<string, NetConfList>();

function conflistFor(node: string, mtu: number): NetConfList {
  const key = `${node}|${mtu}`;
  let c = conflists.get(key);
  if (c === undefined) {
    if (conflists.size > 20_000) conflists.clear();
    c = calicoConflist(node, mtu);
    conflists.set(key, c);
  }
  return c;
}

function ipamOf(state: ClusterState): CalicoIpamState | null {
  return calicoIpamOf(state.clusterData);
}

/** The node that owns the block containing `ip`. */
function blockOwner(state: ClusterState, ipam: CalicoIpamState, ip: number): NodeState | undefined {
  const idx = Math.floor((ip - ipam.pool.net) / 2 ** (32 - ipam.blockSize));
  const aff = ipam.blocks[String(idx)]?.affinity;
  return aff == null ? undefined : own(state.nodes, aff);
}

/**
 * Addresses a node's pods borrowed from blocks affine to other nodes. bird exports each as a
 * /32 (`10.10.0.3 via 10.0.0.13 dev tunl0 proto bird onlink` on every other node), more
 * specific than the owner's block route and its blackhole, so traffic reaches the borrower.
 */
function borrowedOn(state: ClusterState, node: NodeState, hostBlocks: readonly Cidr4[]): Cidr4[] {
  const out: Cidr4[] = [];
  for (const key of node.pods) {
    const pod = state.pods[key];
    // A hostNetwork pod holds the node's own IP, no pool address.
    const ip = pod === undefined || isHostNetworkPod(pod) ? null : pod.ip;
    if (ip == null) continue;
    const n = ipToNumber(ip);
    if (!hostBlocks.some((b) => contains(b, n))) out.push({ net: n, prefix: 32 });
  }
  return out;
}

/** The node whose pod holds `ip` from a block affine to another node (a borrowed address). */
function borrowerOf(state: ClusterState, ipam: CalicoIpamState, ip: number): NodeState | undefined {
  const owner = blockOwner(state, ipam, ip);
  const text = formatIp(ip);
  const holds = (k: string): boolean => {
    const p = state.pods[k];
    return p !== undefined && p.ip === text && !isHostNetworkPod(p);
  };
  if (owner !== undefined && owner.pods.some(holds)) return undefined;
  for (const name of state.nodeOrder) {
    const n = own(state.nodes, name);
    if (n !== undefined && n !== owner && n.pods.some(holds)) return n;
  }
  return undefined;
}

/** The Calico data plane. */
export const calicoDataPlane: DataPlane = {
  plugin: 'calico',
  defaultClusterCIDR: '192.168.0.0/16',
  defaultClusterCIDRFor: (underlay) =>
    formatCidr(calicoDefaultPool([parseCidr4(underlay)]) ?? parseCidr4('172.31.0.0/16')),
  ipam: 'cluster',
  cniPlugins: [calicoCniPlugin, calicoIpamPlugin, portmapPlugin],
  conflist(config, node) {
    return {
      ok: true,
      fileName: '10-calico.conflist',
      conflist: conflistFor(node.name, calicoPodMtu(calicoMode(config), node.underlayMtu)),
    };
  },
  onNodeReady({ host, config, random, clusterData }) {
    if (calicoIpamOf(clusterData) === null)
      clusterData[CALICO_IPAM_KEY] = createCalicoIpam({
        pool: parseCidr4(config.clusterCIDR),
      }) as unknown as JsonValue;
    const mode = calicoMode(config);
    if (mode !== 'none') {
      // In place in the batch's clusterData: a join costs the same in a 5,000-node cluster.
      const r = calicoAutoAssignIn(
        clusterData,
        CALICO_IPAM_KEY,
        host.name,
        calicoTunnelHandle(mode, host.name),
      );
      if (r.ok) {
        const name = mode === 'ipip' ? CALICO_IPIP_DEVICE : CALICO_VXLAN_DEVICE;
        host.devices[name] = {
          name,
          kind: mode === 'ipip' ? 'ipip' : 'vxlan',
          index: own(host.devices, name)?.index ?? host.nextIfIndex++,
          mac: mode === 'ipip' ? '00:00:00:00:00:00' : randomMac(random),
          mtu: calicoPodMtu(mode, host.underlayMtu),
          addresses: [`${formatIp(r.ip)}/32`],
          up: true,
          link: 'eth0',
        };
      }
    }
  },
  onNodeRemoved({ node, pods, config, clusterData, event, mayUnblock }) {
    if (calicoIpamOf(clusterData) === null) return;
    const held: HeldAddress[] = [];
    for (const pod of pods)
      if (pod.sandbox !== undefined)
        held.push({
          handle: calicoWorkloadHandle(pod.sandbox.containerId),
          ...(pod.ip !== null ? { ip: ipToNumber(pod.ip) } : {}),
        });
    const mode = calicoMode(config);
    const tunnel = node.devices[mode === 'ipip' ? CALICO_IPIP_DEVICE : CALICO_VXLAN_DEVICE]?.addresses[0];
    if (mode !== 'none' && tunnel !== undefined)
      held.push({ handle: calicoTunnelHandle(mode, node.name), ip: ipToNumber(tunnel.split('/')[0] ?? '') });
    const r = calicoReleaseNodeIn(clusterData, CALICO_IPAM_KEY, node.name, held);
    if (r.addresses === 0 && r.blocksFreed.length === 0 && r.blocksOrphaned.length === 0) return;
    const freed = r.blocksFreed.length > 0 ? `; block ${r.blocksFreed.join(', ')} back to the pool` : '';
    const kept =
      r.blocksOrphaned.length > 0
        ? `; block ${r.blocksOrphaned.join(', ')} loses its affinity and goes when the addresses other nodes borrowed there are freed`
        : '';
    event(
      `Normal IPAMReleased node/${node.name}: calico-kube-controllers released ${r.addresses} IP address(es) of the deleted node (its pods and tunnel)${freed}${kept}`,
    );
    mayUnblock();
  },
  ipamHasRoom(clusterData) {
    const ipam = calicoIpamOf(clusterData);
    return ipam === null || calicoPoolHasRoom(ipam);
  },
  nodeRows(state, node, focus) {
    const ipam = ipamOf(state);
    if (ipam === null) return {};
    const mode = calicoMode(state.config);
    const remotes: NodeState[] = [];
    const borrower = focus === undefined ? undefined : borrowerOf(state, ipam, focus);
    if (focus !== undefined) {
      const owner = blockOwner(state, ipam, focus);
      if (owner !== undefined && owner.name !== node.name) remotes.push(owner);
      if (borrower !== undefined && borrower.name !== node.name && borrower !== owner) remotes.push(borrower);
    } else
      for (const n of state.nodeOrder) {
        const remote = own(state.nodes, n);
        if (n !== node.name && remote !== undefined) remotes.push(remote);
      }
    const rows = calicoNodeRows(
      mode,
      calicoHostBlocks(ipam, node.name),
      remotes.map((r) => {
        const tunnelIp = calicoTunnelAddress(ipam, r.name);
        const mac = own(r.devices, CALICO_VXLAN_DEVICE)?.mac;
        const hostBlocks = calicoHostBlocks(ipam, r.name);
        const blocks =
          focus === undefined
            ? [...hostBlocks, ...borrowedOn(state, r, hostBlocks)]
            : r === borrower
              ? [{ net: focus, prefix: 32 }]
              : [parseCidr4(`${formatIp(focus)}/${ipam.blockSize}`)];
        return {
          nodeIp: parseCidr4(r.ip).net,
          blocks,
          ...(tunnelIp !== null ? { tunnelIp } : {}),
          ...(mac !== undefined ? { tunnelMac: mac } : {}),
        };
      }),
    );
    const pools = [ipam.pool];
    const out: Partial<KernelRows> = {
      routes: [...rows.routes],
      neigh: [...rows.neigh],
      fdb: [...rows.fdb],
      natChains: ['cali-POSTROUTING', 'cali-nat-outgoing'],
      nat: calicoNatOutgoingRules(pools).map((r) => natRowOf(formatNatRule(r))),
      ipsets: [
        { name: 'cali40masq-ipam-pools', members: pools.map(formatCidr) },
        { name: 'cali40all-ipam-pools', members: pools.map(formatCidr) },
      ],
    };
    return out;
  },
  tunnel(_state, _from, _to, device) {
    if (device === CALICO_IPIP_DEVICE) return { kind: 'ipip' };
    if (device === CALICO_VXLAN_DEVICE)
      return { kind: 'vxlan', vni: CALICO_VXLAN_VNI, port: CALICO_VXLAN_PORT };
    return undefined;
  },
};
