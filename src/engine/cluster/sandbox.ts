/**
 * RunPodSandbox as kubelet + containerd do it: make the netns, run the node's conflist
 * with ADD; on failure tear down with DEL and leave the pod Pending with kubelet's
 * message; kubelet retries after every command.
 */
import { own } from '../util/dict.ts';
import { flatConcat } from '../util/flat-string.ts';
import { RandomSource, wordAfter } from '../util/prng.ts';
import { runChain, type ChainRun } from '../cni/runtime.ts';
import { portMappingsOf } from '../cni/portmap.ts';
import type { CniResult } from '../cni/spec-types.ts';
import { packSandbox, sandboxResult } from '../cni/packed-result.ts';
import { isHostNetworkPod } from '../state/host-network.ts';
import type { Tx } from './tx.ts';
import type { NodeState, PodState } from '../state/types.ts';

/** Kubelet's reason while a pod's sandbox is not up. */
export const POD_PENDING_REASON = 'ContainerCreating';

/** The per-sandbox random source: seeded from the container id, so a replay is exact. */
export function sandboxRandom(containerId: string): () => number {
  const seed = (parseInt(containerId.slice(0, 8), 16) ^ parseInt(containerId.slice(8, 16), 16)) >>> 0;
  const rng = new RandomSource(seed);
  return () => rng.u32();
}

/**
 * `sandboxRandom` for an id just drawn by `hex(32)` from PRNG state `before`: its first two
 * words are the id's first 16 hex digits, so the seed needs no parsing.
 */
function sandboxRandomAfter(before: number): () => number {
  const rng = new RandomSource((wordAfter(before, 1) ^ wordAfter(before, 2)) >>> 0);
  return () => rng.u32();
}

/** containerd's `CNI_ARGS` for a pod sandbox. */
export function cniArgsFor(pod: PodState, containerId: string): string {
  return flatConcat(
    'IgnoreUnknown=1;K8S_POD_NAMESPACE=',
    pod.namespace,
    ';K8S_POD_NAME=',
    pod.name,
    ';K8S_POD_INFRA_CONTAINER_ID=',
    containerId,
  );
}

/** The pod's fixed fields, always built in one order so every pod shares a hidden class. */
function base(pod: PodState): Omit<PodState, 'phase' | 'ip' | 'reason' | 'message' | 'sandbox' | 'attempt'> {
  const out: Omit<PodState, 'phase' | 'ip' | 'reason' | 'message' | 'sandbox' | 'attempt'> = {
    key: pod.key,
    name: pod.name,
    namespace: pod.namespace,
    labels: pod.labels,
    containers: pod.containers,
    node: pod.node,
    createdTick: pod.createdTick,
  };
  if (pod.hostNetwork === true) out.hostNetwork = true;
  return out;
}

/**
 * A hostNetwork pod starts in the node's own network namespace, as upstream does it:
 * kubelet's `SyncPod` (kubernetes `pkg/kubelet/kubelet.go`) refuses a pod while
 * `runtimeState.networkErrors()` reports the CNI not ready *unless*
 * `kubecontainer.IsHostNetworkPod(pod)` (which is how flannel's and Calico's own DaemonSet
 * pods start on a NotReady node); the sandbox is created with the NODE network namespace
 * mode, so containerd makes no netns and calls no CNI plugin (nothing on the node changes,
 * nothing is allocated, and StopPodSandbox has nothing to release); and
 * `generateAPIPodStatus` (`pkg/kubelet/kubelet_pods.go`) sets `status.podIP(s)` to the
 * node's IP. No container id or netns is drawn: the lab keeps no sandbox for it.
 */
function startHostNetworkPod(tx: Tx, key: string, pod: PodState, node: NodeState, isNew: boolean): true {
  const running: PodState = Object.assign(base(pod), { phase: 'Running' as const, ip: node.ip });
  tx.putPod(running, isNew);
  if (!isNew) tx.setPending(key, false);
  return true;
}

function pendingPod(pod: PodState, message: string, attempt?: PodState['attempt']): PodState {
  // Assigned onto the fresh base, not spread: see `copyToExtend` (every pending pod would get its
  // own hidden class).
  const next: PodState = Object.assign(base(pod), {
    phase: 'Pending' as const,
    ip: null,
    reason: POD_PENDING_REASON,
    message,
  });
  if (attempt !== undefined) next.attempt = attempt;
  return next;
}

/**
 * Tries to start a pod on its node; updates the pod, the node and the retry queue.
 * `fresh` is a pod not yet in the state (schedulePod): it is written exactly once; `draft`
 * is its node, already copied for writing.
 */
