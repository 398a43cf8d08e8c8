/** schedulePod: create a pod, bind it (given node or the scheduler), run its sandbox. */
import { own } from '../util/dict.ts';
import { flatConcat } from '../util/flat-string.ts';
import { engineError, type EngineError } from '../spec/result.ts';
import { startPod } from '../cluster/sandbox.ts';
import {
  MAX_PODS_PER_NODE,
  numFeasibleNodesToFind,
  pickNode,
  pickNodeLinear,
  type Picked,
} from '../scheduling/scheduler.ts';
import type { Tx } from '../cluster/tx.ts';
import { defaultHostNetworkPorts } from '../state/host-network.ts';
import type { ContainerSpec, PodSpec, PodState } from '../state/types.ts';

const NO_LABELS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** The container a pod gets when the spec lists none. */
export const DEFAULT_CONTAINERS: readonly ContainerSpec[] = [
  { name: 'app', image: 'nginx', ports: [{ containerPort: 80, protocol: 'TCP' }] },
];

/**
 * Containers share the pod's network namespace: a second listener on the same port and
 * protocol fails with the kernel's EADDRINUSE.
 */
export function checkPorts(containers: readonly ContainerSpec[]): EngineError | null {
  const names = new Set<string>();
  const holders = new Map<string, string>();
  for (const [ci, c] of containers.entries()) {
    if (names.has(c.name))
      return engineError(
        'duplicate-container',
        `container name "${c.name}" is used twice in the pod`,
        `containers[${ci}].name`,
      );
    names.add(c.name);
    for (const [pi, p] of (c.ports ?? []).entries()) {
      const proto = p.protocol ?? 'TCP';
      const key = `${p.containerPort}/${proto}`;
      const holder = holders.get(key);
      if (holder !== undefined) {
        return engineError(
          'port-conflict',
          `container "${c.name}" cannot bind ${key}: listen ${proto.toLowerCase()} 0.0.0.0:${p.containerPort}: bind: address already in use (container "${holder}" already listens there; containers in a pod share one network namespace and must coordinate ports)`,
          `containers[${ci}].ports[${pi}]`,
        );
      }
      holders.set(key, c.name);
    }
  }
  return null;
}

/** The `hostPort/protocol` pairs a pod asks for (kube-scheduler's NodePorts plugin compares them). */
function hostPortsOf(containers: readonly ContainerSpec[]): string[] {
  const out: string[] = [];
  for (const c of containers)
    for (const p of c.ports ?? [])
      if (p.hostPort !== undefined) out.push(`${p.hostPort}/${p.protocol ?? 'TCP'}`);
  return out;
}

/** True when a pod on the node already holds one of `wanted` (0.0.0.0 host IP: any clash counts). */
function portsTaken(tx: Tx, node: string, wanted: readonly string[]): boolean {
  const n = own(tx.state.nodes, node);
  if (n === undefined) return false;
  for (const key of n.pods) {
    const pod = own(tx.state.pods, key);
    if (pod !== undefined && hostPortsOf(pod.containers).some((p) => wanted.includes(p))) return true;
  }
  return false;
}

/**
 * The scheduler's choice for a pod; one with host ports also passes the NodePorts filter
 * (the rare case, scanned node by node).
 */
function pickFor(tx: Tx, wanted: readonly string[]): Picked | null {
  const cache = tx.scheduleCache();
  const start = tx.state.scheduler.nextStartNodeIndex;
  if (wanted.length === 0) return pickNode(cache, start);
  return pickNodeLinear(cache, start, numFeasibleNodesToFind(cache.names.length), (i) => {
    const name = cache.names[i];
    return name !== undefined && !portsTaken(tx, name, wanted);
  });
}

