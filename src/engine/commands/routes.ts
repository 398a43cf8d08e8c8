/** addRoute / deleteRoute (`ip route add|del <dst> via <gw>`) and deleteInterface (`ip link delete`). */
import { own } from '../util/dict.ts';
import { parseCidrInput, parseIpInput } from '../net/cidr-edge.ts';
import { contains, formatCidr, parseCidr4 } from '../net/ipv4.ts';
import { engineError, type EngineError } from '../spec/result.ts';
import type { Tx } from '../cluster/tx.ts';
import type { NodeState } from '../state/types.ts';
import { forgetNeighbours } from './learn-neighbours.ts';

function devFor(tx: Tx, node: NodeState, via: number): string | null {
  if (contains(parseCidr4(tx.state.config.underlayCIDR), via)) return 'eth0';
  for (const d of Object.values(node.devices)) {
    if (d.addresses.some((a) => parseCidr4(a).prefix < 32 && contains(parseCidr4(a), via))) return d.name;
  }
  return null;
}

/** Applies addRoute. */
export function addRoute(tx: Tx, nodeName: string, dst: string, via: string): EngineError | null {
  const node = own(tx.state.nodes, nodeName);
  if (node === undefined) return engineError('unknown-node', `nodes "${nodeName}" not found`, 'node');
  const d = parseCidrInput(dst);
  if (!d.ok) return engineError('invalid-cidr', d.message, 'dst');
  const g = parseIpInput(via);
  if (!g.ok) return engineError('invalid-ip', g.message, 'via');
  const dev = devFor(tx, node, g.ip);
  if (dev === null)
    return engineError(
      'invalid-gateway',
      `Error: Nexthop has invalid gateway. (${via} is not on a network node "${nodeName}" is attached to)`,
      'via',
    );
  const dstStr = formatCidr(d.cidr);
  if (node.staticRoutes.some((r) => r.dst === dstStr))
    return engineError('route-exists', 'RTNETLINK answers: File exists', 'dst');
  tx.node(nodeName).staticRoutes.push({ dst: dstStr, via, dev });
  tx.mayUnblock(nodeName);
  return null;
}

/** Applies deleteRoute. */
export function deleteRoute(tx: Tx, nodeName: string, dst: string, via?: string): EngineError | null {
  const node = own(tx.state.nodes, nodeName);
  if (node === undefined) return engineError('unknown-node', `nodes "${nodeName}" not found`, 'node');
  const d = parseCidrInput(dst);
  if (!d.ok) return engineError('invalid-cidr', d.message, 'dst');
  const dstStr = formatCidr(d.cidr);
  const i = node.staticRoutes.findIndex((r) => r.dst === dstStr && (via === undefined || r.via === via));
  if (i < 0) return engineError('no-such-route', 'RTNETLINK answers: No such process', 'dst');
  tx.node(nodeName).staticRoutes.splice(i, 1);
  tx.mayUnblock(nodeName);
  return null;
}

/** Applies deleteInterface (only devices a plugin created; veths go with their pods). */
export function deleteInterface(tx: Tx, nodeName: string, name: string): EngineError | null {
  const node = own(tx.state.nodes, nodeName);
  if (node === undefined) return engineError('unknown-node', `nodes "${nodeName}" not found`, 'node');
  const device = own(node.devices, name);
  if (device === undefined) return engineError('unknown-interface', `Cannot find device "${name}"`, 'name');
  forgetNeighbours(tx, { device: { node: nodeName, name, mac: device.mac } });
  delete tx.node(nodeName).devices[name];
  tx.mayUnblock(nodeName);
  return null;
}
