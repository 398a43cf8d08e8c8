/**
 * Pods, nodes and policies as the API server returns them (`kubectl get -o json|yaml`),
 * built from the cluster state. Only fields the lab models are filled in.
 */
import type { ClusterState, NetworkPolicy, NodeState, PodState } from '../engine/index.ts';
import { epochAt, rfc3339 } from './clock.ts';

/** The kubelet the lab's nodes report. */
export const NODE_INFO = {
  kubeletVersion: 'v1.31.2',
  osImage: 'Ubuntu 24.04.1 LTS',
  kernelVersion: '6.8.0-48-generic',
  containerRuntimeVersion: 'containerd://1.7.22',
} as const;

/** The image a container runs (`kubectl run` without one is an error; the lab's default is busybox). */
export function imageOf(c: { image?: string }): string {
  return c.image ?? 'busybox';
}

/** kubectl's STATUS column for a pod. */
export function podStatus(pod: PodState): string {
  if (pod.phase === 'Running') return 'Running';
  return pod.reason ?? 'Pending';
}

/** The pod as `kubectl get pod -o json` prints it. */
export function podObject(state: ClusterState, pod: PodState): Record<string, unknown> {
  const node = pod.node === null ? undefined : state.nodes[pod.node];
  const running = pod.phase === 'Running';
  const created = rfc3339(epochAt(pod.createdTick));
  const status: Record<string, unknown> = {
    phase: pod.phase,
    conditions: [
      pod.node === null
        ? {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            ...(pod.message !== undefined ? { message: pod.message } : {}),
          }
        : { type: 'PodScheduled', status: 'True' },
      { type: 'Ready', status: running ? 'True' : 'False' },
    ],
  };
  if (node !== undefined) status['hostIP'] = node.ip;
  if (pod.ip !== null) {
    status['podIP'] = pod.ip;
    status['podIPs'] = [{ ip: pod.ip }];
  }
  if (node !== undefined)
    status['containerStatuses'] = pod.containers.map((c) => ({
      name: c.name,
      image: imageOf(c),
      ready: running,
      restartCount: 0,
      state: running
        ? { running: { startedAt: created } }
        : { waiting: { reason: pod.reason ?? 'ContainerCreating' } },
    }));
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: pod.name,
      namespace: pod.namespace,
      creationTimestamp: created,
      ...(Object.keys(pod.labels).length > 0 ? { labels: { ...pod.labels } } : {}),
    },
    spec: {
      containers: pod.containers.map((c) => ({
        name: c.name,
        image: imageOf(c),
        ...(c.ports !== undefined && c.ports.length > 0
          ? {
              ports: c.ports.map((p) => ({
                containerPort: p.containerPort,
                protocol: p.protocol ?? 'TCP',
                ...(p.name !== undefined ? { name: p.name } : {}),
                ...(p.hostPort !== undefined ? { hostPort: p.hostPort } : {}),
              })),
            }
          : {}),
      })),
      ...(pod.hostNetwork === true ? { hostNetwork: true } : {}),
      ...(pod.node !== null ? { nodeName: pod.node } : {}),
    },
    status,
  };
}

/** The node as `kubectl get node -o json` prints it. */
export function nodeObject(node: NodeState): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: node.name,
      creationTimestamp: rfc3339(epochAt(node.createdTick)),
      labels: {
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': node.name,
        'kubernetes.io/os': 'linux',
      },
    },
    spec: node.podCIDR === null ? {} : { podCIDR: node.podCIDR, podCIDRs: [node.podCIDR] },
    status: {
      addresses: [
        { type: 'InternalIP', address: node.ip },
        { type: 'Hostname', address: node.name },
      ],
      conditions: [
        {
          type: 'Ready',
          status: node.ready ? 'True' : 'False',
          reason: node.ready ? 'KubeletReady' : 'KubeletNotReady',
          message: node.ready ? 'kubelet is posting ready status' : (node.message ?? ''),
        },
      ],
      nodeInfo: { ...NODE_INFO, architecture: 'amd64', operatingSystem: 'linux' },
    },
  };
}

/** A stored NetworkPolicy as the API returns it. */
export function policyObject(policy: NetworkPolicy): Record<string, unknown> {
  return { ...(policy as unknown as Record<string, unknown>) };
}

/** A list of objects (`kind: List`), as kubectl prints several with -o json|yaml. */
export function listObject(items: readonly unknown[]): Record<string, unknown> {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}
