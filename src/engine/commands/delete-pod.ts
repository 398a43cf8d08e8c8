/** deletePod: StopPodSandbox (CNI DEL in reverse order), then the pod object goes. */
import { own } from '../util/dict.ts';
import { engineError, type EngineError } from '../spec/result.ts';
import { stopPod } from '../cluster/sandbox.ts';
import { forgetNeighbours } from './learn-neighbours.ts';
import type { Tx } from '../cluster/tx.ts';
import type { ClusterState } from '../state/types.ts';

/** The API server's NotFound for a pod: the plural resource and the bare name (`pods "b" not found`). */
function podNotFound(key: string): EngineError {
  return engineError('unknown-pod', `pods "${key.slice(key.indexOf('/') + 1)}" not found`, 'name');
}

/** Finds a pod by `ns/name`, by name + namespace, or by a name unique across namespaces. */
export function resolvePod(
  state: ClusterState,
  name: string,
  namespace?: string,
): { key: string } | { error: EngineError } {
  if (name.includes('/')) {
    return own(state.pods, name) !== undefined ? { key: name } : { error: podNotFound(name) };
  }
  if (namespace !== undefined || own(state.pods, `default/${name}`) !== undefined) {
    const key = `${namespace ?? 'default'}/${name}`;
    return own(state.pods, key) !== undefined ? { key } : { error: podNotFound(key) };
  }
  const matches = state.podOrder.filter((k) => k.slice(k.indexOf('/') + 1) === name);
  if (matches.length === 1 && matches[0] !== undefined) return { key: matches[0] };
  if (matches.length === 0) return { error: podNotFound(name) };
  return {
    error: engineError(
      'ambiguous-pod',
      `pod name "${name}" exists in several namespaces: ${matches.join(', ')}`,
      'name',
    ),
  };
}

/** Applies deletePod. */
export function deletePod(tx: Tx, name: string, namespace?: string): EngineError | null {
  const found = resolvePod(tx.state, name, namespace);
  if ('error' in found) return found.error;
  const pod = own(tx.state.pods, found.key);
  if (pod === undefined) return podNotFound(found.key);
  const node = pod.node === null ? undefined : own(tx.state.nodes, pod.node);
  if (node !== undefined) {
    stopPod(tx, pod, node);
    const owned = tx.node(node.name);
    owned.pods.splice(owned.pods.indexOf(pod.key), 1);
    tx.podCountChanged(node.name, -1);
  }
  forgetNeighbours(tx, { pods: [pod] });
  tx.dropPod(pod.key);
  return null;
}
