/**
 * The flannel data plane (reference E): `10-flannel.conflist` delegating to bridge +
 * host-local, `/run/flannel/subnet.env`, the flannel.1 VXLAN device (vxlan backend), and per
 * remote node the neighbour, FDB and route rows (vxlan) or the route via the node (host-gw),
 * all derived on demand; the FLANNEL-POSTRTG masquerade chain.
 */
import { own } from '../util/dict.ts';
import { flannelCniPlugin } from '../cni/flannel.ts';
import { randomMac } from '../cni/names.ts';
import { portmapPlugin } from '../cni/portmap.ts';
import type { NetConfList } from '../cni/spec-types.ts';
import { formatCidr, formatIp, parseCidr4 } from '../net/ipv4.ts';
import type { KernelRows } from '../kernel/rows.ts';
import type { DataPlane, NodeJoin } from './data-plane.ts';
import type { ClusterConfig } from '../state/types.ts';
import {
  FLANNEL_SUBNET_ENV_PATH,
  FLANNEL_VNI,
  FLANNEL_VXLAN_DEVICE,
  FLANNEL_VXLAN_PORT,
  flannelConflist,
  flannelLeaseError,
  flannelMasqRules,
  flannelMtu,
  flannelSubnetEnv,
  type FlannelBackend,
} from './flannel.ts';
import { formatNatRule } from './nat-rules.ts';
import { natRowOf, nodeOwningPodIp, remoteNodes } from './node-lookup.ts';

/** The conflist every flannel node gets (one object, so the runtime's caches hit). */
const FLANNEL_CONFLIST: NetConfList = flannelConflist();

/** The cluster's flannel backend. */
export function flannelBackend(config: ClusterConfig): FlannelBackend {
  return config.network.plugin === 'flannel' ? (config.network.backend ?? 'vxlan') : 'vxlan';
}

/**
 * flanneld's start on a node (`--kube-subnet-mgr`): with the node's podCIDR as its lease it
 * writes subnet.env and creates flannel.1; without one it exits, and no subnet.env is left
 * (a rejoining machine's stale one is dropped too, so no pod gets an address outside the
 * node's podCIDR).
 */
function acquireLease({ host, config, random }: NodeJoin): void {
  if (host.podCIDR === null) {
    delete host.pluginData['flannel'];
    return;
  }
  const backend = flannelBackend(config);
  const mtu = flannelMtu(backend, host.underlayMtu);
  host.pluginData['flannel'] = {
    network: config.clusterCIDR,
    subnet: host.podCIDR,
    mtu,
    ipmasq: true,
    backend,
  };
  if (backend !== 'vxlan') return;
  const existing = own(host.devices, FLANNEL_VXLAN_DEVICE);
  host.devices[FLANNEL_VXLAN_DEVICE] = {
    name: FLANNEL_VXLAN_DEVICE,
    kind: 'vxlan',
    index: existing?.index ?? host.nextIfIndex++,
    mac: existing?.mac ?? randomMac(random),
    mtu,
    addresses: [`${formatIp(parseCidr4(host.podCIDR).net)}/32`],
    up: true,
    link: 'eth0',
  };
}

/** The flannel data plane. */
export const flannelDataPlane: DataPlane = {
  plugin: 'flannel',
  defaultClusterCIDR: '10.244.0.0/16',
  ipam: 'host-local',
  cniPlugins: [flannelCniPlugin, portmapPlugin],
  // kube-flannel's install-cni init container copies the conflist whatever flanneld does,
  // so the node's runtime network is Ready even when flanneld cannot get a lease.
  conflist: () => ({ ok: true, fileName: '10-flannel.conflist', conflist: FLANNEL_CONFLIST }),
  onNodeReady: acquireLease,
  onPodCIDRAssigned: acquireLease,
  nodeAgentError(_config, node) {
    if (node.podCIDR !== null) return undefined;
    const log = flannelLeaseError(node.name);
    return {
      message: `flanneld: ${log}`,
      event: `Warning BackOff pod/kube-flannel/kube-flannel-ds-${node.name}: Back-off restarting failed container kube-flannel (its log: ${log})`,
    };
  },
  nodeRows(state, node, focus) {
    const rows: Partial<KernelRows> & Pick<KernelRows, 'routes' | 'neigh' | 'fdb'> = {
      routes: [],
      neigh: [],
      fdb: [],
    };
    if (node.podCIDR === null) return rows;
    const backend = flannelBackend(state.config);
    const network = parseCidr4(state.config.clusterCIDR);
    const podCIDR = parseCidr4(node.podCIDR);
    if (focus === undefined) {
      rows.files = [
        {
          path: FLANNEL_SUBNET_ENV_PATH,
          content: flannelSubnetEnv({ network, podCIDR, backend, underlayMtu: node.underlayMtu }),
        },
      ];
    }
    rows.natChains = ['FLANNEL-POSTRTG'];
    rows.nat = flannelMasqRules(podCIDR, network).map((r) => natRowOf(formatNatRule(r)));
    for (const remote of remoteNodes(state, node, focus, (ip) => nodeOwningPodIp(state, ip))) {
      if (remote.podCIDR === null || !remote.ready) continue;
      const cidr = parseCidr4(remote.podCIDR);
      if (backend === 'host-gw') {
        rows.routes.push({ dst: formatCidr(cidr), via: remote.ip, dev: 'eth0' });
        continue;
      }
      const vtep = own(remote.devices, FLANNEL_VXLAN_DEVICE);
      if (vtep === undefined) continue;
      const gw = formatIp(cidr.net);
      rows.neigh.push({ ip: gw, dev: FLANNEL_VXLAN_DEVICE, mac: vtep.mac, state: 'PERMANENT' });
      rows.fdb.push({
        mac: vtep.mac,
        dev: FLANNEL_VXLAN_DEVICE,
        dst: remote.ip,
        self: true,
        permanent: true,
      });
      rows.routes.push({ dst: formatCidr(cidr), via: gw, dev: FLANNEL_VXLAN_DEVICE, onlink: true });
    }
    return rows;
  },
  tunnel(_state, _from, _to, device) {
    return device === FLANNEL_VXLAN_DEVICE
      ? { kind: 'vxlan', vni: FLANNEL_VNI, port: FLANNEL_VXLAN_PORT }
      : undefined;
  },
};
