/**
 * The tables `kubectl get` prints (pods, nodes, networkpolicies, events), one function per
 * table, shared by the terminal and the runner.
 */
import type { ClusterState, LabelSelector, NetworkPolicy, NodeState, PodState } from '../engine/index.ts';
import { ageSeconds, humanDuration } from './clock.ts';
import { NODE_INFO, podStatus } from './k8s-objects.ts';
import { formatColumns } from './table.ts';

/** `kubectl get pods` rows, in the order the API lists them (namespace, then name). */
export function formatPodsTable(
  state: ClusterState,
  pods: readonly PodState[],
  opts: { wide: boolean; allNamespaces: boolean; showLabels?: boolean },
): string {
  const head = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'];
  if (opts.wide) head.push('IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES');
  if (opts.showLabels === true) head.push('LABELS');
  if (opts.allNamespaces) head.unshift('NAMESPACE');
  const rows: string[][] = [head];
  for (const p of pods) {
    const ready = p.phase === 'Running' ? p.containers.length : 0;
    const row = [
      p.name,
      `${ready}/${p.containers.length}`,
      podStatus(p),
      '0',
      humanDuration(ageSeconds(state.tick, p.createdTick)),
    ];
    if (opts.wide) row.push(p.ip ?? '<none>', p.node ?? '<none>', '<none>', '<none>');
    if (opts.showLabels === true) row.push(labelsColumn(p.labels));
    if (opts.allNamespaces) row.unshift(p.namespace);
    rows.push(row);
  }
  return formatColumns(rows);
}

/** `--show-labels`: `k=v` pairs sorted by key, comma-separated, or `<none>`. */
export function labelsColumn(labels: Readonly<Record<string, string>>): string {
  const keys = Object.keys(labels).sort();
  return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${labels[k] ?? ''}`).join(',');
}

/** `kubectl get nodes` (`-o wide` adds addresses, OS, kernel and runtime). */
export function formatNodesTable(state: ClusterState, nodes: readonly NodeState[], wide: boolean): string {
  const head = ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'];
  if (wide) head.push('INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME');
  const rows: string[][] = [head];
  for (const n of nodes) {
    const row = [
      n.name,
      n.ready ? 'Ready' : 'NotReady',
      '<none>',
      humanDuration(ageSeconds(state.tick, n.createdTick)),
      NODE_INFO.kubeletVersion,
    ];
    if (wide)
      row.push(n.ip, '<none>', NODE_INFO.osImage, NODE_INFO.kernelVersion, NODE_INFO.containerRuntimeVersion);
    rows.push(row);
  }
  return formatColumns(rows);
}

/** A LabelSelector as kubectl prints it (`app=web,tier in (a,b)`), `<none>` when empty. */
export function formatLabelSelector(s: LabelSelector): string {
  const parts = Object.entries(s.matchLabels).map(([k, v]) => `${k}=${v}`);
  for (const e of s.matchExpressions) {
    if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${e.operator === 'In' ? 'in' : 'notin'} (${e.values.join(',')})`);
  }
  return parts.length === 0 ? '<none>' : parts.join(',');
}

/** `kubectl get networkpolicies`. */
export function formatPoliciesTable(policies: readonly NetworkPolicy[], allNamespaces: boolean): string {
  const head = allNamespaces ? ['NAMESPACE', 'NAME', 'POD-SELECTOR', 'AGE'] : ['NAME', 'POD-SELECTOR', 'AGE'];
  const rows: string[][] = [head];
  for (const p of policies) {
    const row = [p.metadata.name, formatLabelSelector(p.spec.podSelector), '<unknown>'];
    if (allNamespaces) row.unshift(p.metadata.namespace);
    rows.push(row);
  }
  return formatColumns(rows);
}

/** A cluster event as the engine records it: `Type Reason kind/ns/name: message`. */
export interface ParsedEvent {
  readonly type: string;
  readonly reason: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly message: string;
}

/** Reads an engine event line; null for a line in another shape. */
export function parseEvent(text: string): ParsedEvent | null {
  const m = /^(\S+) (\S+) (pod|node)\/([^:]+): ([\s\S]*)$/.exec(text);
  if (!m) return null;
  const kind = m[3] ?? '';
  const ref = m[4] ?? '';
  const slash = ref.indexOf('/');
  const namespace = kind === 'pod' && slash >= 0 ? ref.slice(0, slash) : 'default';
  const name = kind === 'pod' && slash >= 0 ? ref.slice(slash + 1) : ref;
  return { type: m[1] ?? '', reason: m[2] ?? '', kind, namespace, name, message: m[5] ?? '' };
}

/**
 * `kubectl get events`. The engine keeps events without timestamps, so LAST SEEN is
 * `<unknown>`, as kubectl prints it for an event without one.
 */
export function formatEventsTable(events: readonly ParsedEvent[], allNamespaces: boolean): string {
  const head = ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];
  if (allNamespaces) head.unshift('NAMESPACE');
  const rows: string[][] = [head];
  for (const e of events) {
    const row = ['<unknown>', e.type, e.reason, `${e.kind}/${e.name}`, e.message];
    if (allNamespaces) row.unshift(e.namespace);
    rows.push(row);
  }
  return formatColumns(rows);
}
