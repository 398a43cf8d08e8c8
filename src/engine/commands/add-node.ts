/** addNode: a machine joins; kube-controller-manager gives it a podCIDR if one is left. */
import { dict, own } from '../util/dict.ts';
import { parseIpInput } from '../net/cidr-edge.ts';
import { formatIp, parseCidr4, sizeOf } from '../net/ipv4.ts';
import { allocateNext, blockCidr, CIDR_EXHAUSTED, peekNext } from '../scheduling/node-ipam.ts';
import { engineError, type EngineError } from '../spec/result.ts';
import { NAME_PATTERN } from '../spec/spec-schema.ts';
import { copyHostStores, type Tx } from '../cluster/tx.ts';
import type { HostLocalIpamSpec, NodeState } from '../state/types.ts';

/** First host offset in the underlay handed to nodes without an explicit IP (.11). */
export const FIRST_NODE_OFFSET = 11;

/** Gives a node without a podCIDR one, if any block is left; updates readiness. */
export function assignPodCIDR(tx: Tx, name: string): void {
  const cfg = tx.state.config;
  const cluster = parseCidr4(cfg.clusterCIDR);
  const idx = allocateNext(tx.nodeIpam(), name);
  const node = tx.node(name);
  if (idx === null) {
    node.podCIDR = null;
    node.message = CIDR_EXHAUSTED;
    tx.event(`Normal CIDRNotAvailable node/${name}: Node ${name} status is now: CIDRNotAvailable`, name);
  } else {
    node.podCIDR = blockCidr(cluster, cfg.nodeCIDRMaskSize, idx);
    delete node.message;
  }
  refreshReadiness(tx, name, idx !== null);
}

/**
 * Recomputes a node's Ready condition from its data plane and runs its hooks: `onNodeReady`
 * when the node turns Ready, `onPodCIDRAssigned` when a Ready node just got its podCIDR,
 * and `nodeAgentError` (flanneld failing) for the node's message.
 */
export function refreshReadiness(tx: Tx, name: string, podCIDRAssigned = false): void {
  tx.nodesChanged(name);
  const node = tx.node(name);
  const conf = tx.conflist(node);
  const dp = tx.dataPlane;
  const wasReady = node.ready;
  node.ready = conf.ok;
  const hook =
    conf.ok && !wasReady ? dp.onNodeReady : conf.ok && podCIDRAssigned ? dp.onPodCIDRAssigned : undefined;
  if (hook !== undefined) {
    hook.call(dp, {
      host: node,
      config: tx.state.config,
      random: () => tx.random.u32(),
      clusterData: tx.clusterData(),
    });
  }
  // Its pending pods may start now: the node turned Ready, got its block or its agent's devices.
  if (node.ready !== wasReady || podCIDRAssigned || hook !== undefined) tx.mayUnblock(name);
  if (!conf.ok && node.message === undefined) node.message = conf.message;
  const agent = conf.ok ? dp.nodeAgentError?.(tx.state.config, node) : undefined;
  if (agent !== undefined) {
    if (node.message !== agent.message) {
      node.message = agent.message;
      tx.event(agent.event, name);
    }
  } else if (conf.ok && node.message !== undefined && node.podCIDR !== null) delete node.message;
  tx.nodesChanged(name);
}

/** Applies addNode; returns an error without touching the draft when it cannot. */
export function addNode(
  tx: Tx,
  name: string,
  ip: string | undefined,
  ipam?: HostLocalIpamSpec,
): EngineError | null {
  if (!NAME_PATTERN.test(name))
    return engineError('invalid-name', `node name "${name}" is not a DNS-1123 name`, 'name');
  if (own(tx.state.nodes, name) !== undefined)
    return engineError('duplicate-node', `node "${name}" already exists`, 'name');
  if (ipam !== undefined) {
    // The podCIDR it is about to get decides which subnets are the node's own.
    const cfg = tx.state.config;
    const next = peekNext(tx.state.nodeIpam);
    const podCIDR = next === null ? null : blockCidr(parseCidr4(cfg.clusterCIDR), cfg.nodeCIDRMaskSize, next);
    const check = tx.dataPlane.nodeIpamError;
    if (check === undefined)
      return engineError(
        'invalid-ipam',
        `the ${tx.dataPlane.plugin} data plane writes its own CNI config: only the bridge data plane takes host-local options`,
        'ipam',
      );
    const refused = check.call(tx.dataPlane, tx.state, ipam, podCIDR);
    if (refused !== null) return refused;
  }
  const underlay = parseCidr4(tx.state.config.underlayCIDR);
  const gateway = tx.state.config.underlayGateway;
  let address: string;
  if (ip !== undefined) {
    const parsed = parseIpInput(ip);
    if (!parsed.ok) return engineError('invalid-ip', parsed.message, 'ip');
    const off = parsed.ip - underlay.net;
    if (off <= 0 || off >= sizeOf(underlay.prefix) - 1) {
      return engineError(
        'ip-outside-underlay',
        `${ip} is not a host address in the underlay ${tx.state.config.underlayCIDR}`,
        'ip',
      );
    }
    address = formatIp(parsed.ip);
    if (address === gateway || tx.usedNodeIps().has(address))
      return engineError('ip-in-use', `${address} is already used on the underlay`, 'ip');
  } else {
    const used = tx.usedNodeIps();
    let off = Math.max(tx.nodeIpCursor, FIRST_NODE_OFFSET);
    const last = sizeOf(underlay.prefix) - 2;
    while (
      off <= last &&
      (used.has(formatIp(underlay.net + off)) || formatIp(underlay.net + off) === gateway)
    )
      off++;
    if (off > last)
      return engineError(
        'underlay-full',
        `no free address left in the underlay ${tx.state.config.underlayCIDR}`,
        'ip',
      );
    address = formatIp(underlay.net + off);
    tx.nodeIpCursor = off + 1;
  }
  const retired = own(tx.state.retiredHosts, name);
  const node: NodeState = {
    name,
    ip: address,
    mac: tx.random.mac(),
    underlayMtu: 1500,
    podCIDR: null,
    ready: false,
    events: [],
    pods: [],
    staticRoutes: [],
    createdTick: tx.state.tick,
    // The machine keeps its devices and files; copied, since the node is written in place.
    ...(retired ? copyHostStores(retired) : { devices: dict(), ipam: dict(), pluginData: dict() }),
    nextIfIndex: retired ? retired.nextIfIndex : 3,
  };
  if (ipam !== undefined) node.ipamSpec = ipam;
  if (retired !== undefined) delete tx.retiredHosts()[name];
  tx.putNode(node);
  assignPodCIDR(tx, name);
  return null;
}
