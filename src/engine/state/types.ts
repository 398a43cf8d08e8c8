/**
 * The cluster state: plain, immutable, JSON-serialisable data (see CONTEXT.md).
 */
import type { PackedSandbox } from '../cni/packed-result.ts';
import type { JsonValue } from '../util/json.ts';
import type { EngineError } from '../spec/result.ts';
import type { NetworkPolicy } from '../policy/types.ts';
import type { TraceResult } from '../tracer/trace-types.ts';

/** A container port, as in a Pod spec. */
export interface ContainerPort {
  containerPort: number;
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  name?: string;
  /** The node port forwarded to it (the portmap plugin's DNAT); absent for most pods. */
  hostPort?: number;
}

/** A container of a pod; all containers of a pod share its network namespace. */
export interface ContainerSpec {
  name: string;
  image?: string;
  ports?: ContainerPort[];
}

/** Options of the core-plugins data plane: one conflist per node, host-local on its podCIDR. */
export interface BridgeNetworkSpec {
  plugin: 'bridge';
  cni?: 'bridge' | 'ptp' | 'macvlan';
  bridge?: string;
  isGateway?: boolean;
  isDefaultGateway?: boolean;
  ipMasq?: boolean;
  hairpinMode?: boolean;
  mtu?: number;
  master?: string;
  mode?: 'bridge' | 'private' | 'vepa' | 'passthru';
  /** host-local's options in every node's conflist (a node's own `ipam` replaces them). */
  ipam?: HostLocalIpamSpec;
}
/** One host-local range, as an admin writes it; no `subnet`: the node's podCIDR. */
export interface HostLocalRangeSpec {
  subnet?: string;
  rangeStart?: string;
  rangeEnd?: string;
  gateway?: string;
}
/** host-local's `ranges` (range sets: one address each) and `routes`, for the bridge data plane. */
export interface HostLocalIpamSpec {
  ranges?: HostLocalRangeSpec[][];
  routes?: Array<{ dst: string; gw?: string }>;
}
/** flannel options (its data plane is registered by dataplanes/). */
export interface FlannelNetworkSpec {
  plugin: 'flannel';
  backend?: 'vxlan' | 'host-gw';
}
/** Calico options. */
export interface CalicoNetworkSpec {
  plugin: 'calico';
  mode?: 'ipip' | 'vxlan' | 'none';
}
/** Weave Net options. */
export interface WeaveNetworkSpec {
  plugin: 'weave';
  encapsulation?: 'fastdp' | 'sleeve';
}
/** The cluster's network plugin and its options, discriminated on `plugin`. */
export type NetworkSpec = BridgeNetworkSpec | FlannelNetworkSpec | CalicoNetworkSpec | WeaveNetworkSpec;

/** A node in a cluster spec or an addNode command. */
export interface NodeSpec {
  name: string;
  ip?: string;
  /** This node's own host-local options (bridge data plane), in place of `network.ipam`. */
  ipam?: HostLocalIpamSpec;
}

/** A pod in a cluster spec or a schedulePod command. */
export interface PodSpec {
  name: string;
  namespace?: string;
  node?: string;
  labels?: Record<string, string>;
  containers?: ContainerSpec[];
  /** `spec.hostNetwork`: the pod runs in its node's network namespace (no CNI call, the node's IP). */
  hostNetwork?: boolean;
}

/** The cluster as a lesson or scenario describes it. */
export interface ClusterSpec {
  clusterCIDR?: string;
  nodeCIDRMaskSize?: number;
  serviceCIDR?: string;
  underlayCIDR?: string;
  network?: NetworkSpec;
  nodes?: NodeSpec[];
  pods?: PodSpec[];
  /** Namespaces with labels (for policies' namespaceSelector); others exist when used. */
  namespaces?: NamespaceSpec[];
}

/** A Namespace object: its name and labels (`kubernetes.io/metadata.name` is always added). */
export interface NamespaceSpec {
  name: string;
  labels?: Record<string, string>;
}

