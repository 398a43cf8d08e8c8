/**
 * The bridge plugin (plugins/main/bridge/bridge.go): cni0, a veth per pod, IPAM, the
 * gateway address on the bridge and ipMasq.
 */
import { own } from '../util/dict.ts';
import { formatIp, parseCidr4 } from '../net/ipv4.ts';
import type { RouteRow } from '../kernel/rows.ts';
import { boolField, numField, strField } from './conf-read.ts';
import { cniError, execIpamAdd, type CniCall, type CniOutcome, type CniPlugin } from './cni-types.ts';
import { type CniResult, type CniRoute, type PluginConf } from './spec-types.ts';
import { ipMasqRows } from './ipmasq.ts';
import { randomMac, randomVethName } from './names.ts';
import { configureIfaceRoutes } from './pod-routes.ts';
import { isJsonObject } from '../util/json.ts';
import { derived, derivedKey, keepDerived } from '../util/derived.ts';

/** The bridge's Result entry, shared by every pod result on that bridge (same name and MAC). */
const BRIDGE_ENTRY = derivedKey<{ name: string; mac: string }>('bridge Result entry');

function bridgeEntry(br: { name: string; mac: string }): { name: string; mac: string } {
  const e = derived(br, BRIDGE_ENTRY);
  if (e !== undefined && e.mac === br.mac && e.name === br.name) return e;
  return keepDerived(br, BRIDGE_ENTRY, { name: br.name, mac: br.mac });
}

/** Shared empty routes (never stored: a Result only carries non-empty routes). */
const NO_ROUTES: CniRoute[] = [];

interface BridgeNetConf {
  brName: string;
  isGateway: boolean;
  isDefaultGW: boolean;
  mtu: number;
  forceAddress: boolean;
}
const NET_CONF = derivedKey<BridgeNetConf | CniOutcome>('bridge NetConf');

/** `loadNetConf`, kept on the stdin object (the runtime reuses a node's conf within a batch). */
function loadNetConf(conf: PluginConf): BridgeNetConf | CniOutcome {
  return derived(conf, NET_CONF) ?? keepDerived(conf, NET_CONF, readNetConf(conf));
}

function readNetConf(conf: PluginConf): BridgeNetConf | CniOutcome {
  const isDefaultGW = boolField(conf, 'isDefaultGateway');
  if (boolField(conf, 'hairpinMode') && boolField(conf, 'promiscMode')) {
    return cniError(999, 'cannot set hairpin mode and promiscuous mode at the same time', conf.cniVersion);
  }
  const vlan = numField(conf, 'vlan');
  if (vlan < 0 || vlan > 4094)
    return cniError(999, `invalid VLAN ID ${vlan} (must be between 0 and 4094)`, conf.cniVersion);
  return {
    brName: strField(conf, 'bridge', 'cni0'),
    isGateway: isDefaultGW || boolField(conf, 'isGateway'),
    isDefaultGW,
    mtu: numField(conf, 'mtu'),
    forceAddress: boolField(conf, 'forceAddress'),
  };
}

/** If ADD fails after IPAM succeeded, the plugin releases the address (`ipam.ExecDel`). */
function release(call: CniCall, conf: PluginConf, o: CniOutcome): CniOutcome {
  call.execIpam(conf, 'DEL');
  return o;
}

/** Is `cidr` exactly `gateway` + the `/prefix` of `address`? (no allocation: checked per pod) */
function isGatewayCidr(cidr: string, gateway: string, address: string): boolean {
  const slash = address.indexOf('/');
  if (cidr.length !== gateway.length + address.length - slash || !cidr.startsWith(gateway)) return false;
  for (let i = slash; i < address.length; i++) {
    if (cidr.charCodeAt(gateway.length + i - slash) !== address.charCodeAt(i)) return false;
  }
  return true;
}

