/**
 * A host over a plain cluster state, for the runner and tests: dispatch applies the
 * command, trace runs the tracer, and every trace is passed to `onTrace` (tcpdump).
 */
import {
  applyCommand,
  type ClusterState,
  type Command,
  type CommandResult,
  type TraceResult,
} from '../engine/index.ts';
import type { ShellHost } from './types.ts';

export interface LocalHost extends ShellHost {
  /** Every command applied through this host with its result, in order. */
  readonly log: { command: Command; result: CommandResult }[];
}

/** A host that owns its state. */
export function createLocalHost(initial: ClusterState, onTrace?: (trace: TraceResult) => void): LocalHost {
  let state = initial;
  const log: { command: Command; result: CommandResult }[] = [];
  const dispatch = (command: Command): CommandResult => {
    const r = applyCommand(state, command);
    state = r.state;
    log.push({ command, result: r.result });
    if (r.result.ok && 'trace' in r.result) onTrace?.(r.result.trace);
    return r.result;
  };
  return {
    cluster: () => state,
    dispatch,
    trace: (request) => dispatch({ ...request, type: 'trace' }),
    log,
  };
}
