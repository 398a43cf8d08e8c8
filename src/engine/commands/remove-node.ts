/**
 * removeNode: the Node object is deleted. Its podCIDR is released (reused only after the
 * allocator wraps), its pods are garbage-collected, and the machine keeps its kernel state
 * (cni0, host-local files) in case it rejoins — the source of the classic
 * `"cni0" already has an IP address different from …` error.
 */
import { dict, own } from '../util/dict.ts';
import type { NodeState } from '../state/types.ts';
import { parseCidr4 } from '../net/ipv4.ts';
import { releaseBlock } from '../scheduling/node-ipam.ts';
import { engineError, type EngineError } from '../spec/result.ts';
import type { Tx } from '../cluster/tx.ts';
import { assignPodCIDR } from './add-node.ts';
import { forgetNeighbours } from './learn-neighbours.ts';

/** The machine's devices once its pods' veths are gone: a bridge that follows its ports has none. */
function withoutPorts(devices: NodeState['devices']): NodeState['devices'] {
  if (!Object.values(devices).some((d) => (d.ports?.length ?? 0) > 0)) return devices;
  const out: NodeState['devices'] = dict();
  for (const [k, d] of Object.entries(devices)) out[k] = d.ports === undefined ? d : { ...d, ports: [] };
  return out;
}

/** Applies removeNode. */
export function removeNode(tx: Tx, name: string): EngineError | null {
  const node = own(tx.state.nodes, name);
  if (node === undefined) return engineError('unknown-node', `nodes "${name}" not found`, 'name');
  const cfg = tx.state.config;
  const pods = node.pods.flatMap((key) => own(tx.state.pods, key) ?? []);
  forgetNeighbours(tx, { pods, node });
  for (const key of node.pods) tx.dropPod(key);
  if (node.pods.length > 0)
    tx.event(`Normal PodGC node/${name}: deleted ${node.pods.length} pod(s) bound to the removed node`);
  if (node.podCIDR !== null)
    releaseBlock(tx.nodeIpam(), parseCidr4(cfg.clusterCIDR), cfg.nodeCIDRMaskSize, node.podCIDR);
  tx.retiredHosts()[name] = {
    devices: withoutPorts(node.devices),
    ipam: node.ipam,
    nextIfIndex: node.nextIfIndex,
    pluginData: node.pluginData,
  };
  tx.dropNode(name);
  tx.event(`Normal RemovingNode node/${name}: Node ${name} event: Removing Node ${name} from Controller`);
  // A cluster-wide IPAM's controllers then reclaim the node's addresses (Calico, Weave).
  tx.dataPlane.onNodeRemoved?.({
    node,
    pods,
    config: cfg,
    clusterData: tx.clusterData(),
    nodeOrder: tx.state.nodeOrder,
    event: (text) => tx.event(text),
    mayUnblock: (on) => tx.mayUnblock(on),
  });
  // The range allocator requeues nodes that are still waiting for a podCIDR.
  for (const other of tx.state.nodeOrder) {
    if (own(tx.state.nodes, other)?.podCIDR === null) assignPodCIDR(tx, other);
  }
  return null;
}
