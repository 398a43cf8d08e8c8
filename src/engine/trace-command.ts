/**
 * The `trace` command: answered by the packet tracer (`tracer/walk.ts`). A trace never
 * changes the state; a delivered or dropped packet is `ok: true` with `trace`.
 */
import { tracePacket } from './tracer/walk.ts';
import type { ClusterState, Command, CommandResult } from './types.ts';

/** Traces a packet through the cluster's derived tables. */
export function traceCommand(
  state: ClusterState,
  command: Extract<Command, { type: 'trace' }>,
): CommandResult {
  const { type: _type, ...request } = command;
  const r = tracePacket(state, request);
  return r.ok ? { type: 'trace', ok: true, trace: r.trace } : { type: 'trace', ok: false, error: r.error };
}
