/** Test helpers for traces: a two-node cluster per plugin and a compact hop summary. */
import { applyCommand } from '../commands/apply-command.ts';
import { createCluster } from '../cluster/create-cluster.ts';
import type { ClusterState, Command, NetworkSpec } from '../state/types.ts';
import type { TraceHop, TraceResult } from './trace-types.ts';

/** node-1 runs a and c, node-2 runs b. */
export function twoNodes(network: NetworkSpec): ClusterState {
  const r = createCluster({
    network,
    nodes: [{ name: 'node-1' }, { name: 'node-2' }],
    pods: [
      { name: 'a', node: 'node-1', labels: { app: 'a' } },
      {
        name: 'b',
        node: 'node-2',
        labels: { app: 'b' },
        containers: [{ name: 'web', ports: [{ containerPort: 80 }] }],
      },
      { name: 'c', node: 'node-1', labels: { app: 'c' } },
    ],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.state;
}

/**
 * Runs a trace command and returns its TraceResult (throws when the command failed). A
 * trace changes nothing but the neighbour entries its packets taught the kernels: every
 * other part of the state is the same object after it.
 */
export function trace(
  state: ClusterState,
  command: Omit<Extract<Command, { type: 'trace' }>, 'type'>,
): TraceResult {
  const { state: after, result } = applyCommand(state, { type: 'trace', ...command });
  for (const key of Object.keys(state) as (keyof ClusterState)[])
    if (key !== 'neighbours' && key !== 'rng' && after[key] !== state[key])
      throw new Error(`a trace changed ${key}`);
  if (after.rng !== state.rng) throw new Error('a trace drew random numbers');
  if (!result.ok || !('trace' in result)) throw new Error(JSON.stringify(result));
  return result.trace;
}

/** `where device ttl` plus the tunnel (`vxlan:VNI:PORT`, `ipip`, `udp:PORT`) when the packet is encapsulated. */
export function summary(hops: readonly TraceHop[]): string[] {
  return hops.map((h) => {
    const o = h.packet.outer;
    const tunnel =
      o === undefined
        ? ''
        : o.vxlan !== undefined
          ? ` vxlan:${o.vxlan.vni}:${o.udp?.dstPort ?? 0}`
          : o.udp !== undefined
            ? ` udp:${o.udp.dstPort}`
            : ' ipip';
    return `${h.where} ${h.device} ${h.packet.ip.ttl}${tunnel}`;
  });
}

/** Applies commands, failing loudly. */
export function apply(state: ClusterState, commands: Command[]): ClusterState {
  let s = state;
  for (const c of commands) {
    const r = applyCommand(s, c);
    if (!r.result.ok) throw new Error(JSON.stringify(r.result));
    s = r.state;
  }
  return s;
}
