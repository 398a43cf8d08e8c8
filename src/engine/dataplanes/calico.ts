/**
 * Calico's per-node data plane as pure functions (reference F): the default pool, the pod
 * and host sides of a workload, node routes per encapsulation mode, tunnel devices, the CNI
 * conflist and the natOutgoing rule. Block allocation lives in `calico-ipam.ts`.
 */
import type { NetConfList } from '../cni/spec-types.ts';
import { calicoHostIfaceName } from '../util/hash.ts';
import { overlaps, formatCidr, formatIp, type Cidr4 } from '../net/ipv4.ts';
import type { FdbRow, NeighRow, RouteRow } from '../kernel/rows.ts';
import { ipsetMatch, type NatRule } from './nat-rules.ts';

export type CalicoMode = 'ipip' | 'vxlan' | 'none';

export const CALICO_DEFAULT_POOL: Cidr4 = { net: 0xc0a80000, prefix: 16 };
export const CALICO_GATEWAY = '169.254.1.1';
export const CALICO_HOST_MAC = 'ee:ee:ee:ee:ee:ee';
export const CALICO_IPIP_DEVICE = 'tunl0';
export const CALICO_VXLAN_DEVICE = 'vxlan.calico';
export const CALICO_VXLAN_VNI = 4096;
export const CALICO_VXLAN_PORT = 4789;
/** Overhead subtracted from the host MTU per mode (IPv4). */
export const CALICO_OVERHEAD: Readonly<Record<CalicoMode, number>> = { ipip: 20, vxlan: 50, none: 0 };

/**
 * The pool Calico creates when none is configured: 192.168.0.0/16, unless it overlaps one of
 * the host networks/addresses given, then the first free of 172.16.0.0/16 … 172.31.0.0/16.
 * `null` when all of them overlap.
 */
export function calicoDefaultPool(hostNetworks: readonly Cidr4[]): Cidr4 | null {
  const candidates: Cidr4[] = [CALICO_DEFAULT_POOL];
  for (let second = 16; second <= 31; second += 1)
    candidates.push({ net: ((172 << 24) | (second << 16)) >>> 0, prefix: 16 });
  return candidates.find((pool) => !hostNetworks.some((h) => overlaps(pool, h))) ?? null;
}

/** What the calico CNI plugin configures inside the pod (F.3). */
export interface CalicoPodSide {
  readonly address: string;
  readonly routes: readonly string[];
}

/** Pod side: eth0 with a /32, `169.254.1.1 dev eth0 scope link`, then `default via 169.254.1.1 dev eth0`. */
export function calicoPodSide(podIp: number): CalicoPodSide {
  return {
    address: `${formatIp(podIp)}/32`,
    routes: [`${CALICO_GATEWAY} dev eth0 scope link`, `default via ${CALICO_GATEWAY} dev eth0`],
  };
}

/** The host end of a workload's veth (F.3). */
export interface CalicoHostSide {
  readonly name: string;
  readonly mac: string;
  /** `<podIP> dev caliXXX scope link`. */
  readonly route: string;
  readonly sysctls: Readonly<Record<string, string>>;
}

/** Host side: `cali` + 11 hex of SHA-1("ns.pod"), MAC ee:ee:ee:ee:ee:ee, a /32 host route, proxy ARP on. */
export function calicoHostSide(
  namespace: string,
  pod: string,
  podIp: number,
  prefix = 'cali',
): CalicoHostSide {
  const name = calicoHostIfaceName(namespace, pod, prefix);
  return {
    name,
    mac: CALICO_HOST_MAC,
    route: `${formatIp(podIp)} dev ${name} scope link`,
    sysctls: {
      [`net.ipv4.conf.${name}.proxy_arp`]: '1',
      [`net.ipv4.neigh.${name}.proxy_delay`]: '0',
      [`net.ipv4.conf.${name}.forwarding`]: '1',
      [`net.ipv4.conf.${name}.route_localnet`]: '1',
    },
  };
}

/** A remote node as seen by route programming. */
export interface CalicoRemoteNode {
  readonly nodeIp: number;
  readonly blocks: readonly Cidr4[];
  /** The remote's tunnel address (vxlan mode: the VTEP IP). */
  readonly tunnelIp?: number;
  /** The remote's vxlan.calico MAC (vxlan mode). */
  readonly tunnelMac?: string;
}

/** The rows of one node's tables Calico programs: `ip route`, and in vxlan mode `ip neigh` and `bridge fdb`. */
export interface CalicoNodeRows {
  readonly routes: readonly RouteRow[];
  readonly neigh: readonly NeighRow[];
  readonly fdb: readonly FdbRow[];
}

/**
 * Routes for the node's own blocks (`blackhole <block> proto bird`) and every remote block:
 * ipip `… via <nodeIP> dev tunl0 proto bird onlink`; none `… via <nodeIP> dev eth0 proto bird`;
 * vxlan (programmed by Felix, proto 80) `… via <remote tunnel IP> dev vxlan.calico onlink`,
 * plus the static neighbour and FDB entry per remote node, as flannel does.
 */
