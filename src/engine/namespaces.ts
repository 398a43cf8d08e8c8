/**
 * Namespaces: the built-in ones, those created or labelled (`state.namespaces`), and any a
 * pod or policy uses (the lab creates those implicitly). Policies read their labels.
 */
import { dict, own } from './dict.ts';
import type { ClusterState } from './types.ts';

/** The namespaces every cluster has. */
export const BUILTIN_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'] as const;

/** The label every namespace carries (set by the API server since Kubernetes 1.21). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** True when the namespace exists: built in, created, or used by a pod or policy. */
export function namespaceExists(state: ClusterState, name: string): boolean {
  if ((BUILTIN_NAMESPACES as readonly string[]).includes(name)) return true;
  if (state.namespaces !== undefined && own(state.namespaces, name) !== undefined) return true;
  const prefix = `${name}/`;
  return (
    state.podOrder.some((k) => k.startsWith(prefix)) ||
    Object.keys(state.policies).some((k) => k.startsWith(prefix))
  );
}

/** A namespace's labels, `kubernetes.io/metadata.name` included. */
export function namespaceLabels(state: ClusterState, name: string): Record<string, string> {
  const entry = state.namespaces === undefined ? undefined : own(state.namespaces, name);
  const labels = dict<string>(entry?.labels);
  labels[NAMESPACE_NAME_LABEL] = name;
  return labels;
}
