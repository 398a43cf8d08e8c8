/**
 * What a sandbox link carries, and the checks it must pass before the lab acts on it.
 *
 * A sandbox link carries a scenario, the runner's own input: `{ v, seed, cluster, actions }`,
 * the cluster spec the sandbox started from, its seed and every action that succeeded
 * (traces and policies included). The engine is deterministic, so replaying it gives the
 * same cluster: the same IPs, MACs and ids. The cluster and the actions go through the
 * engine's own parsers, as a scenario file for `npm run lab` does.
 */
import { parseClusterSpec, parseCommands, type ClusterSpec, type Command } from '../engine/index.ts';
import { isRecord, parseJsonSafely } from '../lessons/safe-json.ts';
import { MAX_SANDBOX_NODES, MAX_SANDBOX_PODS } from './sandbox-params.ts';

export const SHARE_VERSION = 1;
/** The most actions a sandbox link may replay. */
export const MAX_SHARED_ACTIONS = 2000;

export interface SharedSandbox {
  readonly seed: number;
  readonly cluster: ClusterSpec;
  readonly actions: readonly Command[];
}

/** Reads a sandbox link's text; every problem is named by its path (at most ten). */
export function parseSharedSandbox(
  text: string,
): { ok: true; value: SharedSandbox } | { ok: false; problems: string[] } {
  const json = parseJsonSafely(text, { maxChars: 512 * 1024, maxDepth: 32, subject: 'link' });
  if (!json.ok) return { ok: false, problems: [json.message.replace('the file', 'the link')] };
  const doc = json.value;
  if (!isRecord(doc)) return { ok: false, problems: ['the link holds no sandbox: expected an object'] };
  const problems: string[] = [];
  const version = doc['v'];
  if (version !== SHARE_VERSION)
    problems.push(
      typeof version === 'number' && version > SHARE_VERSION
        ? `v: the link was made by a newer version of the lab (${version})`
        : `v: expected ${SHARE_VERSION}`,
    );
  const seed = doc['seed'];
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    problems.push('seed: expected a whole number from 0 to 4294967295');
  const cluster = parseClusterSpec(doc['cluster'] ?? null, 'cluster');
  if (!cluster.ok) problems.push(...cluster.problems.map((p) => `${p.path}: ${p.message}`));
  else {
    if ((cluster.value.nodes?.length ?? 0) > MAX_SANDBOX_NODES)
      problems.push(`cluster.nodes: more than ${MAX_SANDBOX_NODES} nodes, the sandbox's limit`);
    if ((cluster.value.pods?.length ?? 0) > MAX_SANDBOX_PODS)
      problems.push(`cluster.pods: more than ${MAX_SANDBOX_PODS} pods, the sandbox's limit`);
  }
  const rawActions = doc['actions'] ?? [];
  if (Array.isArray(rawActions) && rawActions.length > MAX_SHARED_ACTIONS)
    problems.push(
      `actions: ${rawActions.length} actions, more than the ${MAX_SHARED_ACTIONS} a link may hold`,
    );
  else {
    const actions = parseCommands(rawActions, 'actions');
    if (!actions.ok) problems.push(...actions.problems.map((p) => `${p.path}: ${p.message}`));
    else if (problems.length === 0 && cluster.ok)
      return { ok: true, value: { seed: seed as number, cluster: cluster.value, actions: actions.value } };
  }
  return { ok: false, problems: problems.slice(0, 10) };
}

/** The text a sandbox link carries. */
export function formatSharedSandbox(state: SharedSandbox): string {
  return JSON.stringify({
    v: SHARE_VERSION,
    seed: state.seed,
    cluster: state.cluster,
    actions: state.actions,
  });
}
