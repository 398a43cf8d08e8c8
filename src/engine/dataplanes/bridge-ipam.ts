/**
 * host-local's options in the bridge data plane's conflist, as an admin hand-writes
 * /etc/cni/net.d on each node: the cluster's `network.ipam`, or a node's own `ipam`. A range
 * without `subnet` is the node's podCIDR. What host-local itself would refuse is reported
 * by the spec (`spec/host-local-spec.ts`) or, where it depends on the node's podCIDR, by
 * host-local on the node, in its own words; what only the cluster can tell (a subnet every
 * node would share, one that overlaps another node's pods) is checked here.
 */
import type { JsonObject } from '../util/json.ts';
import { own } from '../util/dict.ts';
import { formatCidr, ipToNumber, overlaps, parseCidr4, type Cidr4 } from '../net/ipv4.ts';
import { engineError, type EngineError, type Problem } from '../spec/result.ts';
import type { ClusterConfig, ClusterState, HostLocalIpamSpec, NodeState } from '../state/types.ts';

/** The host-local options a node's conflist carries: its own, else the cluster's. */
export function ipamSpecOf(config: ClusterConfig, node: NodeState): HostLocalIpamSpec | undefined {
  return node.ipamSpec ?? (config.network.plugin === 'bridge' ? config.network.ipam : undefined);
}

/**
 * The `ipam` object of a node's conflist: `ranges` as written with each missing subnet the
 * podCIDR, then `routes` as written (or `defaultRoutes` when the spec gives none).
 */
export function hostLocalIpamConf(
  spec: HostLocalIpamSpec | undefined,
  podCIDR: string,
  defaultRoutes: JsonObject[] | null,
): JsonObject {
  const ranges = (spec?.ranges ?? [[{}]]).map((set) =>
    set.map((r) => {
      const out: JsonObject = { subnet: r.subnet ?? podCIDR };
      if (r.rangeStart !== undefined) out['rangeStart'] = r.rangeStart;
      if (r.rangeEnd !== undefined) out['rangeEnd'] = r.rangeEnd;
      if (r.gateway !== undefined) out['gateway'] = r.gateway;
      return out;
    }),
  );
  const ipam: JsonObject = { type: 'host-local', ranges };
  const routes = spec?.routes?.map((r) => (r.gw === undefined ? { dst: r.dst } : { dst: r.dst, gw: r.gw }));
  if (routes !== undefined) ipam['routes'] = routes;
  else if (defaultRoutes !== null) ipam['routes'] = defaultRoutes;
  return ipam;
}

/** The subnets a node's pods are addressed from, in the config's order (each once). */
export function hostLocalSubnets(config: ClusterConfig, node: NodeState): string[] {
  if (node.podCIDR === null) return [];
  const out: string[] = [];
  for (const set of ipamSpecOf(config, node)?.ranges ?? [[{}]])
    for (const r of set) {
      const subnet = r.subnet ?? node.podCIDR;
      if (!out.includes(subnet)) out.push(subnet);
    }
  return out;
}

const SEVERAL_SETS =
  'several range sets (one address each) are modelled with cni "bridge" only: ptp and macvlan configure one address';

/**
 * bridge's DEL tears ipMasq down address by address (TeardownIPMasq) and deletes the chain
 * on the first, which the second address's POSTROUTING rule still uses: the DEL fails and,
 * retried, leaves that rule behind. The lab does not model leaked rules.
 */
const SEVERAL_SETS_MASQ =
  'several range sets with ipMasq are not modelled: the bridge plugin\'s DEL deletes the masquerade chain after the first address while the second one\'s POSTROUTING rule still jumps to it ("CHAIN_DEL failed (Device or resource busy)"), and the retried DEL leaves that rule behind; set "ipMasq": false';

/** What the data plane cannot model about several range sets with these options, or undefined. */
function severalSetsProblem(net: ClusterConfig['network'], sets: number): string | undefined {
  if (net.plugin !== 'bridge' || sets <= 1) return undefined;
  if ((net.cni ?? 'bridge') !== 'bridge') return SEVERAL_SETS;
  return net.ipMasq === false ? undefined : SEVERAL_SETS_MASQ;
}

