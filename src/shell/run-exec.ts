/** Running an exec action: the line at its place, in a fresh session (as a new terminal would). */
import type { ClusterState } from '../engine/index.ts';
import type { ExecAction } from './exec-action.ts';
import { createLocalHost } from './local-host.ts';
import { interrupt, runLine } from './shell.ts';
import { createSession, type Place, type Session, type ShellHost } from './types.ts';

/** The place an action's `on` names, or the error a student would see getting there. */
export function placeOf(state: ClusterState, on: string): { place: Place } | { error: string } {
  if (on === 'kubectl') return { place: { kind: 'workstation' } };
  if (on.startsWith('node/')) {
    const name = on.slice(5);
    if (!Object.hasOwn(state.nodes, name))
      return { error: `ssh: Could not resolve hostname ${name}: Name or service not known\n` };
    return { place: { kind: 'node', node: name } };
  }
  const ref = on.slice(4);
  let key = ref.includes('/') ? ref : `default/${ref}`;
  if (!Object.hasOwn(state.pods, key) && !ref.includes('/')) {
    const found = state.podOrder.filter((k) => k.endsWith(`/${ref}`));
    if (found.length === 1) key = found[0] ?? key;
  }
  const pod = Object.hasOwn(state.pods, key) ? state.pods[key] : undefined;
  if (pod === undefined)
    return { error: `Error from server (NotFound): pods "${ref.split('/').pop() ?? ref}" not found\n` };
  if (pod.phase !== 'Running')
    return {
      error: `error: unable to upgrade connection: container not found ("${pod.containers[0]?.name ?? pod.name}")\n`,
    };
  return { place: { kind: 'pod', pod: key, container: pod.containers[0]?.name ?? pod.name } };
}

/** What an exec action printed, its status, and the session it left (a tcpdump may still wait). */
export interface ExecOutcome {
  readonly output: string;
  readonly status: number;
  readonly session: Session;
}

/** Runs the action's line at its place through `host`. */
export function runExecAction(host: ShellHost, action: ExecAction): ExecOutcome {
  const where = placeOf(host.cluster(), action.on);
  const base = createSession();
  if ('error' in where) return { output: where.error, status: 1, session: base };
  const session: Session =
    where.place.kind === 'workstation' ? base : { ...base, places: [...base.places, where.place] };
  const r = runLine(host, session, action.command);
  return { output: r.output, status: r.status, session: r.session };
}

/**
 * Runs an exec action on a state, for a lesson's replay: the state after it (kubectl run
 * and delete change it) and what it printed. A job it starts is stopped at once, as Ctrl-C
 * would (ping prints its statistics, tcpdump its counts).
 */
export function execOnState(
  state: ClusterState,
  action: ExecAction,
): { state: ClusterState; output: string; status: number } {
  const host = createLocalHost(state);
  const r = runExecAction(host, action);
  let output = r.output;
  if (r.session.job !== null) output += interrupt(r.session).output.replace(/^\^C\n?/, '');
  return { state: host.cluster(), output, status: r.status };
}
