/**
 * The Weave Net data plane (reference G; archived upstream): one flat L2 network over
 * 10.32.0.0/12 split among the peers, the `weave` bridge on every node, and between peers
 * fastdp (VXLAN on UDP 6784, VNI from the peers' short ids) or sleeve (UDP 6783). Remote
 * pods are reached at layer 2: they answer ARP themselves (`podOnSharedLink`; the kernels
 * learn those neighbours from traffic) and the FDB rows for them are derived on demand.
 */
import { dict, own } from '../util/dict.ts';
import type { NetConfList } from '../cni/spec-types.ts';
import { podKeysAt } from '../state/pod-index.ts';
import { randomMac } from '../cni/names.ts';
import { sandboxPodMac } from '../cni/packed-result.ts';
import { portmapPlugin } from '../cni/portmap.ts';
import { weaveIpamOf, weaveNetPlugin, WEAVE_IPAM_KEY } from '../cni/weave-net.ts';
import { formatIp, ipToNumber, lastOf, parseCidr4 } from '../net/ipv4.ts';
import type { JsonValue } from '../util/json.ts';
import type { Iface, KernelRows } from '../kernel/rows.ts';
import type { DataPlane } from './data-plane.ts';
import type { ClusterConfig, ClusterState, NodeState } from '../state/types.ts';
import { formatNatRule } from './nat-rules.ts';
import { natRowOf } from './node-lookup.ts';
import {
  WEAVE_BRIDGE,
  WEAVE_FASTDP_PORT,
  WEAVE_MTU,
  WEAVE_SLEEVE_PORT,
  weaveDevices,
  weaveEncap,
  weaveConflist,
  weaveNatRules,
  type WeaveMode,
} from './weave.ts';
import { createWeaveIpam, weaveAllocateIn, weaveJoin, weaveRmpeer } from './weave-ipam.ts';

/** The conflist every Weave node gets (one object, so the runtime's caches hit). */
const WEAVE_CONFLIST: NetConfList = weaveConflist();

/** The cluster's Weave encapsulation. */
export function weaveMode(config: ClusterConfig): WeaveMode {
  return config.network.plugin === 'weave' ? (config.network.encapsulation ?? 'fastdp') : 'fastdp';
}

function shortId(state: ClusterState, node: NodeState): number {
  return state.nodeOrder.indexOf(node.name) + 1;
}

/** The devices besides the bridge (datapath, vethwe-*, vxlan-6784 or vethwe-pcap). */
function extraDevices(mode: WeaveMode): ReturnType<typeof weaveDevices> {
  return weaveDevices(mode).filter((d) => d.name !== WEAVE_BRIDGE);
}

function extraIfaces(node: NodeState, mode: WeaveMode): Iface[] {
  const data = node.pluginData['weave'] as Record<string, JsonValue> | undefined;
  const first = Number(data?.['firstIndex'] ?? 0);
  const macs = Array.isArray(data?.['macs']) ? data['macs'] : [];
  return extraDevices(mode).map((d, i) => ({
    name: d.name,
    index: first + i,
    mac: typeof macs[i] === 'string' ? macs[i] : '',
    mtu: d.mtu,
    addresses: [],
    kind: d.kind === 'openvswitch' ? 'openvswitch' : d.kind === 'vxlan' ? 'vxlan' : 'veth',
    state: 'UP' as const,
    ...(d.name === 'vethwe-bridge' ? { master: WEAVE_BRIDGE } : {}),
    ...(d.peer !== undefined ? { peer: d.peer } : {}),
  }));
}

