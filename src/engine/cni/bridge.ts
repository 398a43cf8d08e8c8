/**
 * The bridge plugin (plugins/main/bridge/bridge.go): cni0, a veth per pod, IPAM, the
 * gateway address on the bridge and ipMasq.
 */
import { own } from '../util/dict.ts';
import { formatIp, parseCidr4 } from '../net/ipv4.ts';
import type { RouteRow } from '../kernel/rows.ts';
import { boolField, numField, strField } from './conf-read.ts';
import { cniError, execIpamAdd, type CniCall, type CniOutcome, type CniPlugin } from './cni-types.ts';
import { type CniIpConfig, type CniResult, type CniRoute, type PluginConf } from './spec-types.ts';
import { ipMasqRowsAll } from './ipmasq.ts';
import { randomMac, randomVethName } from './names.ts';
import { configureIfaceError, configureIfaceRoutes } from './pod-routes.ts';
import type { HostDevice } from '../state/types.ts';
import { isJsonObject } from '../util/json.ts';
import { derived, derivedKey, keepDerived } from '../util/derived.ts';

/** The bridge's Result entry, shared by every pod result on that bridge (same name and MAC). */
const BRIDGE_ENTRY = derivedKey<{ name: string; mac: string }>('bridge Result entry');

function bridgeEntry(br: HostDevice, mac: string): { name: string; mac: string } {
  const e = derived(br, BRIDGE_ENTRY);
  if (e !== undefined && e.mac === mac && e.name === br.name) return e;
  return keepDerived(br, BRIDGE_ENTRY, { name: br.name, mac });
}

/** The MAC of a bridge nobody pinned and that had ports: its lowest port's, or none. */
export const NO_MAC = '00:00:00:00:00:00';

/** The bridge's MAC now: the pinned one, or (`ports`) the lowest port MAC (br_stp_recalculate_bridge_id). */
export function bridgeMacOf(br: HostDevice): string {
  const ports = br.ports;
  if (ports === undefined) return br.mac;
  let low = NO_MAC;
  for (const m of ports) if (low === NO_MAC || m < low) low = m;
  return low;
}

