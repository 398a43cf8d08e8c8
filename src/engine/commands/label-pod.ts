/**
 * labelPod: `kubectl label pod NAME k=v k2-`. The API server stores the new labels; nothing
 * restarts. NetworkPolicies select pods by label when a packet is checked, so the next trace
 * sees the change.
 */
import { dict, own } from '../dict.ts';
import { engineError, type EngineError } from '../result.ts';
import type { Tx } from '../tx.ts';
import type { Command } from '../types.ts';
import { resolvePod } from './delete-pod.ts';

/** Applies labelPod. Without `overwrite` a key that has another value is refused, as kubectl does. */
export function labelPod(tx: Tx, command: Extract<Command, { type: 'labelPod' }>): EngineError | null {
  const found = resolvePod(tx.state, command.name, command.namespace);
  if ('error' in found) return found.error;
  const pod = own(tx.state.pods, found.key);
  if (pod === undefined) return engineError('unknown-pod', `pods "${command.name}" not found`, 'name');
  const set = command.labels ?? {};
  if (command.overwrite !== true) {
    const clashes = Object.keys(set)
      .filter((k) => own(pod.labels, k) !== undefined && own(pod.labels, k) !== set[k])
      .map((k) => `'${k}' already has a value (${own(pod.labels, k) ?? ''}), and --overwrite is false`);
    if (clashes.length > 0) return engineError('label-exists', clashes.join(', '), 'labels');
  }
  const labels = dict<string>();
  const drop = new Set(command.remove ?? []);
  for (const [k, v] of Object.entries(pod.labels)) if (!drop.has(k)) labels[k] = v;
  for (const [k, v] of Object.entries(set)) labels[k] = v;
  tx.putPod({ ...pod, labels });
  return null;
}
