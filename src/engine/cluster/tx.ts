/**
 * A batch transaction over the immutable state: the big maps (`nodes`, `pods`, orders)
 * are copied once per batch on first write; each touched node is copied once. Commands
 * validate before they write, so a failed command leaves the draft untouched.
 */
import { dict, numberDict, own } from '../util/dict.ts';
import { RandomSource } from '../util/prng.ts';
import type { NetConfList, PluginConf } from '../cni/spec-types.ts';
import { pluginStdin } from '../cni/runtime.ts';
import { ShapeCache } from '../cni/packed-result.ts';
import { dataPlaneFor } from '../dataplanes/registry.ts';
import { forgetPodIndex } from '../state/pod-index.ts';
import type { DataPlane, NodeConflist } from '../dataplanes/data-plane.ts';
import { buildScheduleCache, type ScheduleCache } from '../scheduling/scheduler.ts';
import type { ClusterState, HostState, LearnedNeighbour, NodeState, PodState } from '../state/types.ts';

const MAX_EVENTS = 200;
const MAX_NODE_EVENTS = 50;

/**
 * Copies of a host's stores that plugins write to (IPAM files, devices and their addresses,
 * plugin data), so writing them leaves the state they came from untouched.
 */
export function copyHostStores(h: HostState): Pick<HostState, 'devices' | 'ipam' | 'pluginData'> {
  const ipam: HostState['ipam'] = dict();
  for (const [net, s] of Object.entries(h.ipam))
    ipam[net] = { files: numberDict(s.files), lastReserved: { ...s.lastReserved } };
  const devices: HostState['devices'] = dict();
  for (const [k, d] of Object.entries(h.devices)) devices[k] = { ...d, addresses: [...d.addresses] };
  return { devices, ipam, pluginData: dict(h.pluginData) };
}

/** A node's conflist as a batch uses it. */
export interface BatchConflist {
  doc: NodeConflist;
  /** The stdin the runtime gives each plugin on ADD (`pluginStdin`), in chain order. */
  addStdins: readonly PluginConf[] | null;
}

/** A mutable draft of a ClusterState for one batch. */
export class Tx {
  readonly state: ClusterState;
  readonly random: RandomSource;
  readonly dataPlane: DataPlane;
  private readonly owned = new Set<string>();
  /** The nodes copied for writing in this batch, by name. */
  private readonly drafts = new Map<string, NodeState>();
  private readonly conflists = new Map<string, BatchConflist>();
  /** The nodes whose learned neighbour list this batch copied (null: the record is not copied yet). */
  private neighbourDrafts: Set<string> | null = null;
  private schedule: ScheduleCache | null = null;
  private nodeIps: Set<string> | null = null;
  /** The Result shapes this batch's sandboxes share. */
  readonly resultShapes = new ShapeCache();
  /** Lowest underlay offset that may be free (auto node IPs scan from here). */
  nodeIpCursor = 0;
  /** Each pending pod's place in the retry queue (built on first use). */
  private pendingIndex: Map<string, number> | null = null;
  private pendingSeq = 0;
  /** Pending pods to retry after this command: every one, or those on these nodes. */
  private retryEvery = false;
  private readonly retryOn = new Set<string>();
  /**
   * createCluster's batch: a pod that no node fits is created Pending and unbound, as
   * kube-scheduler leaves it in its queue, instead of failing the command.
   */
  pendUnschedulable = false;
  /** Pending pods not bound to a node (counted on first use). */
  private unplaced: number | null = null;
  /** A node changed or a pod left one since the unbound pods were last tried. */
  private placeable = false;
  /** kube-scheduler's FailedScheduling text while nothing changed (built on first use). */
  private unschedulable: string | null = null;

  constructor(base: ClusterState) {
    this.state = { ...base };
    this.random = new RandomSource(base.rng);
    const dp = dataPlaneFor(base.config.network.plugin);
    if (dp === undefined) throw new Error(`no data plane registered for "${base.config.network.plugin}"`);
    this.dataPlane = dp;
  }

  private own<K extends 'nodes' | 'pods' | 'retiredHosts' | 'clusterData'>(key: K): ClusterState[K] {
    if (!this.owned.has(key)) {
      this.owned.add(key);
      this.state[key] = dict(this.state[key] as Record<string, never>) as ClusterState[K];
    }
    return this.state[key];
  }

  private ownList<K extends 'nodeOrder' | 'podOrder' | 'pending' | 'events'>(key: K): string[] {
    if (!this.owned.has(key)) {
      this.owned.add(key);
      this.state[key] = [...this.state[key]];
    }
    return this.state[key];
  }

  /** The node ipam, owned. */
  nodeIpam(): ClusterState['nodeIpam'] {
    if (!this.owned.has('nodeIpam')) {
      this.owned.add('nodeIpam');
      this.state.nodeIpam = { ...this.state.nodeIpam, used: dict(this.state.nodeIpam.used) };
    }
    return this.state.nodeIpam;
  }

