/**
 * removeNode: the Node object is deleted. Its podCIDR is released (reused only after the
 * allocator wraps), its pods are garbage-collected, and the machine keeps its kernel state
 * (cni0, host-local files) in case it rejoins — the source of the classic
 * `"cni0" already has an IP address different from …` error.
 */
import { own } from '../util/dict.ts';
import { parseCidr4 } from '../net/ipv4.ts';
import { releaseBlock } from '../scheduling/node-ipam.ts';
import { engineError, type EngineError } from '../spec/result.ts';
import type { Tx } from '../cluster/tx.ts';
import { assignPodCIDR } from './add-node.ts';
import { forgetNeighbours } from './learn-neighbours.ts';

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
    devices: node.devices,
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
