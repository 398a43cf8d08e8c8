/**
 * The `portmap` meta plugin (plugins/meta/portmap, iptables backend): it passes `prevResult`
 * through, and for a pod with hostPorts (`runtimeConfig.portMappings`, which the runtime
 * gives plugins declaring the `portMappings` capability) it DNATs node-port traffic to the
 * pod. Rows as portmap 1.1.1 programs them (captured from the real plugin): the shared
 * CNI-HOSTPORT-DNAT (from PREROUTING and OUTPUT, local destinations), CNI-HOSTPORT-SETMARK
 * and CNI-HOSTPORT-MASQ chains, and per sandbox `CNI-DN-<hash>` with, for each mapping, the
 * hairpin and localhost SETMARK rules (with `snat`, the default) and the DNAT. TCP, UDP and
 * SCTP mappings alike (`-p sctp -m sctp --dport N`, as `iptables -S` prints the rule portmap
 * adds with `-p sctp --dport N`); the CNI-HOSTPORT-DNAT jumps go one per protocol, sorted by
 * name (`fillDnatRules`: `sort.Strings(protos)`), so sctp comes before tcp and udp.
 *
 * Its Result is `prevResult` as parsed into, and printed from, the CNI library's types
 * (`types.PrintResult(netConf.PrevResult, …)` in `plugins/meta/portmap/main.go`). The portmap
 * Calico ships (projectcalico/calico `metadata.mk` CNI_VERSION: its containernetworking-plugins
 * fork at 9ffe547c, on containernetworking/cni v1.0.1) and Debian's 1.1.1 (CNI versions up to
 * 1.0.0) both have a `types/100.Interface` of `name`, `mac` and `sandbox` only, so `mtu`
 * (cni v1.2.0) is dropped: a calico pod's Result lists eth0 without the `mtu` calico printed
 * (the kernel suite sees the real portmap drop it).
 */
import type { KernelRows, NatRow } from '../kernel/rows.ts';
import { cniPrefixedChainName } from '../util/hash.ts';
import { formatCidr, parseCidr4 } from '../net/ipv4.ts';
import { isJsonObject } from '../util/json.ts';
import type { PodState } from '../state/types.ts';
import type { CniPlugin } from './cni-types.ts';
import type { CniInterface, CniResult, PluginConf } from './spec-types.ts';
import type { PortMapping } from './runtime.ts';

const NO_PORTS: readonly PortMapping[] = [];

/** The protocols of CNI-HOSTPORT-DNAT's jumps, in the order portmap sorts them. */
const PROTOCOLS_SORTED: readonly PortMapping['protocol'][] = ['sctp', 'tcp', 'udp'];

/**
 * containerd's `portMappings` for a pod (`toCNIPortMappings`): every container port with a
 * hostPort, protocol in lower case (`tcp`, `udp`, `sctp`).
 */
export function portMappingsOf(pod: PodState): readonly PortMapping[] {
  let out: PortMapping[] | undefined;
  for (const c of pod.containers)
    for (const p of c.ports ?? [])
      if (p.hostPort !== undefined)
        (out ??= []).push({
          hostPort: p.hostPort,
          containerPort: p.containerPort,
          protocol: p.protocol === 'UDP' ? 'udp' : p.protocol === 'SCTP' ? 'sctp' : 'tcp',
        });
  return out ?? NO_PORTS;
}

/** The shared chains. */
export const HOSTPORT_DNAT = 'CNI-HOSTPORT-DNAT';
export const HOSTPORT_SETMARK = 'CNI-HOSTPORT-SETMARK';
export const HOSTPORT_MASQ = 'CNI-HOSTPORT-MASQ';

function prevResultOf(conf: PluginConf): CniResult | undefined {
  const prev = conf['prevResult'];
  return isJsonObject(prev) ? (prev as unknown as CniResult) : undefined;
}

