/**
 * The network namespace a command runs in: a node's root namespace or a pod's, with the
 * tables the engine derives for it (the same ones the inspector shows).
 */
import {
  nodeRows,
  nodeTables,
  podTables,
  type ClusterState,
  type FileRow,
  type Iface,
  type NodeState,
  type PodState,
  type RouteRow,
} from '../engine/index.ts';
import type { Place } from './types.ts';

/** A namespace's tables, printed as the tools print them. */
export interface Netns {
  readonly kind: 'node' | 'pod';
  /** `node/NAME` or `pod/KEY`, as the tracer names places. */
  readonly where: string;
  readonly hostname: string;
  readonly node: NodeState | undefined;
  readonly pod: PodState | undefined;
  readonly interfaces: readonly Iface[];
  readonly routes: readonly RouteRow[];
  readonly ipRoute: readonly string[];
  readonly ipNeigh: readonly string[];
  readonly bridgeFdb: readonly string[];
  readonly iptablesNat: readonly string[];
  readonly files: readonly FileRow[];
}

/** The namespace of a node or pod place; null when it no longer exists. */
export function netnsOf(state: ClusterState, place: Place): Netns | null {
  if (place.kind === 'node') {
    const node = Object.hasOwn(state.nodes, place.node) ? state.nodes[place.node] : undefined;
    const t = nodeTables(state, place.node);
    if (node === undefined || t === null) return null;
    return {
      kind: 'node',
      where: `node/${node.name}`,
      hostname: node.name,
      node,
      pod: undefined,
      interfaces: t.interfaces,
      routes: nodeRows(state, node).routes,
      ipRoute: t.ipRoute,
      ipNeigh: t.ipNeigh,
      bridgeFdb: t.bridgeFdb,
      iptablesNat: t.iptablesNat,
      files: t.files,
    };
  }
  if (place.kind === 'pod') {
    const pod = Object.hasOwn(state.pods, place.pod) ? state.pods[place.pod] : undefined;
    const t = podTables(state, place.pod);
    if (pod === undefined || t === null) return null;
    const node =
      pod.node !== null && Object.hasOwn(state.nodes, pod.node) ? state.nodes[pod.node] : undefined;
    // A hostNetwork pod's netns (and UTS namespace: kubelet sets no sandbox hostname for
    // it) is its node's: the engine gives it the node's tables, and traces run from there.
    const onHost = t.hostNetwork === true && node !== undefined;
    return {
      kind: 'pod',
      where: onHost ? `node/${node.name}` : `pod/${pod.key}`,
      hostname: onHost ? node.name : pod.name,
      node,
      pod,
      interfaces: t.interfaces,
      routes: t.routes,
      ipRoute: t.ipRoute,
      ipNeigh: t.ipNeigh,
      bridgeFdb: [],
      iptablesNat: [],
      files: [],
    };
  }
  return null;
}