/** The Weave Net data plane. */
export const weaveDataPlane: DataPlane = {
  plugin: 'weave',
  defaultClusterCIDR: '10.32.0.0/12',
  ipam: 'cluster',
  cniPlugins: [weaveNetPlugin, portmapPlugin],
  conflist: () => ({ ok: true, fileName: '10-weave.conflist', conflist: WEAVE_CONFLIST }),
  initialClusterData(config, nodes) {
    // IPALLOC_INIT=consensus=<n>: the initial peers split the range in node order (G.2).
    const ipam = createWeaveIpam(parseCidr4(config.clusterCIDR), [...new Set(nodes)]);
    return { [WEAVE_IPAM_KEY]: ipam as unknown as JsonValue };
  },
  onNodeReady({ host, config, random, clusterData }) {
    const range = parseCidr4(config.clusterCIDR);
    const current = weaveIpamOf(clusterData) ?? { range, ranges: [], allocated: dict() };
    const joined = weaveJoin(current, host.name);
    if ((clusterData[WEAVE_IPAM_KEY] as unknown) !== joined)
      clusterData[WEAVE_IPAM_KEY] = joined as unknown as JsonValue;
    // The bridge's weave:expose address, in place in the batch's clusterData (not a copy of
    // every peer's list per join).
    const exposed = weaveAllocateIn(clusterData, WEAVE_IPAM_KEY, host.name);
    host.devices[WEAVE_BRIDGE] = {
      name: WEAVE_BRIDGE,
      kind: 'bridge',
      index: host.nextIfIndex++,
      mac: randomMac(random),
      mtu: WEAVE_MTU,
      addresses: exposed.ok ? [`${formatIp(exposed.ip)}/${range.prefix}`] : [],
      up: true,
    };
    // The datapath, the vethwe pair and the vxlan-6784 vport each have a MAC on a real node.
    const macs = extraDevices(weaveMode(config)).map(() => randomMac(random));
    host.pluginData['weave'] = { firstIndex: host.nextIfIndex, macs };
    host.nextIfIndex += 4;
  },
  onNodeRemoved({ node, clusterData, nodeOrder, event, mayUnblock }) {
    const ipam = weaveIpamOf(clusterData);
    if (ipam === null) return;
    const r = weaveRmpeer(ipam, node.name, nodeOrder);
    if (r === null) return;
    clusterData[WEAVE_IPAM_KEY] = r.state as unknown as JsonValue;
    const by =
      r.taker === null ? 'no peer is left to take them' : `weave-kube on ${r.taker} ran weave rmpeer`;
    event(`Normal RemovedPeer node/${node.name}: ${by}: ${r.transferred} IPs taken over from ${node.name}`);
    if (r.taker !== null) mayUnblock(r.taker);
  },
  nodeRows(state, node, focus) {
    const mode = weaveMode(state.config);
    const range = parseCidr4(state.config.clusterCIDR);
    const rows: Partial<KernelRows> & Pick<KernelRows, 'fdb'> = {
      interfaces: extraIfaces(node, mode),
      fdb: [],
      natChains: ['WEAVE'],
      nat: weaveNatRules(range).map((r) => natRowOf(formatNatRule(r))),
    };
    const keys =
      focus === undefined ? state.podOrder : state.podOrder.length > 0 ? podsAt(state, formatIp(focus)) : [];
    for (const key of keys) {
      const pod = own(state.pods, key);
      const remote = pod?.node == null ? undefined : own(state.nodes, pod.node);
      if (pod?.ip == null || pod.sandbox === undefined || remote === undefined || remote.name === node.name)
        continue;
      const mac = sandboxPodMac(pod.sandbox);
      rows.fdb.push({ mac, dev: 'vethwe-bridge', master: WEAVE_BRIDGE, dst: remote.ip });
    }
    return rows;
  },
  podOnSharedLink(state, node, bridge, ip) {
    if (bridge !== WEAVE_BRIDGE) return undefined;
    for (const key of podsAt(state, ip)) {
      const pod = own(state.pods, key);
      if (pod?.phase === 'Running' && pod.node !== null && pod.node !== node.name) return pod;
    }
    return undefined;
  },
  tunnel(state, from, to, device) {
    if (device !== 'vethwe-bridge') return undefined;
    const e = weaveEncap(weaveMode(state.config), shortId(state, from), shortId(state, to));
    return e.kind === 'vxlan'
      ? { kind: 'vxlan', vni: e.vni, port: WEAVE_FASTDP_PORT }
      : { kind: 'udp', port: WEAVE_SLEEVE_PORT, label: 'the weave router (sleeve)' };
  },
};

/**
 * The pods holding `ip`. A pod's address comes from its own peer's ranges, and ranges move
 * only with no address in use (rmpeer of a deleted peer, a free half given to a new peer), so
 * the owner's pods are searched first; the cluster-wide index answers otherwise.
 */
function podsAt(state: ClusterState, ip: string): readonly string[] {
  const n = ipToNumber(ip);
  const owner = weaveIpamOf(state.clusterData)?.ranges.find(
    (r) => n >= r.cidr.net && n <= lastOf(r.cidr),
  )?.peer;
  const node = owner === undefined ? undefined : own(state.nodes, owner);
  const mine = node?.pods.filter((k) => own(state.pods, k)?.ip === ip) ?? [];
  return mine.length > 0 ? mine : podKeysAt(state, ip);
}
