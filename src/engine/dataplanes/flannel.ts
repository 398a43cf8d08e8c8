/**
 * flannel's per-node state as pure functions (reference E): subnet.env, the CNI conflist and
 * the delegate config it hands to bridge, the flannel.1 VXLAN device, per-remote-node
 * neighbour/FDB/route rows for vxlan and host-gw, the FLANNEL-POSTRTG masquerade chain and
 * the node annotations. Inputs are plain data (uint32 IPs, CIDRs, strings).
 */
import { formatCidr, formatIp, type Cidr4 } from '../net/ipv4.ts';
import { cidrMatch, type NatRule } from './nat-rules.ts';

export type FlannelBackend = 'vxlan' | 'host-gw';

export const FLANNEL_VXLAN_DEVICE = 'flannel.1';
export const FLANNEL_VNI = 1;
/** The Linux kernel's default VXLAN port (IANA's is 4789). */
export const FLANNEL_VXLAN_PORT = 8472;
export const FLANNEL_VXLAN_OVERHEAD = 50;
export const FLANNEL_SUBNET_ENV_PATH = '/run/flannel/subnet.env';
export const FLANNEL_ANNOTATION_PREFIX = 'flannel.alpha.coreos.com/';

/**
 * flanneld's log line when the node has no podCIDR (`kube.go` `AcquireLease`, wrapped by
 * `main.go`): it exits, and kubelet restarts it in a back-off loop.
 */
export function flannelLeaseError(node: string): string {
  return `Error registering network: failed to acquire lease: node "${node}" pod cidr not assigned`;
}

/** FLANNEL_MTU: underlay − 50 for vxlan (1450), the underlay MTU for host-gw (1500). */
export function flannelMtu(backend: FlannelBackend, underlayMtu = 1500): number {
  return backend === 'vxlan' ? underlayMtu - FLANNEL_VXLAN_OVERHEAD : underlayMtu;
}

/** What a node's flannel needs to know: the cluster Network and its own subnet (the node's podCIDR). */
export interface FlannelNodeInput {
  readonly network: Cidr4;
  readonly podCIDR: Cidr4;
  readonly backend: FlannelBackend;
  readonly underlayMtu?: number;
}

/**
 * `/run/flannel/subnet.env` exactly as `WriteSubnetFile` writes it: NETWORK, SUBNET (the
 * first usable IP with the prefix, e.g. 10.244.1.1/24), MTU, IPMASQ, each line ending in \n.
 */
export function flannelSubnetEnv(input: FlannelNodeInput): string {
  const subnetIp = formatIp(input.podCIDR.net + 1);
  return [
    `FLANNEL_NETWORK=${formatCidr(input.network)}`,
    `FLANNEL_SUBNET=${subnetIp}/${input.podCIDR.prefix}`,
    `FLANNEL_MTU=${flannelMtu(input.backend, input.underlayMtu)}`,
    'FLANNEL_IPMASQ=true',
    '',
  ].join('\n');
}

/** `10-flannel.conflist` from kube-flannel.yml (A.7). */
export function flannelConflist(): {
  name: 'cbr0';
  cniVersion: '0.3.1';
  plugins: [
    { type: 'flannel'; delegate: { hairpinMode: true; isDefaultGateway: true } },
    { type: 'portmap'; capabilities: { portMappings: true } },
  ];
} {
  return {
    name: 'cbr0',
    cniVersion: '0.3.1',
    plugins: [
      { type: 'flannel', delegate: { hairpinMode: true, isDefaultGateway: true } },
      { type: 'portmap', capabilities: { portMappings: true } },
    ],
  };
}

/** The bridge config the flannel CNI plugin renders and delegates to (A.7, `doCmdAdd`). */
export interface FlannelDelegateConfig {
  readonly cniVersion: string;
  readonly name: 'cbr0';
  readonly type: 'bridge';
  readonly hairpinMode: true;
  readonly isDefaultGateway: true;
  readonly isGateway: true;
  readonly ipMasq: false;
  readonly mtu: number;
  readonly ipam: {
    readonly type: 'host-local';
    readonly ranges: readonly (readonly { readonly subnet: string }[])[];
    readonly routes: readonly { readonly dst: string }[];
  };
}

/**
 * The delegate config: bridge `cbr0`, ipMasq = !FLANNEL_IPMASQ = false (flanneld masquerades),
 * host-local over the node subnet's *network* (10.244.1.0/24) with a route to the cluster Network.
 */
export function flannelDelegateConfig(input: FlannelNodeInput, cniVersion = '0.3.1'): FlannelDelegateConfig {
  return {
    cniVersion,
    name: 'cbr0',
    type: 'bridge',
    hairpinMode: true,
    isDefaultGateway: true,
    isGateway: true,
    ipMasq: false,
    mtu: flannelMtu(input.backend, input.underlayMtu),
    ipam: {
      type: 'host-local',
      ranges: [[{ subnet: formatCidr(input.podCIDR) }]],
      routes: [{ dst: formatCidr(input.network) }],
    },
  };
}

