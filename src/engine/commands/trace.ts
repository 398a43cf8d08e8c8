/**
 * The `trace` command: answered by the packet tracer (`tracer/walk.ts`). Tracing is pure;
 * a delivered or dropped packet is `ok: true` with `trace`, and the ARP exchanges its
 * packets needed come back beside it for `applyCommands` to learn (`learnNeighbours`).
 */
import type { ArpExchange } from '../tracer/arp.ts';
import { tracePacket } from '../tracer/walk.ts';
import type { ClusterState, Command, CommandResult } from '../state/types.ts';

/** Traces a packet through the cluster's derived tables. */
export function traceCommand(
  state: ClusterState,
  command: Extract<Command, { type: 'trace' }>,
): { result: CommandResult; arp: readonly ArpExchange[] } {
  const { type: _type, ...request } = command;
  const r = tracePacket(state, request);
  return r.ok
    ? { result: { type: 'trace', ok: true, trace: r.trace }, arp: r.arp }
    : { result: { type: 'trace', ok: false, error: r.error }, arp: [] };
}