/** The bridge loses the port with this MAC (its veth went with the pod's netns). */
function dropPort(br: HostDevice, mac: string): void {
  const ports = br.ports;
  if (ports === undefined) return;
  const i = ports.indexOf(mac);
  if (i >= 0) br.ports = [...ports.slice(0, i), ...ports.slice(i + 1)];
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

/**
 * `ensureAddr` for an IPv4 gateway: the address is there already, or the bridge holds no
 * other IPv4 address (with forceAddress each other one is deleted first). Returns the error
 * text, or undefined once the bridge has `gateway/prefix` and its MAC is pinned.
 */
function ensureAddr(
  br: HostDevice,
  gateway: string,
  address: string,
  force: boolean,
  readMac: string,
): string | undefined {
  const snapshot = br.addresses;
  let kept = snapshot;
  for (const a of snapshot) {
    if (isGatewayCidr(a, gateway, address)) {
      if (kept !== snapshot) br.addresses = kept;
      return undefined;
    }
    if (!force)
      return `"${br.name}" already has an IP address different from ${gatewayCidr(gateway, address)}`;
    kept = kept.filter((x) => x !== a);
  }
  br.addresses = [...kept, gatewayCidr(gateway, address)];
  // "Set the bridge's MAC to itself": the one read before the veth joined. A bridge whose
  // ports all left has none (00:…), which the kernel refuses.
  if (br.ports !== undefined) {
    if (readMac === NO_MAC) return "could not set bridge's mac: invalid argument";
    br.mac = readMac;
    delete br.ports;
  }
  return undefined;
}

function gatewayCidr(gateway: string, address: string): string {
  return `${gateway}/${address.slice(address.indexOf('/') + 1)}`;
}

function add(call: CniCall, conf: PluginConf): CniOutcome {
  const n = loadNetConf(conf);
  if ('ok' in n) return n;
  const host = call.host;
  const mtu = n.mtu > 0 ? n.mtu : 1500;
  // ensureBridge
  let br = own(host.devices, n.brName);
  let created = false;
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
      ports: [],
    };
    host.devices[n.brName] = br;
    created = true;
  }
  // setupVeth
  const hostVeth = randomVethName(call.random);
  const hostMac = randomMac(call.random);
  const podMac = randomMac(call.random);
  call.sandbox.hostIfIndex = host.nextIfIndex++;
  // The bridge's MAC as setupBridge read it (ensureAddr pins that one), before the new port.
  const readMac = created ? br.mac : bridgeMacOf(br);
  if (br.ports !== undefined) br.ports = [...br.ports, hostMac];
  const bridge = br;
  // A failed ADD's veth goes with the runtime's DEL: the bridge loses that port.
  const fail = (o: CniOutcome): CniOutcome => {
    dropPort(bridge, hostMac);
    return o;
  };
  // IPAM
  const ipamConf = conf['ipam'];
  const ipamType = isJsonObject(ipamConf) ? ipamConf['type'] : undefined;
  if (typeof ipamType !== 'string')
    return fail(cniError(999, "IPAM config missing 'ipam' key", conf.cniVersion));
  const ipam = execIpamAdd(call, conf);
  if (!ipam.ok) return fail(ipam);
  const ipamResult = ipam.result;
  // calcGateways: the Result takes IPAM's IP configs and sets them in place: every IP is on
  // interface 2 (the container's eth0), a missing gateway is network + 1, and with
  // isDefaultGateway the first IP adds `0.0.0.0/0 via <gateway>` unless a route already
  // goes there through a gateway.
  const ips = ipamResult.ips;
  let routes = ipamResult.routes ?? NO_ROUTES;
  const fromIpam = routes.length;
  let defaultRouteFound = false;
  for (const ip of ips) {
    ip.interface = 2;
    if (ip.gateway === undefined && n.isGateway) ip.gateway = formatIp(parseCidr4(ip.address).net + 1);
    if (n.isDefaultGW && !defaultRouteFound) {
      for (const r of routes) if (r.gw !== undefined && r.dst === '0.0.0.0/0') defaultRouteFound = true;
      if (!defaultRouteFound) {
        routes = [
          ...routes,
          ip.gateway === undefined ? { dst: '0.0.0.0/0' } : { dst: '0.0.0.0/0', gw: ip.gateway },
        ];
        defaultRouteFound = true;
      }
    }
  }
  // ConfigureIface in the pod: the kernel refuses a route it cannot add.
  const refused = configureIfaceError(ips, routes, fromIpam, call.env.CNI_IFNAME);
  if (refused !== undefined) return fail(release(call, conf, cniError(999, refused, conf.cniVersion)));
  // The gateway of each IP on the bridge (ensureAddr, one call per IP, in order).
  if (n.isGateway) {
    for (const ip of ips) {
      if (ip.gateway === undefined) continue;
      const refusedAddr = ensureAddr(br, ip.gateway, ip.address, n.forceAddress, readMac);
      if (refusedAddr !== undefined)
        return fail(
          release(call, conf, cniError(999, `failed to set bridge addr: ${refusedAddr}`, conf.cniVersion)),
        );
    }
  }
  const interfaces = [
    bridgeEntry(br, bridgeMacOf(br)),
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
    const br = own(call.host.devices, strField(conf, 'bridge', 'cni0'));
    const prev = conf['prevResult'];
    const veth = isJsonObject(prev) && Array.isArray(prev['interfaces']) ? prev['interfaces'][1] : undefined;
    if (br?.ports !== undefined && isJsonObject(veth) && typeof veth['mac'] === 'string')
      dropPort(br, veth['mac']);
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
    const ips = result.ips ?? [];
    if (!boolField(conf, 'ipMasq') || ips.length === 0) return rows;
    const addresses = ips.length === 1 ? [(ips[0] as CniIpConfig).address] : ips.map((ip) => ip.address);
    return { ...rows, ...ipMasqRowsAll(conf.name, sandbox.containerId, addresses) };
  },
  podRoutes({ sandbox, result }): RouteRow[] {
    return configureIfaceRoutes(result, sandbox.ifname);
  },
};