  /** The Namespace objects, owned (copied once per batch). */
  namespaces(): NonNullable<ClusterState['namespaces']> {
    if (!this.owned.has('namespaces')) {
      this.owned.add('namespaces');
      this.state.namespaces = dict(this.state.namespaces ?? {});
    }
    return this.state.namespaces ?? dict();
  }

  /**
   * A node's learned neighbour entries for writing: the record is copied once per batch and
   * each node's list once, so a trace costs the nodes on its path, never the cluster's size.
   */
  neighbours(node: string): LearnedNeighbour[] {
    if (this.neighbourDrafts === null) {
      this.neighbourDrafts = new Set();
      this.state.neighbours = dict(this.state.neighbours ?? {});
    }
    const record = this.state.neighbours ?? dict();
    let list = own(record, node);
    if (list === undefined || !this.neighbourDrafts.has(node)) {
      list = list === undefined ? [] : [...list];
      record[node] = list;
      this.neighbourDrafts.add(node);
    }
    return list;
  }

  /** Replaces a node's learned entries (none left: the node's key goes). */
  setNeighbours(node: string, list: LearnedNeighbour[]): void {
    this.neighbours(node);
    const record = this.state.neighbours ?? dict();
    if (list.length > 0) record[node] = list;
    else delete record[node];
  }

  /** Cluster-wide data-plane state, owned. */
  clusterData(): ClusterState['clusterData'] {
    return this.own('clusterData');
  }

  /** A node for writing: copied once per batch, with its nested stores. */
  node(name: string): NodeState {
    const draft = this.drafts.get(name);
    if (draft !== undefined) return draft;
    const current = own(this.state.nodes, name);
    if (current === undefined) throw new Error(`unknown node ${name}`);
    const copy: NodeState = {
      ...current,
      ...copyHostStores(current),
      events: [...current.events],
      pods: [...current.pods],
      staticRoutes: [...current.staticRoutes],
    };
    this.own('nodes')[name] = copy;
    this.drafts.set(name, copy);
    return copy;
  }

  /** Underlay IPs held by nodes, maintained through the batch. */
  usedNodeIps(): Set<string> {
    if (this.nodeIps === null)
      this.nodeIps = new Set(this.state.nodeOrder.map((n) => own(this.state.nodes, n)?.ip ?? ''));
    return this.nodeIps;
  }

  /** Adds a new node object (owned). */
  putNode(node: NodeState): void {
    this.nodeIps?.add(node.ip);
    this.own('nodes')[node.name] = node;
    this.drafts.set(node.name, node);
    this.ownList('nodeOrder').push(node.name);
    this.nodesChanged(node.name);
  }

  /** Removes a node object. */
  dropNode(name: string): void {
    const ip = own(this.state.nodes, name)?.ip;
    if (ip !== undefined) this.nodeIps?.delete(ip);
    this.nodeIpCursor = 0;
    delete this.own('nodes')[name];
    this.drafts.delete(name);
    const order = this.ownList('nodeOrder');
    order.splice(order.indexOf(name), 1);
    this.nodesChanged(name);
  }

  /** Invalidates caches after a node's readiness, CIDR or existence changed. */
  nodesChanged(name: string): void {
    this.schedule = null;
    this.conflists.delete(name);
    this.placeable = true;
    this.unschedulable = null;
  }

  /** The number of pending pods no node was found for. */
  unplacedCount(): number {
    if (this.unplaced === null) {
      let n = 0;
      for (const key of this.state.pending) if (own(this.state.pods, key)?.node === null) n++;
      this.unplaced = n;
    }
    return this.unplaced;
  }

  /** Keeps the unbound count in step (a pod created unbound: +1; bound or deleted: -1). */
  unplacedChanged(delta: number): void {
    this.unplaced = this.unplacedCount() + delta;
  }

  /**
   * Whether unbound pods should be offered to the scheduler again after this command (some
   * wait and a node changed or lost a pod); then forgets the change.
   */
  takePlacement(): boolean {
    const p = this.placeable && this.unplacedCount() > 0;
    this.placeable = false;
    return p;
  }

  /** The FailedScheduling message, reused while no node changes. */
  unschedulableMessage(build: () => string): string {
    this.unschedulable ??= build();
    return this.unschedulable;
  }

  /**
   * Something changed that could let pending pods start: on `node` (an address or a device
   * freed there, a route changed), or anywhere (a cluster-wide IPAM pool got room).
   */
  mayUnblock(node?: string): void {
    if (node === undefined) this.retryEvery = true;
    else this.retryOn.add(node);
  }

