/**
 * labelPod, createNamespace, labelNamespace: `kubectl label pod|namespace NAME k=v k2-` and
 * `kubectl create namespace`. The API server stores the new labels; nothing restarts.
 * NetworkPolicies select pods and namespaces by label when a packet is checked, so the next
 * trace sees the change.
 */
import { dict, own } from '../util/dict.ts';
import { engineError, type EngineError } from '../spec/result.ts';
import type { Tx } from '../cluster/tx.ts';
import type { Command } from '../state/types.ts';
import { NAMESPACE_NAME_LABEL, namespaceExists } from '../state/namespaces.ts';
import { resolvePod } from './delete-pod.ts';

type Relabel = { labels?: Record<string, string>; remove?: string[]; overwrite?: boolean };

/** The labels after a change; without `overwrite` a key that has another value is refused, as kubectl does. */
function relabel(
  current: Readonly<Record<string, string>>,
  change: Relabel,
): { labels: Record<string, string> } | { error: EngineError } {
  const set = change.labels ?? {};
  if (change.overwrite !== true) {
    const clashes = Object.keys(set)
      .filter((k) => own(current, k) !== undefined && own(current, k) !== set[k])
      .map((k) => `'${k}' already has a value (${own(current, k) ?? ''}), and --overwrite is false`);
    if (clashes.length > 0) return { error: engineError('label-exists', clashes.join(', '), 'labels') };
  }
  const labels = dict<string>();
  const drop = new Set(change.remove ?? []);
  for (const [k, v] of Object.entries(current)) if (!drop.has(k)) labels[k] = v;
  for (const [k, v] of Object.entries(set)) labels[k] = v;
  return { labels };
}

/** Applies labelPod. */
export function labelPod(tx: Tx, command: Extract<Command, { type: 'labelPod' }>): EngineError | null {
  const found = resolvePod(tx.state, command.name, command.namespace);
  if ('error' in found) return found.error;
  const pod = own(tx.state.pods, found.key);
  if (pod === undefined) return engineError('unknown-pod', `pods "${command.name}" not found`, 'name');
  const next = relabel(pod.labels, command);
  if ('error' in next) return next.error;
  tx.putPod({ ...pod, labels: next.labels });
  return null;
}

/** Applies createNamespace. */
export function createNamespace(
  tx: Tx,
  command: Extract<Command, { type: 'createNamespace' }>,
): EngineError | null {
  if (namespaceExists(tx.state, command.name))
    return engineError('namespace-exists', `namespaces "${command.name}" already exists`, 'name');
  const labels = dict<string>(command.labels);
  delete labels[NAMESPACE_NAME_LABEL];
  tx.namespaces()[command.name] = { labels, createdTick: tx.state.tick };
  return null;
}

/** Applies labelNamespace (the name label itself cannot change: the API server keeps it). */
export function labelNamespace(
  tx: Tx,
  command: Extract<Command, { type: 'labelNamespace' }>,
): EngineError | null {
  if (!namespaceExists(tx.state, command.name))
    return engineError('unknown-namespace', `namespaces "${command.name}" not found`, 'name');
  const entry = tx.state.namespaces === undefined ? undefined : own(tx.state.namespaces, command.name);
  const next = relabel(entry?.labels ?? {}, command);
  if ('error' in next) return next.error;
  delete next.labels[NAMESPACE_NAME_LABEL];
  tx.namespaces()[command.name] = { labels: next.labels, createdTick: entry?.createdTick ?? tx.state.tick };
  return null;
}