/** The flannel.1 VXLAN device of a node. */
export interface FlannelVxlanDevice {
  readonly name: 'flannel.1';
  readonly kind: 'vxlan';
  readonly vni: number;
  readonly dstPort: number;
  readonly mtu: number;
  /** The node subnet's network address as /32, e.g. `10.244.1.0/32`. */
  readonly address: string;
  readonly mac: string;
  /** The underlay address VXLAN packets leave from (the node IP on eth0). */
  readonly local: string;
  readonly learning: false;
}

/** flannel.1: VNI 1, UDP 8472, MTU underlay − 50, address = subnet network /32, nolearning. */
export function flannelVxlanDevice(
  podCIDR: Cidr4,
  vtepMac: string,
  nodeIp: number,
  underlayMtu = 1500,
): FlannelVxlanDevice {
  return {
    name: FLANNEL_VXLAN_DEVICE,
    kind: 'vxlan',
    vni: FLANNEL_VNI,
    dstPort: FLANNEL_VXLAN_PORT,
    mtu: underlayMtu - FLANNEL_VXLAN_OVERHEAD,
    address: `${formatIp(podCIDR.net)}/32`,
    mac: vtepMac,
    local: formatIp(nodeIp),
    learning: false,
  };
}

/** A remote node as another node's flanneld sees it (its lease). */
export interface FlannelRemote {
  readonly podCIDR: Cidr4;
  readonly nodeIp: number;
  /** The remote's VtepMAC (vxlan only). */
  readonly vtepMac: string;
}

/** The three rows flanneld adds per remote node, in this order (E.2): neighbour, FDB, route. */
export interface FlannelVxlanRows {
  /** `ip neigh` row. */
  readonly neighbour: string;
  /** `bridge fdb` row. */
  readonly fdb: string;
  /** `ip route` row. */
  readonly route: string;
}

/** vxlan rows for one remote node, e.g. route `10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink`. */
export function flannelVxlanRows(remote: FlannelRemote): FlannelVxlanRows {
  const gw = formatIp(remote.podCIDR.net);
  return {
    neighbour: `${gw} dev ${FLANNEL_VXLAN_DEVICE} lladdr ${remote.vtepMac} PERMANENT`,
    fdb: `${remote.vtepMac} dev ${FLANNEL_VXLAN_DEVICE} dst ${formatIp(remote.nodeIp)} self permanent`,
    route: `${formatCidr(remote.podCIDR)} via ${gw} dev ${FLANNEL_VXLAN_DEVICE} onlink`,
  };
}

/** host-gw route for one remote node: `10.244.2.0/24 via 192.168.56.12 dev eth0`. */
export function flannelHostGwRoute(
  remote: Pick<FlannelRemote, 'podCIDR' | 'nodeIp'>,
  externalDev = 'eth0',
): string {
  return `${formatCidr(remote.podCIDR)} via ${formatIp(remote.nodeIp)} dev ${externalDev}`;
}

const MASQ_COMMENT = 'flanneld masq';

/**
 * The FLANNEL-POSTRTG chain (E.5 order) plus the POSTROUTING jump: kube-proxy-marked
 * traffic and pod↔pod traffic RETURN (no NAT); pods → outside and host → remote pods MASQUERADE.
 */
export function flannelMasqRules(podCIDR: Cidr4, network: Cidr4, randomFully = true): NatRule[] {
  const chain = 'FLANNEL-POSTRTG';
  const rf = randomFully ? { randomFully: true } : {};
  const multicast: Cidr4 = { net: 0xe0000000, prefix: 4 };
  return [
    { chain: 'POSTROUTING', comment: MASQ_COMMENT, target: chain },
    { chain, mark: '0x4000/0x4000', comment: MASQ_COMMENT, target: 'RETURN' },
    { chain, src: cidrMatch(podCIDR), dst: cidrMatch(network), comment: MASQ_COMMENT, target: 'RETURN' },
    { chain, src: cidrMatch(network), dst: cidrMatch(podCIDR), comment: MASQ_COMMENT, target: 'RETURN' },
    {
      chain,
      src: cidrMatch(network, true),
      dst: cidrMatch(podCIDR),
      comment: MASQ_COMMENT,
      target: 'RETURN',
    },
    {
      chain,
      src: cidrMatch(network),
      dst: cidrMatch(multicast, true),
      comment: MASQ_COMMENT,
      target: 'MASQUERADE',
      ...rf,
    },
    {
      chain,
      src: cidrMatch(network, true),
      dst: cidrMatch(network),
      comment: MASQ_COMMENT,
      target: 'MASQUERADE',
      ...rf,
    },
  ];
}

/** The node annotations flanneld writes (prefix `flannel.alpha.coreos.com/`). */
export function flannelNodeAnnotations(
  backend: FlannelBackend,
  nodeIp: number,
  vtepMac?: string,
): Record<string, string> {
  const p = FLANNEL_ANNOTATION_PREFIX;
  return {
    [`${p}backend-data`]:
      backend === 'vxlan' ? JSON.stringify({ VNI: FLANNEL_VNI, VtepMAC: vtepMac ?? '' }) : 'null',
    [`${p}backend-type`]: backend,
    [`${p}kube-subnet-manager`]: 'true',
    [`${p}public-ip`]: formatIp(nodeIp),
  };
}