export function startPod(tx: Tx, key: string, fresh?: PodState, draft?: NodeState): boolean {
  const pod = fresh ?? own(tx.state.pods, key);
  const isNew = fresh !== undefined;
  if (pod === undefined || pod.node === null || pod.phase === 'Running') return false;
  const current = draft ?? own(tx.state.nodes, pod.node);
  if (current === undefined) return false;
  if (isHostNetworkPod(pod)) return startHostNetworkPod(tx, key, pod, current, isNew);
  const chain = tx.chain(current);
  const conf = chain.doc;
  if (!conf.ok) {
    const message = `network is not ready: ${conf.message}`;
    if (isNew || pod.message !== message) tx.putPod(pendingPod(pod, message), isNew);
    tx.setPending(key, true);
    return false;
  }
  const node = draft ?? tx.node(pod.node);
  const before = tx.random.state;
  const containerId = tx.random.hex(32);
  const netns = tx.random.uuid('/var/run/netns/cni-');
  const run: ChainRun = {
    verb: 'ADD',
    conflist: conf.conflist,
    addStdins: chain.addStdins,
    containerId,
    netns,
    ifname: 'eth0',
    args: cniArgsFor(pod, containerId),
    host: node,
    random: sandboxRandomAfter(before),
    clusterData: tx.clusterData(),
    record: false,
    portMappings: portMappingsOf(pod),
  };
  const addressesBefore = addressCount(node);
  const added = runChain(run);
  if (added.outcome.ok && added.outcome.result !== undefined) {
    const result = added.outcome.result;
    const sandbox = packSandbox(containerId, netns, 'eth0', added.hostIfIndex, result, tx.resultShapes);
    const running: PodState = {
      key: pod.key,
      name: pod.name,
      namespace: pod.namespace,
      labels: pod.labels,
      containers: pod.containers,
      node: pod.node,
      createdTick: pod.createdTick,
      phase: 'Running',
      ip: sandbox.ip ?? podIpOf(result),
      sandbox,
    };
    tx.putPod(running, isNew);
    // A new pod's key cannot be in the retry queue yet: skip the scan.
    if (!isNew) tx.setPending(key, false);
    return true;
  }
  // containerd tears the half-made sandbox down (DEL), then kubelet reports and retries.
  runChain({ ...run, verb: 'DEL' });
  const msg = added.outcome.ok ? 'plugin returned no result' : added.outcome.error.msg;
  const message = `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "${containerId}": ${msg}`;
  tx.putPod(pendingPod(pod, message, { containerId, netns }), isNew);
  tx.setPending(key, true);
  tx.event(`Warning FailedCreatePodSandBox pod/${key}: ${message}`, node.name);
  // An attempt that failed after giving the node an address (the bridge plugin adds the
  // gateway to cni0, then cannot pin a port-less bridge's MAC) leaves it so the next attempt
  // finds the address and succeeds: kubelet's next retry comes seconds later, within the
  // minute a command stands for.
  if (addressCount(node) > addressesBefore) tx.mayUnblock(node.name);
  return false;
}

/** The pod IP (no prefix) from a Result. */
export function podIpOf(result: CniResult): string | null {
  const a = result.ips?.[0]?.address;
  if (a === undefined) return null;
  const slash = a.indexOf('/');
  return slash < 0 ? a : a.slice(0, slash);
}

/**
 * StopPodSandbox: DEL in reverse order with the cached result (best effort, idempotent).
 * The pod's address is free again: pods waiting on its node (host-local, Weave's peer) or,
 * for Calico's cluster-wide pool, anywhere may start now.
 */
export function stopPod(tx: Tx, pod: PodState, node: NodeState): void {
  if (pod.sandbox === undefined) return;
  const conf = tx.conflistDoc(node);
  if (conf === null) return;
  const host = tx.node(node.name);
  tx.mayUnblock(tx.dataPlane.plugin === 'calico' ? undefined : node.name);
  runChain({
    verb: 'DEL',
    conflist: conf,
    containerId: pod.sandbox.containerId,
    netns: pod.sandbox.netns,
    ifname: pod.sandbox.ifname,
    args: cniArgsFor(pod, pod.sandbox.containerId),
    host,
    random: sandboxRandom(pod.sandbox.containerId),
    clusterData: tx.clusterData(),
    prevResult: sandboxResult(pod.sandbox),
    record: false,
  });
}

/** How many addresses the node's devices hold (what a failed ADD may leave behind). */
function addressCount(node: NodeState): number {
  let n = 0;
  // for…in: no array per call (this runs for every pod started).
  for (const name in node.devices) n += node.devices[name]?.addresses.length ?? 0;
  return n;
}

/** Retry passes per command: kubelet retries a failed sandbox within seconds. */
const RETRY_PASSES = 3;

/**
 * Kubelet's retry after a command: the pending pods that the command could have let start
 * (on a node that changed, or all of them after a cluster-wide change), in queue order. A
 * pod whose cause is untouched is not retried: it would fail the same way again. An attempt
 * that itself changed its node (see `startPod`) earns the pods there one more pass.
 */
export function retryPending(tx: Tx): void {
  const hasRoom = tx.dataPlane.ipamHasRoom;
  for (let pass = 0; pass < RETRY_PASSES; pass++) {
    const keys = tx.takeRetries();
    if (keys.length === 0) return;
    for (const key of keys) {
      // A full cluster-wide pool fails every pod alike: the rest would fail the same way.
      if (hasRoom !== undefined && !hasRoom.call(tx.dataPlane, tx.state.clusterData)) return;
      startPod(tx, key);
    }
  }
}