/** The fields of `types/100.Interface` in containernetworking/cni v1.0.x. */
const INTERFACE_KEYS: readonly string[] = ['name', 'mac', 'sandbox'];

function hasOnlyKnownKeys(i: CniInterface): boolean {
  for (const k in i) if (!INTERFACE_KEYS.includes(k)) return false;
  return true;
}

function knownFields(i: CniInterface): CniInterface {
  const out: CniInterface = { name: i.name };
  if (i.mac !== undefined) out.mac = i.mac;
  if (i.sandbox !== undefined) out.sandbox = i.sandbox;
  return out;
}

/**
 * `prevResult` as portmap prints it: interfaces keep only the fields its CNI library knows
 * (the same object when none has another).
 */
export function portmapPrinted(prev: CniResult): CniResult {
  const ifs = prev.interfaces;
  if (ifs === undefined || ifs.every(hasOnlyKnownKeys)) return prev;
  return { ...prev, interfaces: ifs.map(knownFields) };
}

/** The rules every node with a hostPort pod has once (portmap ensures them). */
export const HOSTPORT_SHARED_RULES: readonly NatRow[] = [
  { chain: 'PREROUTING', rule: `-m addrtype --dst-type LOCAL -j ${HOSTPORT_DNAT}` },
  { chain: 'OUTPUT', rule: `-m addrtype --dst-type LOCAL -j ${HOSTPORT_DNAT}` },
  {
    chain: 'POSTROUTING',
    rule: `-m comment --comment "CNI portfwd requiring masquerade" -j ${HOSTPORT_MASQ}`,
  },
  { chain: HOSTPORT_MASQ, rule: '-m mark --mark 0x2000/0x2000 -j MASQUERADE' },
  {
    chain: HOSTPORT_SETMARK,
    rule: '-m comment --comment "CNI portfwd masquerade mark" -j MARK --set-xmark 0x2000/0x2000',
  },
];

/** The `portmap` CNI plugin binary. */
export const portmapPlugin: CniPlugin = {
  type: 'portmap',
  add(_call, conf) {
    const prev = prevResultOf(conf);
    return prev === undefined ? { ok: true } : { ok: true, result: portmapPrinted(prev) };
  },
  del: () => ({ ok: true }),
  check: () => ({ ok: true }),
  hostRows({ pod, sandbox, result, conf }): Partial<KernelRows> {
    const maps = portMappingsOf(pod);
    const address = result.ips?.[0]?.address;
    if (maps.length === 0 || address === undefined) return {};
    const ip = address.split('/')[0] ?? address;
    const subnet = formatCidr(parseCidr4(address));
    const snat = conf['snat'] !== false;
    const chain = cniPrefixedChainName(conf.name, sandbox.containerId, 'DN-');
    const comment = `-m comment --comment "dnat name: \\"${conf.name}\\" id: \\"${sandbox.containerId}\\""`;
    const nat: NatRow[] = [...HOSTPORT_SHARED_RULES];
    for (const proto of PROTOCOLS_SORTED) {
      const ports = maps.filter((m) => m.protocol === proto).map((m) => m.hostPort);
      if (ports.length > 0)
        nat.push({
          chain: HOSTPORT_DNAT,
          rule: `-p ${proto} ${comment} -m multiport --dports ${ports.join(',')} -j ${chain}`,
        });
    }
    for (const m of maps) {
      const match = `-p ${m.protocol} -m ${m.protocol} --dport ${m.hostPort}`;
      if (snat)
        nat.push(
          { chain, rule: `-s ${subnet} ${match} -j ${HOSTPORT_SETMARK}` },
          { chain, rule: `-s 127.0.0.1/32 ${match} -j ${HOSTPORT_SETMARK}` },
        );
      nat.push({ chain, rule: `${match} -j DNAT --to-destination ${ip}:${m.containerPort}` });
    }
    return { natChains: [HOSTPORT_DNAT, HOSTPORT_SETMARK, HOSTPORT_MASQ, chain], nat };
  },
};
