/**
 * Invariants of a cluster state that must hold after every command, whatever came before:
 * no address held twice, every host-local pod address inside its node's podCIDR, no route
 * through a device the node does not have, and the indexes in step with the records.
 * Used by the fuzz property, `npm run fuzz` and the store's fuzz test.
 */
import {
  contains,
  dataPlaneFor,
  ipToNumber,
  nodeRows,
  own,
  parseCidr4,
  podTables,
  UNDERLAY_GATEWAY_MAC,
  type ClusterState,
} from '../engine/index.ts';

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
    const node = pod.node === null ? undefined : own(state.nodes, pod.node);
    // A hostNetwork pod holds no address: its IP is its node's, shared with the node's other ones.
    if (pod.hostNetwork === true) {
      if (pod.ip !== node?.ip) broken.push(`hostNetwork pod ${key} has ${pod.ip}, not its node's IP`);
      if (pod.sandbox !== undefined) broken.push(`hostNetwork pod ${key} has a CNI sandbox`);
      continue;
    }
    hold(pod.ip, `pod/${key}`);
    if (hostLocal && node !== undefined) {
      if (node.podCIDR === null) broken.push(`pod ${key} has ${pod.ip} but node ${node.name} has no podCIDR`);
      else if (!contains(parseCidr4(node.podCIDR), ipToNumber(pod.ip)))
        broken.push(`pod ${key} has ${pod.ip}, outside ${node.name}'s podCIDR ${node.podCIDR}`);
    }
  }
  const macs = new Set<string>([UNDERLAY_GATEWAY_MAC]);
  const devicesOf = new Map<string, Set<string>>();
  for (const name of state.nodeOrder) {
    const node = own(state.nodes, name);
    if (node === undefined) continue;
    const rows = nodeRows(state, node);
    const devices = new Set(rows.interfaces.map((i) => i.name));
    devicesOf.set(name, devices);
    for (const i of rows.interfaces) macs.add(i.mac);
    for (const route of rows.routes) {
      if (route.dev !== undefined && !devices.has(route.dev))
        broken.push(
          `node ${name}: route ${route.dst} goes through ${route.dev}, which the node does not have`,
        );
    }
  }
  broken.push(...brokenNeighbours(state, macs, devicesOf));
  return broken;
}

/**
 * Learned neighbour entries belong to a node, or to a running pod on it, on a device that
 * namespace has, once per address and device, learned no later than now, and name a MAC a
 * device of the cluster still has: removing a pod, a node or a link drops what named it.
 */
function brokenNeighbours(
  state: ClusterState,
  macs: Set<string>,
  devicesOf: ReadonlyMap<string, ReadonlySet<string>>,
): string[] {
  const broken: string[] = [];
  const record = state.neighbours ?? {};
  const podDevices = new Map<string, ReadonlySet<string>>();
  for (const key of state.podOrder) {
    const t = own(state.pods, key)?.sandbox === undefined ? null : podTables(state, key);
    if (t === null) continue;
    podDevices.set(key, new Set(t.interfaces.map((i) => i.name)));
    for (const i of t.interfaces) macs.add(i.mac);
  }
  for (const name of Object.keys(record)) {
    const devices = devicesOf.get(name);
    if (devices === undefined) {
      broken.push(`neighbours are kept for node ${name}, which does not exist`);
      continue;
    }
    const seen = new Set<string>();
    for (const e of own(record, name) ?? []) {
      const where = e.pod === undefined ? `node ${name}` : `pod ${e.pod} on ${name}`;
      const pod = e.pod === undefined ? undefined : own(state.pods, e.pod);
      if (e.pod !== undefined && (pod?.node !== name || !podDevices.has(e.pod)))
        broken.push(`${where}: a neighbour entry for a pod that is not running there`);
      const has = e.pod === undefined ? devices : podDevices.get(e.pod);
      if (has !== undefined && !has.has(e.dev))
        broken.push(`${where}: neighbour ${e.ip} on ${e.dev}, which it does not have`);
      if (e.state === 'INCOMPLETE' ? e.mac !== '' : !macs.has(e.mac))
        broken.push(`${where}: neighbour ${e.ip} lladdr ${e.mac} (${e.state}), which no device has`);
      if (e.tick > state.tick) broken.push(`${where}: neighbour ${e.ip} learned after the current tick`);
      const id = `${e.pod ?? ''} ${e.dev} ${e.ip}`;
      if (seen.has(id)) broken.push(`${where}: two entries for ${e.ip} on ${e.dev}`);
      seen.add(id);
    }
  }
  return broken;
}