/** The resolved configuration (defaults applied, validated). */
export interface ClusterConfig {
  clusterCIDR: string;
  nodeCIDRMaskSize: number;
  serviceCIDR: string | null;
  underlayCIDR: string;
  underlayGateway: string;
  network: NetworkSpec;
}

/** kube-controller-manager's range allocator (cidr_set.go). */
export interface NodeIpamState {
  maxCIDRs: number;
  nextCandidate: number;
  allocatedCIDRs: number;
  /** block index → node name, or `:service-cidr` for the service range. */
  used: Record<string, string>;
}

/** host-local's on-disk store for one network: `/var/lib/cni/networks/<net>/`. */
export interface HostLocalStore {
  /**
   * One file per reserved address, keyed by the address as an unsigned 32-bit number (the
   * file's name is its dotted quad: `hostLocalFiles` and the node tables print it), content
   * `<containerID>\r\n<ifname>`. Numbers, not names: V8 keeps integer keys as elements,
   * while a dotted-quad key is interned in its global string table, an insert per pod that
   * cost about a tenth of `npm run bench`.
   */
  files: Record<number, string>;
  /** `last_reserved_ip.<rangeSet>` → IP */
  lastReserved: Record<string, string>;
}

/** A host network device a plugin created (cni0, flannel.1, tunl0, …). */
export interface HostDevice {
  name: string;
  kind: IfaceKind;
  index: number;
  mac: string;
  mtu: number;
  addresses: string[];
  up: boolean;
  /** For tunnels and vxlan: the device it sends through. */
  link?: string;
  /**
   * A bridge whose MAC nobody set (the bridge plugin pins it in `ensureAddr`, with isGateway):
   * the MACs of its ports, the lowest of which the kernel gives it (00:00:00:00:00:00 with
   * none). `mac` stays the one it was created with, which its link-local address keeps.
   */
  ports?: string[];
}

/** Interface kinds as `ip -d link` names them. */
export type IfaceKind =
  'loopback' | 'ethernet' | 'bridge' | 'veth' | 'macvlan' | 'vxlan' | 'ipip' | 'wireguard' | 'openvswitch';

/** A route a student added with `ip route add`. */
export interface StaticRoute {
  dst: string;
  via: string;
  dev: string;
}

/** The kernel-relevant state of one host. A `HostDraft` is a mutable view of it. */
export interface HostState {
  devices: Record<string, HostDevice>;
  ipam: Record<string, HostLocalStore>;
  nextIfIndex: number;
  /** Data-plane-specific per-host state (e.g. a VTEP MAC), owned by the data plane. */
  pluginData: Record<string, JsonValue>;
}

/** A node: only what cannot be derived. */
export interface NodeState extends HostState {
  name: string;
  ip: string;
  mac: string;
  /** MTU of the underlay interface eth0. */
  underlayMtu: number;
  podCIDR: string | null;
  ready: boolean;
  message?: string;
  events: string[];
  /** Pod keys on this node, in creation order. */
  pods: string[];
  staticRoutes: StaticRoute[];
  createdTick: number;
  /** The node's own host-local options (`NodeSpec.ipam`); absent: the cluster's. */
  ipamSpec?: HostLocalIpamSpec;
}

/**
 * The pod's sandbox (pause container) and the CNI Result that networked it, packed (see
 * `cni/packed-result.ts`): read the Result with `sandboxResult`.
 */
export type PodSandbox = PackedSandbox;

/** A pod. `key` is `namespace/name`. */
export interface PodState {
  key: string;
  name: string;
  namespace: string;
  labels: Record<string, string>;
  containers: ContainerSpec[];
  node: string | null;
  phase: 'Pending' | 'Running';
  ip: string | null;
  reason?: string;
  message?: string;
  sandbox?: PodSandbox;
  /** While Pending: the sandbox of the last attempt (for replaying its CNI exchange). */
  attempt?: { containerId: string; netns: string };
  /**
   * `hostNetwork: true`: no netns, sandbox or CNI call; `ip` is the node's (`state/host-network.ts`).
   * Absent for every other pod.
   */
  hostNetwork?: true;
  createdTick: number;
}

/** Host state left behind when a node object is deleted: the machine keeps its devices. */
export type RetiredHost = HostState;

