/**
 * The `calico` and `calico-ipam` CNI plugins (reference F.3, F.2): calico-ipam hands out a
 * /32 from a /26 block affine to the node (claiming or borrowing); calico creates the veth
 * `cali` + 11 hex with MAC ee:ee:ee:ee:ee:ee on the host, eth0 in the pod with routes via
 * 169.254.1.1 (answered by proxy ARP), and a /32 host route to the pod.
 */
import {
  calicoAutoAssignIn,
  calicoReleaseIn,
  calicoWorkloadHandle,
  type CalicoIpamState,
} from '../dataplanes/calico-ipam.ts';
import { CALICO_GATEWAY, CALICO_HOST_MAC } from '../dataplanes/calico.ts';
import { calicoHostIfaceName } from '../hash.ts';
import { formatIp, ipToNumber } from '../ipv4.ts';
import { isJsonObject, type JsonValue } from '../json.ts';
import type { RouteRow } from '../kernel/rows.ts';
import { numField, strField } from './conf-read.ts';
import { cniError, type CniCall, type CniOutcome, type CniPlugin, type CniResult } from './cni-types.ts';
import { randomMac } from './names.ts';

/** Where the data plane keeps Calico's IPAM state in `clusterData`. */
export const CALICO_IPAM_KEY = 'calicoIpam';

/** Calico's IPAM state from clusterData (null before the data plane created it). */
export function calicoIpamOf(clusterData: Record<string, JsonValue>): CalicoIpamState | null {
  const v = clusterData[CALICO_IPAM_KEY];
  return isJsonObject(v) ? (v as unknown as CalicoIpamState) : null;
}

function podArgs(call: CniCall): { namespace: string; name: string } {
  const args = new Map((call.env.CNI_ARGS ?? '').split(';').map((kv) => kv.split('=') as [string, string]));
  return {
    namespace: args.get('K8S_POD_NAMESPACE') ?? 'default',
    name: args.get('K8S_POD_NAME') ?? call.env.CNI_CONTAINERID.slice(0, 8),
  };
}

/** The `calico-ipam` plugin. */
export const calicoIpamPlugin: CniPlugin = {
  type: 'calico-ipam',
  add(call, conf) {
    const ipam = calicoIpamOf(call.clusterData);
    if (ipam === null) return cniError(999, 'calico-ipam: no IP pool is configured', conf.cniVersion);
    const host = strField(conf, 'nodename', call.host.name);
    const r = calicoAutoAssignIn(
      call.clusterData,
      CALICO_IPAM_KEY,
      host,
      calicoWorkloadHandle(call.env.CNI_CONTAINERID),
    );
    if (!r.ok) return cniError(999, r.message, conf.cniVersion);
    return { ok: true, result: { cniVersion: conf.cniVersion, ips: [{ address: `${formatIp(r.ip)}/32` }] } };
  },
  del(call, conf) {
    if (calicoIpamOf(call.clusterData) === null) return { ok: true };
    // ReleaseByHandle; the sandbox's Result says where the handle's address is.
    const prev = conf['prevResult'];
    const ips = isJsonObject(prev) ? prev['ips'] : undefined;
    const first = Array.isArray(ips) ? ips[0] : undefined;
    const address = isJsonObject(first) ? first['address'] : undefined;
    const ip = typeof address === 'string' ? ipToNumber(address.split('/')[0] ?? '') : NaN;
    calicoReleaseIn(
      call.clusterData,
      CALICO_IPAM_KEY,
      calicoWorkloadHandle(call.env.CNI_CONTAINERID),
      Number.isNaN(ip) ? undefined : ip,
    );
    return { ok: true };
  },
  check: () => ({ ok: true }),
};

function add(call: CniCall, conf: Parameters<CniPlugin['add']>[1]): CniOutcome {
  const ipam = call.execIpam(conf, 'ADD');
  if (!ipam.ok) return ipam;
  const address = ipam.result?.ips?.[0]?.address;
  if (address === undefined) return cniError(999, 'IPAM plugin returned missing IP config', conf.cniVersion);
  const { namespace, name } = podArgs(call);
  const mtu = numField(conf, 'mtu', 1500);
  call.sandbox.hostIfIndex = call.host.nextIfIndex++;
  const result: CniResult = {
    cniVersion: conf.cniVersion,
    interfaces: [
      { name: calicoHostIfaceName(namespace, name), mac: CALICO_HOST_MAC, mtu },
      { name: call.env.CNI_IFNAME, mac: randomMac(call.random), mtu, sandbox: call.env.CNI_NETNS },
    ],
    ips: [{ address, interface: 1 }],
  };
  return { ok: true, result };
}

/** The `calico` plugin. */
export const calicoCniPlugin: CniPlugin = {
  type: 'calico',
  add,
  del: (call, conf) => call.execIpam(conf, 'DEL'),
  check: () => ({ ok: true }),
  hostRows({ pod, sandbox, result }) {
    const veth = result.interfaces?.[0];
    const ip = result.ips?.[0]?.address.split('/')[0];
    if (veth === undefined || ip === undefined) return {};
    return {
      interfaces: [
        {
          name: veth.name,
          index: sandbox.hostIfIndex,
          mac: veth.mac ?? CALICO_HOST_MAC,
          mtu: veth.mtu ?? 1500,
          addresses: [],
          kind: 'veth',
          state: 'UP',
          peer: `pod/${pod.key}`,
          peerIndex: 2,
          linkNetns: sandbox.netns.split('/').pop() ?? sandbox.netns,
        },
      ],
      routes: [{ dst: ip, dev: veth.name, scope: 'link' }],
    };
  },
  podRoutes(): RouteRow[] {
    return [
      { dst: CALICO_GATEWAY, dev: 'eth0', scope: 'link' },
      { dst: 'default', via: CALICO_GATEWAY, dev: 'eth0' },
    ];
  },
};
