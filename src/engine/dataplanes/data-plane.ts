/**
 * The data-plane contract. A cluster's `network.plugin` names a DataPlane: it writes each
 * node's conflist, brings the CNI plugin binaries it needs, says which IPAM it uses, and
 * derives its extra kernel rows (tunnel devices, per-remote routes, neighbours, FDB, NAT,
 * files) from the state on demand. Register one in `registry.ts`.
 */
import type { CniPlugin, HostDraft } from '../cni/cni-types.ts';
import type { NetConfList } from '../cni/spec-types.ts';
import type { JsonValue } from '../util/json.ts';
import type { KernelRows } from '../kernel/rows.ts';
import type { EngineError, Problem } from '../spec/result.ts';
import type {
  ClusterConfig,
  ClusterState,
  HostLocalIpamSpec,
  NetworkSpec,
  NodeState,
  PodState,
} from '../state/types.ts';

/** A node's CNI config file, or why the node has none yet (the node is then NotReady). */
export type NodeConflist =
  { ok: true; fileName: string; conflist: NetConfList } | { ok: false; message: string };

/** A node agent's failure: the node's message and the cluster event that reports it. */
export interface NodeAgentError {
  message: string;
  event: string;
}

/** What a data plane is given when a node joins. */
export interface NodeJoin {
  host: HostDraft;
  config: ClusterConfig;
  random: () => number;
  clusterData: Record<string, JsonValue>;
}

/** A Node object deleted: what the data plane's controllers see of it. */
export interface NodeRemoval {
  /** The node as it was. */
  readonly node: NodeState;
  /** Its pods, garbage-collected with it (no CNI DEL ran for them). */
  readonly pods: readonly PodState[];
  readonly config: ClusterConfig;
  /** The batch's own clusterData, to update in place. */
  readonly clusterData: Record<string, JsonValue>;
  /** The nodes left, in creation order. */
  readonly nodeOrder: readonly string[];
  /** Records a cluster event. */
  event(text: string): void;
  /** Pending pods that may start now: those on `node`, or all of them. */
  mayUnblock(node?: string): void;
}

/** A network plugin's data plane. */
export interface DataPlane {
  readonly plugin: NetworkSpec['plugin'];
  /** The cluster CIDR used when the spec gives none. */
  readonly defaultClusterCIDR: string;
  /**
   * `host-local`: pods get IPs from the node's podCIDR (kube-controller-manager's
   * allocator), so a node without a podCIDR is NotReady. `cluster`: the plugin's own IPAM.
   */
  readonly ipam: 'host-local' | 'cluster';
  /** CNI binaries it installs in /opt/cni/bin (the core ones are always there). */
  readonly cniPlugins: readonly CniPlugin[];
  /** Extra checks of the options; problems name a path under `network`. */
  validate?(config: ClusterConfig): Problem[];
  /**
   * Checks a node's own host-local options (`nodes[].ipam`, addNode's `ipam`) as it joins
   * with `podCIDR`; absent when the data plane writes its CNI config itself and takes none.
   */
  nodeIpamError?(state: ClusterState, ipam: HostLocalIpamSpec, podCIDR: string | null): EngineError | null;
  /** The conflist in /etc/cni/net.d for this node. */
  conflist(config: ClusterConfig, node: NodeState): NodeConflist;
  /**
   * Cluster-wide state the initial nodes agree on when the cluster is created (Weave's
   * consensus ring over the initial peer set); nodes added later join it in `onNodeReady`.
   */
  initialClusterData?(config: ClusterConfig, nodes: readonly string[]): Record<string, JsonValue>;
  /** When a node joins (or gets its podCIDR): create devices, draw VTEP MACs… */
  onNodeReady?(join: NodeJoin): void;
  /**
   * When a node that is already Ready gets its podCIDR later (the range allocator wrapped
   * round to a released block): flanneld finally acquires its lease and writes subnet.env.
   */
  onPodCIDRAssigned?(join: NodeJoin): void;
  /**
   * The error the plugin's node agent logs while it cannot run on a node whose runtime
   * network is Ready (flanneld without a podCIDR); it becomes the node's message and a
   * Warning event. Undefined when the agent is fine.
   */
  nodeAgentError?(config: ClusterConfig, node: NodeState): NodeAgentError | undefined;
  /**
   * For a cluster-wide IPAM: false when no pod on any node could be given an address now
   * (Calico's pool has no free block and no block with room), so kubelet's retries stop.
   */
  ipamHasRoom?(clusterData: Record<string, JsonValue>): boolean;
  /**
   * After a Node object is deleted: a cluster-wide IPAM's controllers reclaim its addresses
   * (calico-kube-controllers, weave-kube's rmpeer), recording events.
   */
  onNodeRemoved?(removal: NodeRemoval): void;
  /**
   * Rows this data plane adds to a node's tables, derived from the whole state. With
   * `focus` (a destination IP, for the tracer) per-remote rows are limited to the ones that
   * can match it, so a trace in a 5,000-node cluster reads a handful of rows.
   */
  nodeRows?(state: ClusterState, node: NodeState, focus?: number): Partial<KernelRows>;
  /**
   * The cluster CIDR when the spec gives none, if it depends on the underlay (Calico's
   * default pool avoids the nodes' network); `defaultClusterCIDR` otherwise.
   */
  defaultClusterCIDRFor?(underlayCIDR: string): string;
  /**
   * The encapsulation a tunnel device (or bridge port) of `from` applies to traffic for
   * `to` (for the tracer); undefined when the device is no tunnel of this data plane.
   */
  tunnel?(state: ClusterState, from: NodeState, to: NodeState, device: string): TunnelSpec | undefined;
  /**
   * The running pod of another node that answers ARP for `ip` on `node`'s `bridge` itself,
   * when the data plane joins the nodes' bridges into one layer-2 segment (Weave); the
   * kernel's neighbour entries for it are learned from traffic, not programmed.
   */
  podOnSharedLink?(state: ClusterState, node: NodeState, bridge: string, ip: string): PodState | undefined;
}

/** A tunnel device's encapsulation: VXLAN (VNI, UDP port), IP-in-IP, or Weave's UDP. */
export type TunnelSpec =
  | { kind: 'vxlan'; vni: number; port: number }
  | { kind: 'ipip' }
  | { kind: 'udp'; port: number; label?: string };
