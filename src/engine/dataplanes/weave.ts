/**
 * Weave Net's per-node state as pure functions (reference G): devices, pod addressing,
 * fastdp vs sleeve encapsulation, the WEAVE masquerade chain and the CNI conflist.
 * IPAM lives in `weave-ipam.ts`. Weave Net is archived upstream: see WEAVE_ARCHIVED_NOTE.
 */
import { formatCidr, formatIp, type Cidr4 } from '../net/ipv4.ts';
import { cidrMatch, type NatRule } from './nat-rules.ts';

export type WeaveMode = 'fastdp' | 'sleeve';

export const WEAVE_DEFAULT_RANGE: Cidr4 = { net: 0x0a200000, prefix: 12 };
export const WEAVE_MTU = 1376;
export const WEAVE_BRIDGE = 'weave';
export const WEAVE_SLEEVE_PORT = 6783;
export const WEAVE_FASTDP_PORT = 6784;

/** Shown wherever Weave is offered in the UI. */
export const WEAVE_ARCHIVED_NOTE =
  'Weave Net is archived upstream (weaveworks/weave, last commit in November 2022): it is shown here for history and comparison, not as a choice for new clusters.';

/** One host network device Weave creates. */
export interface WeaveDevice {
  readonly name: string;
  readonly kind: 'bridge' | 'openvswitch' | 'veth' | 'vxlan';
  readonly mtu: number;
  readonly peer?: string;
  readonly dstPort?: number;
}

/**
 * The host devices: bridge `weave` ⇄ `vethwe-bridge`/`vethwe-datapath` ⇄ OVS `datapath` with
 * the `vxlan-6784` vport (fastdp, the default BridgedFastdp layout); with fastdp disabled
 * (sleeve only) the router captures from `vethwe-pcap` instead.
 */
export function weaveDevices(mode: WeaveMode, mtu: number = WEAVE_MTU): WeaveDevice[] {
  const bridge: WeaveDevice = { name: WEAVE_BRIDGE, kind: 'bridge', mtu };
  if (mode === 'sleeve') {
    return [
      bridge,
      { name: 'vethwe-bridge', kind: 'veth', mtu, peer: 'vethwe-pcap' },
      { name: 'vethwe-pcap', kind: 'veth', mtu, peer: 'vethwe-bridge' },
    ];
  }
  return [
    bridge,
    { name: 'datapath', kind: 'openvswitch', mtu },
    { name: 'vethwe-bridge', kind: 'veth', mtu, peer: 'vethwe-datapath' },
    { name: 'vethwe-datapath', kind: 'veth', mtu, peer: 'vethwe-bridge' },
    { name: `vxlan-${WEAVE_FASTDP_PORT}`, kind: 'vxlan', mtu: 65535, dstPort: WEAVE_FASTDP_PORT },
  ];
}

/** Host and container veth names for a sandbox: `vethwepl<id>` / `vethwepg<id>` (id = first 7 chars of the container id, to fit 15). */
export function weaveVethNames(containerId: string): { host: string; container: string } {
  const id = containerId.slice(0, 7);
  return { host: `vethwepl${id}`, container: `vethwepg${id}` };
}

/** Pod addressing: eth0 with a /12 address, the connected route, and the default route via the weave bridge IP. */
export function weavePodSide(
  podIp: number,
  bridgeIp: number,
  range: Cidr4 = WEAVE_DEFAULT_RANGE,
): { address: string; routes: string[] } {
  const pod = formatIp(podIp);
  return {
    address: `${pod}/${range.prefix}`,
    routes: [
      `default via ${formatIp(bridgeIp)} dev eth0`,
      `${formatCidr(range)} dev eth0 proto kernel scope link src ${pod}`,
    ],
  };
}

/** The weave bridge's own address (`weave expose`) and its connected route on the host. */
export function weaveBridgeSide(
  bridgeIp: number,
  range: Cidr4 = WEAVE_DEFAULT_RANGE,
): { address: string; route: string } {
  const ip = formatIp(bridgeIp);
  return {
    address: `${ip}/${range.prefix}`,
    route: `${formatCidr(range)} dev ${WEAVE_BRIDGE} proto kernel scope link src ${ip}`,
  };
}

/** How a packet between two peers is carried. */
export type WeaveEncap =
  | { readonly kind: 'vxlan'; readonly dstPort: 6784; readonly vni: number }
  | { readonly kind: 'udp'; readonly dstPort: 6783 };

/**
 * fastdp carries frames in VXLAN on UDP 6784, with the VNI naming the source and destination
 * peers by their 12-bit short ids (src << 12 | dst); sleeve uses Weave's own framing on UDP 6783.
 */
export function weaveEncap(mode: WeaveMode, srcShortId: number, dstShortId: number): WeaveEncap {
  if (mode === 'sleeve') return { kind: 'udp', dstPort: WEAVE_SLEEVE_PORT };
  return {
    kind: 'vxlan',
    dstPort: WEAVE_FASTDP_PORT,
    vni: ((srcShortId & 0xfff) << 12) | (dstShortId & 0xfff),
  };
}

/** The nat chain `WEAVE` (net/expose.go): multicast RETURN, host → pods and pods → outside MASQUERADE. */
export function weaveNatRules(range: Cidr4 = WEAVE_DEFAULT_RANGE): NatRule[] {
  const chain = 'WEAVE';
  const multicast: Cidr4 = { net: 0xe0000000, prefix: 4 };
  return [
    { chain: 'POSTROUTING', target: chain },
    { chain, src: cidrMatch(range), dst: cidrMatch(multicast), target: 'RETURN' },
    { chain, src: cidrMatch(range, true), dst: cidrMatch(range), target: 'MASQUERADE' },
    { chain, src: cidrMatch(range), dst: cidrMatch(range, true), target: 'MASQUERADE' },
  ];
}

/** `10-weave.conflist` as the `weave` script writes it. */
export function weaveConflist(): {
  cniVersion: '0.3.0';
  name: 'weave';
  plugins: [
    { name: 'weave'; type: 'weave-net'; hairpinMode: true },
    { type: 'portmap'; capabilities: { portMappings: true }; snat: true },
  ];
} {
  return {
    cniVersion: '0.3.0',
    name: 'weave',
    plugins: [
      { name: 'weave', type: 'weave-net', hairpinMode: true },
      { type: 'portmap', capabilities: { portMappings: true }, snat: true },
    ],
  };
}