/** The whole simulation. */
export interface ClusterState {
  version: 1;
  seed: number;
  rng: number;
  tick: number;
  config: ClusterConfig;
  nodeIpam: NodeIpamState;
  nodeOrder: string[];
  nodes: Record<string, NodeState>;
  podOrder: string[];
  pods: Record<string, PodState>;
  pending: string[];
  retiredHosts: Record<string, RetiredHost>;
  /** Cluster-wide state owned by the data plane (Calico blocks, Weave ring…). */
  clusterData: Record<string, JsonValue>;
  scheduler: { nextStartNodeIndex: number };
  events: string[];
  /** NetworkPolicies by `namespace/name`, as the API server stores them (enforced or not). */
  policies: Record<string, NetworkPolicy>;
  /**
   * Namespace objects created or labelled (by name; absent in states from before they were
   * modelled). The built-in ones and any a pod or policy uses exist without an entry.
   */
  namespaces?: Record<string, { labels: Record<string, string>; createdTick: number }>;
  /**
   * Neighbour entries the kernels learned from traced traffic (ARP), by node name: the
   * node's own and those of its pods' namespaces (`neighbours.ts`). Absent until a trace
   * crossed a link; the entries the data planes program are derived, never stored here.
   */
  neighbours?: Record<string, LearnedNeighbour[]>;
}

/**
 * A neighbour entry an ARP exchange created, in a node's netns or (with `pod`) in the netns
 * of one of its pods. `ip neigh` prints `state` while `tick` is the current tick and STALE
 * (FAILED for an unanswered one) after (see `kernel/neigh-rows.ts`).
 */
export interface LearnedNeighbour {
  /** The pod (`namespace/name`) whose netns holds it; absent: the node's own. */
  pod?: string;
  ip: string;
  dev: string;
  /** Empty while INCOMPLETE: no one answered. */
  mac: string;
  /** The NUD state the last trace through it left. */
  state: 'REACHABLE' | 'STALE' | 'DELAY' | 'INCOMPLETE';
  /** The tick of that trace. */
  tick: number;
}

/** Commands, discriminated on `type`. */
export type Command =
  | { type: 'addNode'; name: string; ip?: string; ipam?: HostLocalIpamSpec }
  | { type: 'removeNode'; name: string }
  | ({ type: 'schedulePod' } & PodSpec)
  | { type: 'deletePod'; name: string; namespace?: string }
  /** `kubectl label pod`: set `labels`, drop the keys in `remove`; a changed value needs `overwrite`. */
  /** `kubectl create namespace NAME` (or a Namespace applied): refused when it exists. */
  | { type: 'createNamespace'; name: string; labels?: Record<string, string> }
  /** `kubectl label namespace NAME k=v k2-`, as labelPod. */
  | {
      type: 'labelNamespace';
      name: string;
      labels?: Record<string, string>;
      remove?: string[];
      overwrite?: boolean;
    }
  | {
      type: 'labelPod';
      name: string;
      namespace?: string;
      labels?: Record<string, string>;
      remove?: string[];
      overwrite?: boolean;
    }
  | { type: 'addRoute'; node: string; dst: string; via: string }
  | { type: 'deleteRoute'; node: string; dst: string; via?: string }
  | { type: 'deleteInterface'; node: string; name: string }
  | { type: 'applyNetworkPolicy'; policy: unknown }
  | { type: 'deleteNetworkPolicy'; name: string; namespace?: string }
  | {
      type: 'trace';
      from: string;
      to: string;
      protocol: 'icmp' | 'tcp' | 'udp' | 'sctp';
      port?: number;
      /** Application payload bytes (default 56 for ICMP as ping, 0 for a SYN or an SCTP INIT, 32 for UDP). */
      size?: number;
      /** The sender's initial TTL (default 64). */
      ttl?: number;
    };

/** What applying a command returned. */
export type CommandResult =
  | { type: 'trace'; ok: true; trace: TraceResult }
  | { type: Exclude<Command['type'], 'trace'>; ok: true; detail?: JsonValue }
  | { type: Command['type']; ok: false; error: EngineError };
