/**
 * applyCommand / applyCommands: dispatch on `type`, one copy of the big maps per batch,
 * the same object back when nothing changed, kubelet's retry after every command.
 */
import { addNode } from './add-node.ts';
import { deletePod } from './delete-pod.ts';
import { createNamespace, labelNamespace, labelPod } from './label-pod.ts';
import { removeNode } from './remove-node.ts';
import { addRoute, deleteInterface, deleteRoute } from './routes.ts';
import { applyNetworkPolicy, deleteNetworkPolicy } from './network-policy.ts';
import { bindUnplaced, schedulePod } from './schedule-pod.ts';
import { engineError, unreachable, type EngineError } from '../spec/result.ts';
import { retryPending } from '../cluster/sandbox.ts';
import { isPlainBulkCommand, parseCommand } from '../spec/spec-schema.ts';
import { learnNeighbours } from './learn-neighbours.ts';
import { traceCommand } from './trace.ts';
import { Tx } from '../cluster/tx.ts';
import type { ClusterState, Command, CommandResult } from '../state/types.ts';

function execute(tx: Tx, command: Command): EngineError | null {
  switch (command.type) {
    case 'addNode':
      return addNode(tx, command.name, command.ip, command.ipam);
    case 'removeNode':
      return removeNode(tx, command.name);
    case 'schedulePod':
      // schedulePod reads the spec's fields and keeps none of the object: no copy without `type`.
      return schedulePod(tx, command);
    case 'deletePod':
      return deletePod(tx, command.name, command.namespace);
    case 'labelPod':
      return labelPod(tx, command);
    case 'createNamespace':
      return createNamespace(tx, command);
    case 'labelNamespace':
      return labelNamespace(tx, command);
    case 'addRoute':
      return addRoute(tx, command.node, command.dst, command.via);
    case 'deleteRoute':
      return deleteRoute(tx, command.node, command.dst, command.via);
    case 'deleteInterface':
      return deleteInterface(tx, command.node, command.name);
    case 'applyNetworkPolicy':
      return applyNetworkPolicy(tx, command.policy);
    case 'deleteNetworkPolicy':
      return deleteNetworkPolicy(tx, command.name, command.namespace);
    case 'trace':
      return null;
    default:
      return unreachable(command);
  }
}

const successes = new Map<Exclude<Command['type'], 'trace'>, CommandResult>();

/** Success results carry nothing but the type: one frozen object per type is shared. */
function successOf(type: Exclude<Command['type'], 'trace'>): CommandResult {
  let r = successes.get(type);
  if (r === undefined) {
    r = Object.freeze({ type, ok: true as const });
    successes.set(type, r);
  }
  return r;
}

function typeOf(command: unknown): Command['type'] {
  const t =
    typeof command === 'object' && command !== null ? (command as { type?: unknown }).type : undefined;
  return (typeof t === 'string' ? t : 'unknown') as Command['type'];
}

/** How a batch treats what it cannot do. */
export interface ApplyOptions {
  /**
   * A schedulePod that no node fits leaves the pod Pending without a node (kube-scheduler's
   * queue) instead of failing; later commands that add room bind it. createCluster sets it.
   */
  pendUnschedulable?: boolean;
}

/** Applies a batch. Results equal applying one by one; the big maps are copied once. */
export function applyCommands(
  state: ClusterState,
  commands: readonly Command[],
  opts: ApplyOptions = {},
): { state: ClusterState; results: CommandResult[] } {
  // The batch's draft, made on the first write (a trace that learns a neighbour writes too).
  const batch: { tx: Tx | null } = { tx: null };
  const open = (): Tx => {
    if (batch.tx !== null) return batch.tx;
    const t = new Tx(state);
    t.pendUnschedulable = opts.pendUnschedulable === true;
    batch.tx = t;
    return t;
  };
  let learned = false;
  const results: CommandResult[] = [];
  for (let i = 0; i < commands.length; i++) {
    const raw = commands[i];
    let command: Command;
    if (isPlainBulkCommand(raw)) command = raw;
    else {
      const parsed = parseCommand(raw, 'command');
      if (!parsed.ok) {
        const p = parsed.problems[0];
        const error = engineError(
          'invalid-command',
          parsed.problems.map((x) => `${x.path}: ${x.message}`).join('; '),
          p?.path ?? `commands[${i}]`,
        );
        results.push({ type: typeOf(raw), ok: false, error });
        continue;
      }
      command = parsed.value;
    }
    if (command.type === 'trace') {
      // Tracing reads the state; the neighbours its packets resolved are learned after it
      // (no tick, no retry: nothing a pod waits for changed).
      const traced = traceCommand(batch.tx === null ? state : batch.tx.state, command);
      results.push(traced.result);
      if (traced.arp.length > 0) learned = learnNeighbours(open(), traced.arp) || learned;
      continue;
    }
    const t = open();
    const error = execute(t, command);
    if (error !== null) {
      results.push({ type: command.type, ok: false, error });
      continue;
    }
    t.state.tick += 1;
    if (t.takePlacement()) bindUnplaced(t);
    retryPending(t);
    results.push(successOf(command.type));
  }
  const changed = learned || results.some((r) => r.ok && r.type !== 'trace');
  return { state: batch.tx !== null && changed ? batch.tx.finish() : state, results };
}

/** Applies one command. On failure the returned state is the input object. */
export function applyCommand(
  state: ClusterState,
  command: Command,
): { state: ClusterState; result: CommandResult } {
  const { state: next, results } = applyCommands(state, [command]);
  const result = results[0];
  if (result === undefined) throw new Error('applyCommands returned no result');
  return { state: next, result };
}
