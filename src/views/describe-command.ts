import type { Command, CommandResult } from '../engine/index.ts';

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
    case 'deleteNetworkPolicy':
      return `Delete network policy ${command.name}`;
    case 'trace':
      return `Trace ${command.from} → ${command.to}`;
    default:
      return command.type;
  }
}
