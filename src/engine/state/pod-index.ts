/**
 * Pods by IP, for lookups that would otherwise scan every pod (the tracer's view of Weave's
 * flat network). Kept on the state's `pods` record as a derived value; a batch that writes
 * its own copy of the record drops it (`Tx.putPod`, `Tx.dropPod`), so it is never stale.
 */
import { own } from '../util/dict.ts';
import { derived, derivedKey, forgetDerived, keepDerived } from '../util/derived.ts';
import type { ClusterState } from './types.ts';
import { isHostNetworkPod } from './host-network.ts';

const BY_IP = derivedKey<Map<string, string[]>>('pod keys by IP');

/** The keys of the pods holding `ip` on the pod network (not hostNetwork pods), in creation order. */
export function podKeysAt(state: ClusterState, ip: string): readonly string[] {
  let index = derived(state.pods, BY_IP);
  if (index === undefined) {
    index = new Map();
    for (const key of state.podOrder) {
      const pod = own(state.pods, key);
      const at = pod?.ip;
      if (at == null || pod === undefined || isHostNetworkPod(pod)) continue;
      const list = index.get(at);
      if (list === undefined) index.set(at, [key]);
      else list.push(key);
    }
    keepDerived(state.pods, BY_IP, index);
  }
  return index.get(ip) ?? [];
}

/** Drops the index after `pods` changed. */
export function forgetPodIndex(pods: ClusterState['pods']): void {
  forgetDerived(pods, BY_IP);
}
