/**
 * Namespaces: the built-in ones, those created or labelled (`state.namespaces`), and any a
 * pod or policy uses (the lab creates those implicitly). Policies read their labels.
 */
import { dict, own } from '../util/dict.ts';
import { NAMESPACE_NAME_LABEL } from '../policy/selector.ts';
import type { ClusterState } from './types.ts';

export { NAMESPACE_NAME_LABEL };

/** The namespaces every cluster has. */
export const BUILTIN_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'] as const;

/** Every namespace that exists (built in, created, or used by a pod or policy), sorted by name. */
export function namespaceNames(state: ClusterState): string[] {
  const names = new Set<string>(BUILTIN_NAMESPACES);
  for (const n of Object.keys(state.namespaces ?? {})) names.add(n);
  for (const k of state.podOrder) names.add(k.slice(0, k.indexOf('/')));
  for (const k of Object.keys(state.policies)) names.add(k.slice(0, k.indexOf('/')));
  return [...names].sort();
}

/** True when the namespace exists (`namespaceNames` for one name, without listing them all). */
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