/** Checks of the cluster's `network.ipam` that need the cluster; paths under `network.ipam`. */
export function bridgeIpamProblems(config: ClusterConfig): Problem[] {
  const net = config.network;
  if (net.plugin !== 'bridge' || net.ipam?.ranges === undefined) return [];
  const problems: Problem[] = [];
  const sets = net.ipam.ranges;
  const several = severalSetsProblem(net, sets.length);
  if (several !== undefined) problems.push({ path: 'network.ipam.ranges', message: several });
  const cluster = parseCidr4(config.clusterCIDR);
  const blockOf = (ip: number): number =>
    Math.floor((ip - cluster.net) / 2 ** (32 - config.nodeCIDRMaskSize));
  sets.forEach((set, s) =>
    set.forEach((r, i) => {
      const path = `network.ipam.ranges[${s}][${i}]`;
      if (r.subnet !== undefined) {
        problems.push({
          path: `${path}.subnet`,
          message: `every node writes network.ipam, so the pods of all nodes would get addresses from ${r.subnet} and two of them the same one: leave subnet out (each node's podCIDR) or give each node its own subnet in nodes[].ipam`,
        });
        return;
      }
      const bounds: Array<['rangeStart' | 'rangeEnd', string | undefined]> = [
        ['rangeStart', r.rangeStart],
        ['rangeEnd', r.rangeEnd],
      ];
      let bad = false;
      for (const [field, value] of bounds) {
        if (value === undefined || overlaps(cluster, { net: ipToNumber(value), prefix: 32 })) continue;
        bad = true;
        problems.push({
          path: `${path}.${field}`,
          message: `${value} is outside clusterCIDR ${config.clusterCIDR}, so no node's podCIDR holds it (host-local: "${field === 'rangeStart' ? 'RangeStart' : 'RangeEnd'} ${value} not in network <podCIDR>")`,
        });
      }
      if (!bad && r.rangeStart !== undefined && r.rangeEnd !== undefined) {
        if (blockOf(ipToNumber(r.rangeStart)) !== blockOf(ipToNumber(r.rangeEnd)))
          problems.push({
            path: `${path}.rangeEnd`,
            message: `${r.rangeEnd} and rangeStart ${r.rangeStart} are in different /${config.nodeCIDRMaskSize} blocks of ${config.clusterCIDR}, so no node's podCIDR holds both`,
          });
      }
    }),
  );
  return problems;
}

/**
 * Checks of a node's own `ipam` when it joins with podCIDR `podCIDR`: the bridge data plane
 * writes it, and each subnet it names is the node's alone (inside its podCIDR, or outside the
 * cluster CIDR, the service CIDR, the underlay and every other node's subnets).
 */
export function nodeIpamError(
  state: ClusterState,
  spec: HostLocalIpamSpec,
  podCIDR: string | null,
): EngineError | null {
  const config = state.config;
  const net = config.network;
  if (net.plugin !== 'bridge') return null;
  const sets = spec.ranges ?? [];
  const several = severalSetsProblem(net, sets.length);
  if (several !== undefined) return engineError('invalid-ipam', several, 'ipam.ranges');
  const own4 = podCIDR === null ? null : parseCidr4(podCIDR);
  const cluster = parseCidr4(config.clusterCIDR);
  const fixed: Array<[string, Cidr4]> = [['the underlay', parseCidr4(config.underlayCIDR)]];
  if (config.serviceCIDR !== null) fixed.push(['the service CIDR', parseCidr4(config.serviceCIDR)]);
  for (const [s, set] of sets.entries())
    for (const [i, r] of set.entries()) {
      if (r.subnet === undefined) continue;
      const c = parseCidr4(r.subnet);
      const path = `ipam.ranges[${s}][${i}].subnet`;
      for (const [what, other] of fixed)
        if (overlaps(c, other))
          return engineError('invalid-ipam', `${r.subnet} overlaps ${what} ${formatCidr(other)}`, path);
      const inOwn = own4 !== null && own4.prefix <= c.prefix && overlaps(own4, c);
      if (overlaps(cluster, c) && !inOwn)
        return engineError(
          'invalid-ipam',
          `${r.subnet} overlaps clusterCIDR ${config.clusterCIDR} outside this node's podCIDR (${podCIDR ?? 'none'}): other nodes' pods get those addresses`,
          path,
        );
      for (const name of state.nodeOrder) {
        const other = own(state.nodes, name);
        for (const theirs of other?.ipamSpec?.ranges?.flat() ?? [])
          if (theirs.subnet !== undefined && overlaps(c, parseCidr4(theirs.subnet)))
            return engineError('invalid-ipam', `${r.subnet} overlaps ${theirs.subnet} of node ${name}`, path);
      }
    }
  return null;
}
