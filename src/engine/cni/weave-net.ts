/**
 * The `weave-net` CNI plugin (reference G): asks the weave router for an address in the
 * peer's share of 10.32.0.0/12 (its own IPAM), attaches the pod to the `weave` bridge with a
 * `vethwepl…` veth (MTU 1376), and gives the pod a /12 address with the default route via
 * the bridge's exposed address.
 */
import { own } from '../util/dict.ts';
import { weaveAllocateIn, weaveRelease, type WeaveIpamState } from '../dataplanes/weave-ipam.ts';
import { WEAVE_BRIDGE, WEAVE_MTU, weaveVethNames } from '../dataplanes/weave.ts';
import { formatIp, ipToNumber } from '../net/ipv4.ts';
import { isJsonObject, type JsonValue } from '../util/json.ts';
import { bridgePlugin } from './bridge.ts';
import { cniError, type CniCall, type CniOutcome, type CniPlugin } from './cni-types.ts';
import { type PluginConf } from './spec-types.ts';
import { randomMac } from './names.ts';
import { configureIfaceRoutes } from './pod-routes.ts';

/** Where the data plane keeps Weave's ring in `clusterData`. */
export const WEAVE_IPAM_KEY = 'weaveIpam';

/** Weave's IPAM state (null before the first peer joined). */
export function weaveIpamOf(clusterData: Record<string, JsonValue>): WeaveIpamState | null {
  const v = clusterData[WEAVE_IPAM_KEY];
  return isJsonObject(v) ? (v as unknown as WeaveIpamState) : null;
}

function add(call: CniCall, conf: PluginConf): CniOutcome {
  const ipam = weaveIpamOf(call.clusterData);
  const br = own(call.host.devices, WEAVE_BRIDGE);
  const gateway = br?.addresses[0]?.split('/')[0];
  if (ipam === null || br === undefined || gateway === undefined)
    return cniError(
      999,
      'unable to allocate IP address: Post "http://127.0.0.1:6784/ip/": dial tcp 127.0.0.1:6784: connect: connection refused',
      conf.cniVersion,
    );
  const r = weaveAllocateIn(call.clusterData, WEAVE_IPAM_KEY, call.host.name);
  if (!r.ok) return cniError(999, r.message, conf.cniVersion);
  const names = weaveVethNames(call.env.CNI_CONTAINERID);
  call.sandbox.hostIfIndex = call.host.nextIfIndex++;
  return {
    ok: true,
    result: {
      cniVersion: conf.cniVersion,
      interfaces: [
        { name: WEAVE_BRIDGE, mac: br.mac },
        { name: names.host, mac: randomMac(call.random), mtu: WEAVE_MTU },
        {
          name: call.env.CNI_IFNAME,
          mac: randomMac(call.random),
          mtu: WEAVE_MTU,
          sandbox: call.env.CNI_NETNS,
        },
      ],
      ips: [{ address: `${formatIp(r.ip)}/${ipam.range.prefix}`, gateway, interface: 2 }],
      routes: [{ dst: '0.0.0.0/0', gw: gateway }],
    },
  };
}

/** The `weave-net` plugin. */
export const weaveNetPlugin: CniPlugin = {
  type: 'weave-net',
  add,
  del(call, conf) {
    const ipam = weaveIpamOf(call.clusterData);
    const prev = conf['prevResult'];
    const ips = isJsonObject(prev) ? prev['ips'] : undefined;
    const first = Array.isArray(ips) ? ips[0] : undefined;
    const address = isJsonObject(first) ? first['address'] : undefined;
    if (ipam !== null && typeof address === 'string')
      call.clusterData[WEAVE_IPAM_KEY] = weaveRelease(
        ipam,
        call.host.name,
        ipToNumber(address.split('/')[0] ?? ''),
      ) as unknown as JsonValue;
    return { ok: true };
  },
  check: () => ({ ok: true }),
  hostRows: (input) =>
    bridgePlugin.hostRows?.({
      ...input,
      conf: { ...input.conf, type: 'bridge', hairpinMode: true, ipMasq: false, mtu: WEAVE_MTU },
    }) ?? {},
  podRoutes: ({ sandbox, result }) => configureIfaceRoutes(result, sandbox.ifname),
  // portmap's Result drops the interfaces' `mtu`; the pod's eth0 has the bridge's MTU.
  podMtu: () => WEAVE_MTU,
};