function add(call: CniCall, conf: PluginConf): CniOutcome {
  const n = loadNetConf(conf);
  if ('ok' in n) return n;
  const host = call.host;
  const mtu = n.mtu > 0 ? n.mtu : 1500;
  // ensureBridge
  let br = own(host.devices, n.brName);
  if (br !== undefined && br.kind !== 'bridge') {
    return cniError(
      999,
      `failed to create bridge "${n.brName}": "${n.brName}" already exists but is not a bridge`,
      conf.cniVersion,
    );
  }
  if (br === undefined) {
    br = {
      name: n.brName,
      kind: 'bridge',
      index: host.nextIfIndex++,
      mac: randomMac(call.random),
      mtu,
      addresses: [],
      up: true,
    };
    host.devices[n.brName] = br;
  }
  // setupVeth
  const hostVeth = randomVethName(call.random);
  const hostMac = randomMac(call.random);
  const podMac = randomMac(call.random);
  call.sandbox.hostIfIndex = host.nextIfIndex++;
  // IPAM
  const ipamConf = conf['ipam'];
  const ipamType = isJsonObject(ipamConf) ? ipamConf['type'] : undefined;
  if (typeof ipamType !== 'string') return cniError(999, "IPAM config missing 'ipam' key", conf.cniVersion);
  const ipam = execIpamAdd(call, conf);
  if (!ipam.ok) return ipam;
  const ipamResult = ipam.result;
  // Like bridge.go, the Result takes IPAM's IP configs and sets them in place: every IP is
  // on interface 2 (the container's eth0), and calcGateways fills a missing gateway.
  const ips = ipamResult.ips;
  for (const ip of ips) {
    ip.interface = 2;
    if (ip.gateway === undefined && n.isGateway) ip.gateway = formatIp(parseCidr4(ip.address).net + 1);
  }
  let routes = ipamResult.routes ?? NO_ROUTES;
  const first = ips[0];
  if (n.isDefaultGW && first?.gateway !== undefined) {
    let existing: CniRoute | undefined;
    for (const r of routes) if (r.dst === '0.0.0.0/0') existing = r;
    if (existing?.gw !== undefined && existing.gw !== first.gateway) {
      return release(
        call,
        conf,
        cniError(
          999,
          `isDefaultGateway ineffective because IPAM sets default route via "${existing.gw}"`,
          conf.cniVersion,
        ),
      );
    }
    routes = [...routes, { dst: '0.0.0.0/0', gw: first.gateway }];
  }
  // Gateway address on the bridge.
  if (n.isGateway && first?.gateway !== undefined) {
    let present = false;
    for (const a of br.addresses) if (isGatewayCidr(a, first.gateway, first.address)) present = true;
    if (!present) {
      const gwCidr = `${first.gateway}/${first.address.slice(first.address.indexOf('/') + 1)}`;
      if (br.addresses.length > 0 && !n.forceAddress) {
        return release(
          call,
          conf,
          cniError(
            999,
            `failed to set bridge addr: "${n.brName}" already has an IP address different from ${gwCidr}`,
            conf.cniVersion,
          ),
        );
      }
      br.addresses = [gwCidr];
    }
  }
  const interfaces = [
    bridgeEntry(br),
    { name: hostVeth, mac: hostMac },
    { name: call.env.CNI_IFNAME, mac: podMac, sandbox: call.env.CNI_NETNS },
  ];
  // One literal per shape: properties added later would live in a separate PropertyArray,
  // one more object kept per pod.
  const dns = ipamResult.dns;
  let result: CniResult;
  if (routes.length > 0)
    result =
      dns === undefined
        ? { cniVersion: conf.cniVersion, interfaces, ips, routes }
        : { cniVersion: conf.cniVersion, interfaces, ips, routes, dns };
  else
    result =
      dns === undefined
        ? { cniVersion: conf.cniVersion, interfaces, ips }
        : { cniVersion: conf.cniVersion, interfaces, ips, dns };
  return { ok: true, result };
}

/** The bridge CNI plugin. */
export const bridgePlugin: CniPlugin = {
  type: 'bridge',
  add,
  del(call, conf) {
    // ipam.ExecDel first, then the container interface (its veth peer goes with it) and NAT.
    const ipam = conf['ipam'];
    if (isJsonObject(ipam)) {
      const r = call.execIpam(conf, 'DEL');
      if (!r.ok) return r;
    }
    return { ok: true };
  },
  check(call, conf) {
    const n = loadNetConf(conf);
    if ('ok' in n) return n;
    if (own(call.host.devices, n.brName) === undefined)
      return cniError(999, `failed to find bridge "${n.brName}"`, conf.cniVersion);
    return call.execIpam(conf, 'CHECK');
  },
  hostRows({ pod, sandbox, result, conf }) {
    const ifs = result.interfaces ?? [];
    const br = ifs[0];
    const veth = ifs[1];
    const eth0 = ifs[2];
    if (br === undefined || veth === undefined || eth0 === undefined) return {};
    const netnsName = sandbox.netns.split('/').pop() ?? sandbox.netns;
    const mtu = numField(conf, 'mtu') > 0 ? numField(conf, 'mtu') : 1500;
    const hairpin = boolField(conf, 'hairpinMode');
    const rows = {
      interfaces: [
        {
          name: veth.name,
          index: sandbox.hostIfIndex,
          mac: veth.mac ?? '',
          mtu,
          addresses: [],
          kind: 'veth' as const,
          state: 'UP' as const,
          master: br.name,
          peer: `pod/${pod.key}`,
          peerIndex: 2,
          linkNetns: netnsName,
          ...(hairpin ? { hairpin } : {}),
        },
      ],
      fdb: [
        { mac: eth0.mac ?? '', dev: veth.name, master: br.name },
        { mac: veth.mac ?? '', dev: veth.name, master: br.name, permanent: true },
      ],
    };
    const ip = result.ips?.[0];
    if (!boolField(conf, 'ipMasq') || ip === undefined) return rows;
    return { ...rows, ...ipMasqRows(conf.name, sandbox.containerId, ip.address) };
  },
  podRoutes({ sandbox, result }): RouteRow[] {
    return configureIfaceRoutes(result, sandbox.ifname);
  },
};
