/**
 * The ptp plugin (plugins/main/ptp/ptp.go): a veth pair and no bridge. The host end gets
 * `<gw>/32` and a host route to the pod; the pod reaches everything via the gateway.
 */
import { formatCidr, formatIp, parseCidr4 } from '../net/ipv4.ts';
import { boolField, numField } from './conf-read.ts';
import { cniError, execIpamAdd, type CniOutcome, type CniPlugin } from './cni-types.ts';
import { configureIfaceError } from './pod-routes.ts';
import { type CniResult } from './spec-types.ts';
import { ipMasqRows } from './ipmasq.ts';
import { randomMac, randomVethName } from './names.ts';

/** The ptp CNI plugin. */
export const ptpPlugin: CniPlugin = {
  type: 'ptp',
  add(call, conf): CniOutcome {
    const hostVeth = randomVethName(call.random);
    const hostMac = randomMac(call.random);
    const podMac = randomMac(call.random);
    call.sandbox.hostIfIndex = call.host.nextIfIndex++;
    const ipam = execIpamAdd(call, conf);
    if (!ipam.ok) return ipam;
    const ipr = ipam.result;
    const ips = ipr.ips.map((ip) => ({
      address: ip.address,
      gateway: ip.gateway ?? formatIp(parseCidr4(ip.address).net + 1),
      interface: 1,
    }));
    // ConfigureIface runs before ptp swaps the subnet route for its /32 one.
    const refused = configureIfaceError(ips, ipr.routes ?? [], Infinity, call.env.CNI_IFNAME);
    if (refused !== undefined) return cniError(999, refused, conf.cniVersion);
    const result: CniResult = {
      cniVersion: conf.cniVersion,
      interfaces: [
        { name: hostVeth, mac: hostMac },
        { name: call.env.CNI_IFNAME, mac: podMac, sandbox: call.env.CNI_NETNS },
      ],
      ips,
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
  hostRows({ pod, sandbox, result, conf }) {
    const veth = result.interfaces?.[0];
    const ip = result.ips?.[0];
    if (veth === undefined || ip === undefined) return {};
    const podIp = ip.address.split('/')[0] ?? ip.address;
    const mtu = numField(conf, 'mtu') > 0 ? numField(conf, 'mtu') : 1500;
    const rows = {
      interfaces: [
        {
          name: veth.name,
          index: sandbox.hostIfIndex,
          mac: veth.mac ?? '',
          mtu,
          addresses: ip.gateway === undefined ? [] : [`${ip.gateway}/32`],
          kind: 'veth' as const,
          state: 'UP' as const,
          peer: `pod/${pod.key}`,
          peerIndex: 2,
          linkNetns: sandbox.netns.split('/').pop() ?? '',
        },
      ],
      routes: [{ dst: podIp, dev: veth.name, scope: 'host' as const }],
    };
    return boolField(conf, 'ipMasq')
      ? { ...rows, ...ipMasqRows(conf.name, sandbox.containerId, ip.address) }
      : rows;
  },
  podRoutes({ sandbox, result }) {
    const ip = result.ips?.[0];
    if (ip?.gateway === undefined) return [];
    const src = ip.address.split('/')[0] ?? ip.address;
    const dev = sandbox.ifname;
    const gw = ip.gateway;
    return [
      { dst: gw, dev, scope: 'link', src },
      { dst: formatCidr(parseCidr4(ip.address)), via: gw, dev, src },
      ...(result.routes ?? []).map((r) => ({
        dst: r.dst === '0.0.0.0/0' ? 'default' : r.dst,
        via: r.gw ?? gw,
        dev,
      })),
    ];
  },
};