  /**
   * The pending pods to retry after a command, in queue order: all of them after a
   * cluster-wide change, else those bound to a node that changed; then forgets the changes.
   */
  takeRetries(): string[] {
    const every = this.retryEvery;
    this.retryEvery = false;
    if (this.state.pending.length === 0 || (!every && this.retryOn.size === 0)) {
      this.retryOn.clear();
      return [];
    }
    if (every) {
      this.retryOn.clear();
      return [...this.state.pending];
    }
    const index = this.pendingMap();
    const keys: string[] = [];
    for (const name of this.retryOn) {
      const node = own(this.state.nodes, name);
      if (node !== undefined) for (const key of node.pods) if (index.has(key)) keys.push(key);
    }
    this.retryOn.clear();
    if (keys.length > 1) keys.sort((a, b) => (index.get(a) ?? 0) - (index.get(b) ?? 0));
    return keys;
  }

  private pendingMap(): Map<string, number> {
    if (this.pendingIndex === null) {
      this.pendingIndex = new Map();
      for (const key of this.state.pending) this.pendingIndex.set(key, this.pendingSeq++);
    }
    return this.pendingIndex;
  }

  /** The scheduler's view of the nodes, built once per batch. */
  scheduleCache(): ScheduleCache {
    this.schedule ??= buildScheduleCache(this.state, this.dataPlane.ipam === 'host-local');
    return this.schedule;
  }

  /** Sets the scheduler's round-robin start (its record is copied once per batch). */
  setNextStartNodeIndex(next: number): void {
    if (!this.owned.has('scheduler')) {
      this.owned.add('scheduler');
      this.state.scheduler = { nextStartNodeIndex: next };
    } else this.state.scheduler.nextStartNodeIndex = next;
  }

  /**
   * Keeps the scheduler's pod counts in step when a pod is bound to or leaves a node
   * (`at`: the node's position in the cache, when the caller has it from `pickNode`).
   */
  podCountChanged(node: string, delta: number, at?: number): void {
    this.unschedulable = null;
    if (delta < 0) this.placeable = true;
    if (this.schedule === null) return;
    const i = at ?? this.schedule.index.get(node);
    if (i === undefined) return;
    this.schedule.podCount[i] = (this.schedule.podCount[i] ?? 0) + delta;
    this.schedule.tree?.update(i);
  }

  /** Writes a pod record. */
  putPod(pod: PodState, isNew = false): void {
    const pods = this.own('pods');
    pods[pod.key] = pod;
    forgetPodIndex(pods);
    if (isNew) this.ownList('podOrder').push(pod.key);
  }

  /** Removes a pod record. */
  dropPod(key: string): void {
    if (own(this.state.pods, key)?.node === null) this.unplacedChanged(-1);
    const pods = this.own('pods');
    delete pods[key];
    forgetPodIndex(pods);
    const order = this.ownList('podOrder');
    const i = order.lastIndexOf(key);
    if (i >= 0) order.splice(i, 1);
    this.setPending(key, false);
  }

  /** Adds or removes a pod from the retry queue. */
  setPending(key: string, pending: boolean): void {
    const index = this.pendingMap();
    if (index.has(key) === pending) return;
    const list = this.ownList('pending');
    if (pending) {
      list.push(key);
      index.set(key, this.pendingSeq++);
    } else {
      list.splice(list.indexOf(key), 1);
      index.delete(key);
    }
  }

  /** Records a cluster event (bounded). */
  event(text: string, node?: string): void {
    const list = this.ownList('events');
    list.push(text);
    if (list.length > MAX_EVENTS) list.splice(0, list.length - MAX_EVENTS);
    if (node !== undefined && own(this.state.nodes, node) !== undefined) {
      const n = this.node(node);
      n.events.push(text);
      if (n.events.length > MAX_NODE_EVENTS) n.events.splice(0, n.events.length - MAX_NODE_EVENTS);
    }
  }

  /** Retired hosts (machines whose node object was deleted), owned. */
  retiredHosts(): ClusterState['retiredHosts'] {
    return this.own('retiredHosts');
  }

  /** The node's conflist, cached for the batch. */
  conflist(node: NodeState): NodeConflist {
    return this.chain(node).doc;
  }

  /** The node's conflist and its plugins' ADD stdin, built once per batch. */
  chain(node: NodeState): BatchConflist {
    let c = this.conflists.get(node.name);
    if (c === undefined) {
      const doc = this.dataPlane.conflist(this.state.config, node);
      c = { doc, addStdins: doc.ok ? doc.conflist.plugins.map((p) => pluginStdin(doc.conflist, p)) : null };
      this.conflists.set(node.name, c);
    }
    return c;
  }

  /** The conflist document, when the node has one. */
  conflistDoc(node: NodeState): NetConfList | null {
    const c = this.conflist(node);
    return c.ok ? c.conflist : null;
  }

  /** Finishes the batch: writes the PRNG state back. */
  finish(): ClusterState {
    this.state.rng = this.random.state;
    // Plugins mark the batch's clusterData as the owner of the IPAM state they update in
    // place (weaveAllocateIn, calicoAutoAssignIn). The committed state gets a fresh record
    // (a few keys) without the marks, so no later caller can update a saved state in place.
    if (this.owned.has('clusterData')) this.state.clusterData = dict(this.state.clusterData);
    return this.state;
  }
}
