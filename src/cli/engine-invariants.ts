/**
 * Invariants of a cluster state that must hold after every command, whatever came before:
 * no address held twice, every host-local pod address inside its node's podCIDR, no route
 * through a device the node does not have, and the indexes in step with the records.
 * Used by the fuzz property, `npm run fuzz` and the store's fuzz test.
 */
import { dataPlaneFor, nodeRows, own, type ClusterState } from '../engine/index.ts';
import { contains, parseCidr4, ipToNumber } from '../engine/ipv4.ts';

/** Every broken invariant, as sentences (empty when the state is sound). */
export function brokenInvariants(state: ClusterState): string[] {
  const broken: string[] = [];
  const held = new Map<string, string>();
  const hold = (ip: string, who: string) => {
    const earlier = held.get(ip);
    if (earlier !== undefined) broken.push(`${ip} is held by ${earlier} and ${who}`);
    else held.set(ip, who);
  };
  for (const name of state.nodeOrder) {
    const node = own(state.nodes, name);
    if (node === undefined) {
      broken.push(`nodeOrder lists "${name}", which is not in nodes`);
      continue;
    }
    hold(node.ip, `node/${name}`);
  }
  if (Object.keys(state.nodes).length !== state.nodeOrder.length)
    broken.push(`${Object.keys(state.nodes).length} nodes but ${state.nodeOrder.length} in nodeOrder`);
  if (Object.keys(state.pods).length !== state.podOrder.length)
    broken.push(`${Object.keys(state.pods).length} pods but ${state.podOrder.length} in podOrder`);
  const hostLocal = dataPlaneFor(state.config.network.plugin)?.ipam === 'host-local';
  for (const key of state.podOrder) {
    const pod = own(state.pods, key);
    if (pod === undefined) {
      broken.push(`podOrder lists "${key}", which is not in pods`);
      continue;
    }
    if (pod.node !== null && own(state.nodes, pod.node) === undefined)
      broken.push(`pod ${key} is bound to a missing node ${pod.node}`);
    if (pod.phase === 'Running' && pod.ip === null) broken.push(`pod ${key} is Running without an IP`);
    if (pod.ip === null) continue;
    hold(pod.ip, `pod/${key}`);
    const node = pod.node === null ? undefined : own(state.nodes, pod.node);
    if (hostLocal && node !== undefined) {
      if (node.podCIDR === null) broken.push(`pod ${key} has ${pod.ip} but node ${node.name} has no podCIDR`);
      else if (!contains(parseCidr4(node.podCIDR), ipToNumber(pod.ip)))
        broken.push(`pod ${key} has ${pod.ip}, outside ${node.name}'s podCIDR ${node.podCIDR}`);
    }
  }
  for (const name of state.nodeOrder) {
    const node = own(state.nodes, name);
    if (node === undefined) continue;
    const rows = nodeRows(state, node);
    const devices = new Set(rows.interfaces.map((i) => i.name));
    for (const route of rows.routes) {
      if (route.dev !== undefined && !devices.has(route.dev))
        broken.push(
          `node ${name}: route ${route.dst} goes through ${route.dev}, which the node does not have`,
        );
    }
  }
  return broken;
}
