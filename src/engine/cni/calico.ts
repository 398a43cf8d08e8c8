/**
 * The `calico` and `calico-ipam` CNI plugins (reference F.3, F.2): calico-ipam hands out an
 * address from a /26 block affine to the node (claiming or borrowing); calico creates the veth
 * `cali` + 11 hex with MAC ee:ee:ee:ee:ee:ee on the host, eth0 in the pod with routes via
 * 169.254.1.1 (answered by proxy ARP), and a /32 host route to the pod.
 *
 * The Results follow projectcalico/calico at the commit reference F pins (master 87c15906,
 * the same since v3.32.0):
 * - calico-ipam (`cni-plugin/pkg/ipamplugin/ipam_plugin.go` cmdAdd): the address with its
 *   block's mask (`libcalico-go/lib/ipam/ipam_block.go` autoAssign), `192.168.1.5/26`, and
 *   one route per address to the same (`routes: [{dst: "192.168.1.5/26"}]`, since v3.32.0).
 * - calico (`cni-plugin/pkg/k8s/k8s.go` CmdAddK8s, since v3.31.0): IPAM's Result with the
 *   address narrowed to /32 (`dataplane/linux/dataplane_linux.go` DoWorkloadNetnsSetUp), its
 *   routes kept, then `interfaces: [{name: <host veth>}, {name: <CNI_IFNAME>, mac: <container
 *   veth MAC>, mtu: <conf mtu, omitted when 0>, sandbox: <CNI_NETNS>}]` and every
 *   `ips[].interface` = 1. The host veth's MAC and MTU are not in the Result.
 *   (Calico ≤ v3.30 returned `interfaces: [{name: <host veth>}]` alone, no `ips[].interface`.)
 * Both print at the conf's cniVersion (`cnitypes.PrintResult`), `dns` as `{}`.
 */
import {
  calicoAutoAssignIn,
  calicoReleaseIn,
  calicoWorkloadHandle,
  type CalicoIpamState,
} from '../dataplanes/calico-ipam.ts';
import { CALICO_GATEWAY, CALICO_HOST_MAC } from '../dataplanes/calico.ts';
import { calicoHostIfaceName } from '../util/hash.ts';
import { formatIp, ipToNumber } from '../net/ipv4.ts';
import { isJsonObject, type JsonValue } from '../util/json.ts';
import type { RouteRow } from '../kernel/rows.ts';
import { numField, strField } from './conf-read.ts';
import { cniError, type CniCall, type CniOutcome, type CniPlugin } from './cni-types.ts';
import { type CniInterface, type CniResult, type PluginConf } from './spec-types.ts';
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
    const address = `${formatIp(r.ip)}/${ipam.blockSize}`;
    return {
      ok: true,
      result: { cniVersion: conf.cniVersion, ips: [{ address }], routes: [{ dst: address }] },
    };
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

/** The MTU both ends of the veth get (`conf.MTU`; 0 leaves the kernel's 1500). */
function vethMtu(conf: PluginConf): number {
  const mtu = numField(conf, 'mtu');
  return mtu > 0 ? mtu : 1500;
}

function add(call: CniCall, conf: PluginConf): CniOutcome {
  const ipam = call.execIpam(conf, 'ADD');
  if (!ipam.ok) return ipam;
  const address = ipam.result?.ips?.[0]?.address;
  if (address === undefined) return cniError(999, 'IPAM plugin returned missing IP config', conf.cniVersion);
  const { namespace, name } = podArgs(call);
  const mtu = numField(conf, 'mtu');
  call.sandbox.hostIfIndex = call.host.nextIfIndex++;
  // k8s.go CmdAddK8s: hostInterface {Name}, contInterface {Name, Mac, Mtu (omitempty), Sandbox}.
  const container: CniInterface = { name: call.env.CNI_IFNAME, mac: randomMac(call.random) };
  if (mtu > 0) container.mtu = mtu;
  container.sandbox = call.env.CNI_NETNS;
  const result: CniResult = {
    cniVersion: conf.cniVersion,
    interfaces: [{ name: calicoHostIfaceName(namespace, name) }, container],
    ips: [{ interface: 1, address: `${address.split('/')[0] ?? address}/32` }],
  };
  const routes = ipam.result?.routes;
  if (routes !== undefined) result.routes = routes;
  return { ok: true, result };
}

/** The `calico` plugin. */
export const calicoCniPlugin: CniPlugin = {
  type: 'calico',
  add,
  del: (call, conf) => call.execIpam(conf, 'DEL'),
  check: () => ({ ok: true }),
  hostRows({ pod, sandbox, result, conf }) {
    // The host veth is the Result's entry without a sandbox; its MAC (set by the dataplane)
    // and MTU (the conf's, as on eth0) are not in the Result.
    const veth = result.interfaces?.find((i) => i.sandbox === undefined);
    const ip = result.ips?.[0]?.address.split('/')[0];
    if (veth === undefined || ip === undefined) return {};
    return {
      interfaces: [
        {
          name: veth.name,
          index: sandbox.hostIfIndex,
          mac: CALICO_HOST_MAC,
          mtu: vethMtu(conf),
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