function unschedulableMessage(tx: Tx, wanted: readonly string[] = []): string {
  const total = tx.state.nodeOrder.length;
  const needsPodCIDR = tx.dataPlane.ipam === 'host-local';
  let notReady = 0;
  let noPodCIDR = 0;
  let full = 0;
  let ports = 0;
  for (const name of tx.state.nodeOrder) {
    const n = own(tx.state.nodes, name);
    if (n === undefined) continue;
    if (!n.ready) notReady++;
    else if (needsPodCIDR && n.podCIDR === null) noPodCIDR++;
    else if (n.pods.length >= MAX_PODS_PER_NODE) full++;
    else if (wanted.length > 0 && portsTaken(tx, name, wanted)) ports++;
  }
  const parts: string[] = [];
  if (notReady > 0) parts.push(`${notReady} node(s) had untolerated taint {node.kubernetes.io/not-ready: }`);
  // Not a kube-scheduler reason: this lab's scheduler skips nodes without a podCIDR.
  if (noPodCIDR > 0) parts.push(`${noPodCIDR} node(s) had no podCIDR`);
  if (full > 0) parts.push(`${full} Too many pods`);
  if (ports > 0) parts.push(`${ports} node(s) didn't have free ports for the requested pod ports`);
  return `0/${total} nodes are available${parts.length > 0 ? `: ${parts.join(', ')}` : ''}.`;
}

/** Applies schedulePod. */
export function schedulePod(tx: Tx, spec: PodSpec): EngineError | null {
  const namespace = spec.namespace ?? 'default';
  const key = flatConcat(namespace, '/', spec.name);
  if (own(tx.state.pods, key) !== undefined)
    return engineError(
      'duplicate-pod',
      `pods "${spec.name}" already exists in namespace "${namespace}"`,
      'name',
    );
  const listed =
    spec.containers !== undefined && spec.containers.length > 0 ? spec.containers : DEFAULT_CONTAINERS;
  // The API server defaults a hostNetwork pod's hostPorts to its containerPorts, so the
  // NodePorts filter below keeps two of them off one node when they listen on one port.
  const containers = spec.hostNetwork === true ? defaultHostNetworkPorts(listed) : listed;
  const ports = containers === DEFAULT_CONTAINERS ? null : checkPorts(containers);
  if (ports !== null) return ports;
  let nodeName: string;
  let nodeIndex: number | undefined;
  const pod: PodState = {
    key,
    name: spec.name,
    namespace,
    labels: spec.labels ?? NO_LABELS,
    containers: containers as ContainerSpec[],
    node: null,
    phase: 'Pending',
    ip: null,
    createdTick: tx.state.tick,
  };
  if (spec.hostNetwork === true) pod.hostNetwork = true;
  if (spec.node !== undefined) {
    if (own(tx.state.nodes, spec.node) === undefined)
      return engineError('unknown-node', `nodes "${spec.node}" not found`, 'node');
    nodeName = spec.node;
  } else {
    const wanted = containers === DEFAULT_CONTAINERS ? [] : hostPortsOf(containers);
    const picked = pickFor(tx, wanted);
    if (picked === null) {
      const message =
        wanted.length === 0
          ? tx.unschedulableMessage(() => unschedulableMessage(tx))
          : unschedulableMessage(tx, wanted);
      if (!tx.pendUnschedulable) return engineError('no-node-available', message);
      // kube-scheduler keeps the pod in its queue: Pending, no node, FailedScheduling.
      pod.message = message;
      tx.putPod(pod, true);
      tx.setPending(key, true);
      tx.unplacedChanged(1);
      return null;
    }
    nodeName = picked.node;
    nodeIndex = picked.index;
    tx.setNextStartNodeIndex(picked.nextStart);
  }
  pod.node = nodeName;

  const node = tx.node(nodeName);
  node.pods.push(key);
  tx.podCountChanged(nodeName, 1, nodeIndex);
  startPod(tx, key, pod, node);
  return null;
}

/**
 * The scheduler's next pass over its queue: unbound pods, oldest first, go to the nodes that
 * fit until none does. Bound pods join the kubelet retry (`mayUnblock`) on their node.
 */
export function bindUnplaced(tx: Tx): void {
  for (const key of [...tx.state.pending]) {
    const pod = own(tx.state.pods, key);
    if (pod === undefined || pod.node !== null) continue;
    const picked = pickFor(tx, hostPortsOf(pod.containers));
    if (picked === null) return;
    tx.setNextStartNodeIndex(picked.nextStart);
    const bound: PodState = { ...pod, node: picked.node };
    delete bound.message;
    tx.putPod(bound);
    tx.node(picked.node).pods.push(key);
    tx.podCountChanged(picked.node, 1, picked.index);
    tx.unplacedChanged(-1);
    tx.mayUnblock(picked.node);
  }
}
