/**
 * The macvlan plugin (plugins/main/macvlan/macvlan.go): the pod's eth0 is a macvlan child
 * of the host's `master` interface. There is no host-side device, and the host itself
 * cannot reach its own macvlan pods (the parent never sees its children's frames).
 */
import { own } from '../util/dict.ts';
import { numField, strField } from './conf-read.ts';
import { cniError, execIpamAdd, type CniOutcome, type CniPlugin } from './cni-types.ts';
import { type CniResult } from './spec-types.ts';
import { randomMac } from './names.ts';
import { configureIfaceError, configureIfaceRoutes } from './pod-routes.ts';

const MODES = ['bridge', 'private', 'vepa', 'passthru'];

/** The macvlan CNI plugin. */
export const macvlanPlugin: CniPlugin = {
  type: 'macvlan',
  podIfaceKind: 'macvlan',
  hostReachesPods: false,
  add(call, conf): CniOutcome {
    const master = strField(conf, 'master', 'eth0');
    const mode = strField(conf, 'mode', 'bridge');
    if (!MODES.includes(mode)) return cniError(999, `unknown macvlan mode: "${mode}"`, conf.cniVersion);
    const parentMtu = master === 'eth0' ? call.host.underlayMtu : own(call.host.devices, master)?.mtu;
    if (parentMtu === undefined)
      return cniError(999, `failed to lookup master "${master}": Link not found`, conf.cniVersion);
    const mtu = numField(conf, 'mtu');
    if (mtu < 0 || mtu > parentMtu)
      return cniError(999, `invalid MTU ${mtu}, must be [0, master MTU(${parentMtu})]`, conf.cniVersion);
    const podMac = randomMac(call.random);
    const ipam = execIpamAdd(call, conf);
    if (!ipam.ok) return ipam;
    const ipr = ipam.result;
    const refused = configureIfaceError(ipr.ips, ipr.routes ?? [], Infinity, call.env.CNI_IFNAME);
    if (refused !== undefined) return cniError(999, refused, conf.cniVersion);
    const result: CniResult = {
      cniVersion: conf.cniVersion,
      interfaces: [{ name: call.env.CNI_IFNAME, mac: podMac, sandbox: call.env.CNI_NETNS }],
      ips: ipr.ips.map((ip) => ({ ...ip, interface: 0 })),
    };
    if (ipr.routes !== undefined) result.routes = ipr.routes;
    if (ipr.dns !== undefined) result.dns = ipr.dns;
    return { ok: true, result };
  },
  del(call, conf) {
    return call.execIpam(conf, 'DEL');
  },
  check(call, conf) {
    return call.execIpam(conf, 'CHECK');
  },
  podRoutes({ sandbox, result }) {
    return configureIfaceRoutes(result, sandbox.ifname);
  },
  hostRows({ result, conf }) {
    // The parent holds each child's MAC in its unicast list (macvlan_open: dev_uc_add),
    // which `bridge fdb` shows as a self permanent row of the parent.
    const mac = result.interfaces?.find((i) => i.sandbox !== undefined)?.mac;
    if (mac === undefined) return {};
    return { fdb: [{ mac, dev: strField(conf, 'master', 'eth0'), self: true, permanent: true }] };
  },
};
