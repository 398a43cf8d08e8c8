import type { ClusterState, Command, CommandResult } from '../engine/index.ts';

/** One sentence saying what a command did, for the status line after an action. */
export function describeCommand(command: Command, result: CommandResult): string {
  if (!result.ok) return `${verb(command)} failed: ${result.error.message}`;
  if (command.type === 'trace' && 'trace' in result) {
    const t = result.trace;
    return `Traced ${command.protocol}${command.port ? `/${command.port}` : ''} from ${command.from} to ${command.to}: ${t.delivered ? 'delivered' : `dropped (${t.dropReason ?? 'no reason given'})`}.`;
  }
  return `${verb(command)}: done.`;
}

/** What a command does, in a few words ("Schedule pod web on node-1"). */
export function verb(command: Command): string {
  switch (command.type) {
    case 'addNode':
      return `Add node ${command.name}`;
    case 'removeNode':
      return `Remove node ${command.name}`;
    case 'schedulePod':
      return `Schedule pod ${command.name}${command.node ? ` on ${command.node}` : ''}`;
    case 'deletePod':
      return `Delete pod ${command.name}`;
    case 'addRoute':
      return `ip route add ${command.dst} via ${command.via} on ${command.node}`;
    case 'deleteRoute':
      return `ip route del ${command.dst} on ${command.node}`;
    case 'applyNetworkPolicy':
      return 'Apply network policy';
    case 'labelPod':
      return `Label pod ${command.name}`;
    case 'deleteNetworkPolicy':
      return `Delete network policy ${command.name}`;
    case 'trace':
      return `Trace ${command.from} → ${command.to}`;
    default:
      return command.type;
  }
}

/** How an action went, for the status line's colour: done, done but not as hoped, or refused. */
export type Outcome = 'success' | 'warning' | 'error';

/**
 * The status line for an action: a refused command is an error; a pod that was created but
 * stays Pending, and a trace that was dropped, are warnings (the command ran, the network
 * did not do what the student may expect); anything else is a success.
 */
export function describeOutcome(
  command: Command,
  result: CommandResult,
  cluster: ClusterState,
): { outcome: Outcome; text: string } {
  if (!result.ok) return { outcome: 'error', text: describeCommand(command, result) };
  if (command.type === 'trace' && 'trace' in result && !result.trace.delivered)
    return { outcome: 'warning', text: describeCommand(command, result) };
  if (command.type === 'schedulePod') {
    const pod = cluster.pods[`${command.namespace ?? 'default'}/${command.name}`];
    if (pod?.phase === 'Pending')
      return {
        outcome: 'warning',
        text: `${verb(command)}: the pod was created but is Pending${pod.reason ? ` (${pod.reason})` : ''}${pod.message ? `: ${pod.message}` : '.'}`,
      };
  }
  return { outcome: 'success', text: describeCommand(command, result) };
}
