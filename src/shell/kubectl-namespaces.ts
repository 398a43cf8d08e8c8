/** `kubectl get namespaces` and `kubectl create namespace`: Namespace objects and their labels. */
import { namespaceExists, namespaceLabels, type ClusterState } from '../engine/index.ts';
import { ageSeconds, epochAt, humanDuration, rfc3339 } from './clock.ts';
import { labelsColumn } from './kubectl-tables.ts';
import { fail, ok, type Ctx, type ProgramResult } from './program.ts';
import { formatColumns } from './table.ts';

const createdOf = (state: ClusterState, name: string): number =>
  (state.namespaces !== undefined && Object.hasOwn(state.namespaces, name)
    ? state.namespaces[name]?.createdTick
    : undefined) ?? 0;

/** The Namespace as `kubectl get namespace -o json` prints it. */
export function namespaceObject(state: ClusterState, name: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      creationTimestamp: rfc3339(epochAt(createdOf(state, name))),
      labels: { ...namespaceLabels(state, name) },
      name,
    },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

/** `kubectl get namespaces [NAME...]` as a table (`--show-labels` adds LABELS). */
export function formatNamespacesTable(
  state: ClusterState,
  names: readonly string[],
  showLabels: boolean,
): string {
  const head = ['NAME', 'STATUS', 'AGE'];
  if (showLabels) head.push('LABELS');
  const rows = names.map((n) => {
    const row = [n, 'Active', humanDuration(ageSeconds(state.tick, createdOf(state, n)))];
    if (showLabels) row.push(labelsColumn(namespaceLabels(state, n)));
    return row;
  });
  return formatColumns([head, ...rows]);
}

/** `kubectl create namespace NAME` (the lab creates only namespaces). */
export function create(ctx: Ctx, positional: readonly string[]): ProgramResult {
  const [kind, name] = positional;
  if (kind === undefined) return fail('error: Required resource not specified.');
  if (kind !== 'namespace' && kind !== 'ns')
    return fail(
      `error: the lab creates namespaces only; use kubectl run or kubectl apply -f - for a ${kind}`,
    );
  if (name === undefined) return fail('error: exactly one NAME is required, got 0');
  if (namespaceExists(ctx.host.cluster(), name))
    return fail(`Error from server (AlreadyExists): namespaces "${name}" already exists`);
  const r = ctx.host.dispatch({ type: 'createNamespace', name });
  if (!r.ok)
    return fail(
      `The Namespace "${name}" is invalid: metadata.name: Invalid value: "${name}": ${r.error.message}`,
    );
  return ok(`namespace/${name} created\n`);
}
