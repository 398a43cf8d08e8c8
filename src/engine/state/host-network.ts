/**
 * `hostNetwork: true` pods: they run in their node's own network namespace, so they have no
 * netns, no CNI call, no address of their own (kubelet reports the node's InternalIP as
 * `status.podIP`) and nothing in the node's tables is theirs.
 */
import type { ContainerSpec, PodState } from './types.ts';

/** Does the pod use its node's network namespace (`spec.hostNetwork: true`)? */
export function isHostNetworkPod(pod: Pick<PodState, 'hostNetwork'>): boolean {
  return pod.hostNetwork === true;
}

/**
 * The API server's defaulting for a hostNetwork pod (`SetDefaults_Pod` →
 * `defaultHostNetworkPorts`, kubernetes `pkg/apis/core/v1/defaults.go`): every container
 * port without a hostPort gets `hostPort = containerPort`. Returns the input when nothing
 * changes.
 */
export function defaultHostNetworkPorts(containers: readonly ContainerSpec[]): readonly ContainerSpec[] {
  if (!containers.some((c) => (c.ports ?? []).some((p) => p.hostPort === undefined))) return containers;
  return containers.map((c) =>
    c.ports === undefined || c.ports.every((p) => p.hostPort !== undefined)
      ? c
      : {
          ...c,
          ports: c.ports.map((p) => (p.hostPort === undefined ? { ...p, hostPort: p.containerPort } : p)),
        },
  );
}