export function calicoNodeRows(
  mode: CalicoMode,
  ownBlocks: readonly Cidr4[],
  remotes: readonly CalicoRemoteNode[],
  externalDev = 'eth0',
): CalicoNodeRows {
  const proto = mode === 'vxlan' ? '80' : 'bird';
  const routes: RouteRow[] = ownBlocks.map((b) => ({ type: 'blackhole', dst: formatCidr(b), proto }));
  const neigh: NeighRow[] = [];
  const fdb: FdbRow[] = [];
  for (const remote of remotes) {
    const node = formatIp(remote.nodeIp);
    if (mode === 'vxlan') {
      if (remote.tunnelIp === undefined || remote.tunnelMac === undefined) continue;
      const vtep = formatIp(remote.tunnelIp);
      const dev = CALICO_VXLAN_DEVICE;
      neigh.push({ ip: vtep, dev, mac: remote.tunnelMac, state: 'PERMANENT' });
      fdb.push({ mac: remote.tunnelMac, dev, dst: node, self: true, permanent: true });
      for (const b of remote.blocks) routes.push({ dst: formatCidr(b), via: vtep, dev, onlink: true });
    } else if (mode === 'ipip') {
      for (const b of remote.blocks)
        routes.push({ dst: formatCidr(b), via: node, dev: CALICO_IPIP_DEVICE, proto: 'bird', onlink: true });
    } else {
      for (const b of remote.blocks)
        routes.push({ dst: formatCidr(b), via: node, dev: externalDev, proto: 'bird' });
    }
  }
  return { routes, neigh, fdb };
}

/** A Calico tunnel device. */
export type CalicoTunnelDevice =
  | {
      readonly name: 'tunl0';
      readonly kind: 'ipip';
      readonly protocol: 4;
      readonly mtu: number;
      readonly address: string;
    }
  | {
      readonly name: 'vxlan.calico';
      readonly kind: 'vxlan';
      readonly vni: number;
      readonly dstPort: number;
      readonly mtu: number;
      readonly address: string;
      readonly mac: string;
    };

/** tunl0 (IP-in-IP, protocol 4, MTU host − 20) or vxlan.calico (VNI 4096, UDP 4789, MTU host − 50); none for mode `none`. */
export function calicoTunnelDevice(
  mode: CalicoMode,
  tunnelIp: number,
  mac: string,
  hostMtu = 1500,
): CalicoTunnelDevice | null {
  const address = `${formatIp(tunnelIp)}/32`;
  if (mode === 'ipip')
    return {
      name: CALICO_IPIP_DEVICE,
      kind: 'ipip',
      protocol: 4,
      mtu: hostMtu - CALICO_OVERHEAD.ipip,
      address,
    };
  if (mode === 'vxlan') {
    return {
      name: CALICO_VXLAN_DEVICE,
      kind: 'vxlan',
      vni: CALICO_VXLAN_VNI,
      dstPort: CALICO_VXLAN_PORT,
      mtu: hostMtu - CALICO_OVERHEAD.vxlan,
      address,
      mac,
    };
  }
  return null;
}

/** The pod MTU Calico configures (veth MTU): host MTU minus the mode's overhead. */
export function calicoPodMtu(mode: CalicoMode, hostMtu = 1500): number {
  return hostMtu - CALICO_OVERHEAD[mode];
}

/** `10-calico.conflist` as rendered from calico.yaml's `cni_network_config` for a node. */
export function calicoConflist(
  nodeName: string,
  mtu: number,
): NetConfList & { cniVersion: '1.0.0'; name: 'k8s-pod-network' } {
  return {
    name: 'k8s-pod-network',
    cniVersion: '1.0.0',
    plugins: [
      {
        type: 'calico',
        log_level: 'info',
        datastore_type: 'kubernetes',
        nodename: nodeName,
        mtu,
        ipam: { type: 'calico-ipam' },
        policy: { type: 'k8s' },
        kubernetes: { kubeconfig: '/etc/cni/net.d/calico-kubeconfig' },
      },
      { type: 'portmap', snat: true, capabilities: { portMappings: true } },
    ],
  };
}

/**
 * natOutgoing (F.5): POSTROUTING → cali-POSTROUTING → cali-nat-outgoing, which masquerades
 * when the source is in a natOutgoing pool (ipset `cali40masq-ipam-pools`) and the destination
 * is in no Calico pool (ipset `cali40all-ipam-pools`). Empty chain when natOutgoing is off.
 */
export function calicoNatOutgoingRules(pools: readonly Cidr4[], natOutgoing = true): NatRule[] {
  const rules: NatRule[] = [
    { chain: 'POSTROUTING', target: 'cali-POSTROUTING' },
    { chain: 'cali-POSTROUTING', target: 'cali-nat-outgoing' },
  ];
  if (!natOutgoing) return rules;
  return [
    ...rules,
    {
      chain: 'cali-nat-outgoing',
      src: ipsetMatch('cali40masq-ipam-pools', pools),
      dst: ipsetMatch('cali40all-ipam-pools', pools, true),
      target: 'MASQUERADE',
      randomFully: true,
    },
  ];
}
