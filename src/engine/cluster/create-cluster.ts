/** createCluster: resolve defaults, validate, then add the spec's nodes and pods in order. */
import { parseCidrInput } from '../net/cidr-edge.ts';
import { applyCommands } from '../commands/apply-command.ts';
import { dict, own } from '../util/dict.ts';
import { dataPlaneFor } from '../dataplanes/registry.ts';
import { formatCidr, formatIp } from '../net/ipv4.ts';
import { createNodeIpam } from '../scheduling/node-ipam.ts';
import { seedState } from '../util/prng.ts';
import type { Problem } from '../spec/result.ts';
import { parseClusterSpec } from '../spec/spec-schema.ts';
import type { ClusterConfig, ClusterSpec, ClusterState, Command } from '../state/types.ts';

/** Defaults from the reference facts. */
export const DEFAULTS = {
  nodeCIDRMaskSize: 24,
  serviceCIDR: '10.96.0.0/12',
  underlayCIDR: '192.168.56.0/24',
} as const;

/** Builds a cluster from a spec (nodes join and pods are scheduled in order). */
export function createCluster(
  spec: ClusterSpec,
  seed = 1,
): { ok: true; state: ClusterState; notice?: string } | { ok: false; problems: Problem[] } {
  const parsed = parseClusterSpec(spec, '');
  if (!parsed.ok) return parsed;
  const s = parsed.value;
  const problems: Problem[] = [];
  const network = s.network ?? { plugin: 'bridge' as const };
  const dp = dataPlaneFor(network.plugin);
  if (dp === undefined)
    return {
      ok: false,
      problems: [{ path: 'network.plugin', message: `the "${network.plugin}" data plane is not available` }],
    };
  const underlayText = s.underlayCIDR ?? DEFAULTS.underlayCIDR;
  // kube-controller-manager parses --cluster-cidr with net.ParseCIDR, which keeps the network
  // and drops host bits: 192.168.5.219/28 is used as 192.168.5.208/28.
  const cluster = parseCidrInput(
    s.clusterCIDR ?? dp.defaultClusterCIDRFor?.(underlayText) ?? dp.defaultClusterCIDR,
    false,
  );
  if (!cluster.ok) problems.push({ path: 'clusterCIDR', message: cluster.message });
  const service = parseCidrInput(s.serviceCIDR ?? DEFAULTS.serviceCIDR);
  if (!service.ok) problems.push({ path: 'serviceCIDR', message: service.message });
  const underlay = parseCidrInput(s.underlayCIDR ?? DEFAULTS.underlayCIDR);
  if (!underlay.ok) problems.push({ path: 'underlayCIDR', message: underlay.message });
  else if (underlay.cidr.prefix > 29)
    problems.push({ path: 'underlayCIDR', message: 'the underlay needs at least a /29' });
  const mask = s.nodeCIDRMaskSize ?? DEFAULTS.nodeCIDRMaskSize;
  if (cluster.ok && mask < cluster.cidr.prefix) {
    problems.push({
      path: 'nodeCIDRMaskSize',
      message:
        'Invalid --cluster-cidr, mask size of cluster CIDR must be less than or equal to --node-cidr-mask-size configured for CIDR family',
    });
  }
  if (!cluster.ok || !service.ok || !underlay.ok || problems.length > 0) return { ok: false, problems };
  const config: ClusterConfig = {
    clusterCIDR: formatCidr(cluster.cidr),
    nodeCIDRMaskSize: mask,
    serviceCIDR: formatCidr(service.cidr),
    underlayCIDR: formatCidr(underlay.cidr),
    underlayGateway: formatIp(underlay.cidr.net + 1),
    network,
  };
  problems.push(...(dp.validate?.(config) ?? []));
  if (problems.length > 0) return { ok: false, problems };
  const empty: ClusterState = {
    version: 1,
    seed,
    rng: seedState(seed),
    tick: 0,
    config,
    nodeIpam: createNodeIpam(cluster.cidr, mask, service.cidr),
    nodeOrder: [],
    nodes: dict(),
    podOrder: [],
    pods: dict(),
    pending: [],
    retiredHosts: dict(),
    clusterData:
      dp.initialClusterData?.(
        config,
        (s.nodes ?? []).map((n) => n.name),
      ) ?? dict(),
    scheduler: { nextStartNodeIndex: 0 },
    events: [],
    policies: dict(),
  };
  const commands: Command[] = [];
  const paths: string[] = [];
  (s.namespaces ?? []).forEach((n, i) => {
    commands.push({ type: 'createNamespace', ...n });
    paths.push(`namespaces[${i}]`);
  });
  (s.nodes ?? []).forEach((n, i) => {
    commands.push({ type: 'addNode', ...n });
    paths.push(`nodes[${i}]`);
  });
  (s.pods ?? []).forEach((p, i) => {
    commands.push({ type: 'schedulePod', ...p });
    paths.push(`pods[${i}]`);
  });
  // Pods that fit no node stay Pending, as kube-scheduler leaves them; one notice says so.
  const { state, results } = applyCommands(empty, commands, { pendUnschedulable: true });
  results.forEach((r, i) => {
    if (!r.ok)
      problems.push({
        path: r.error.path === undefined ? (paths[i] ?? '') : `${paths[i] ?? ''}.${r.error.path}`,
        message: r.error.message,
      });
  });
  if (problems.length > 0) return { ok: false, problems: foldRepeats(problems) };
  const notice = unplacedNotice(state);
  return notice === undefined ? { ok: true, state } : { ok: true, state, notice };
}

/** `nodes[7].ip` → `nodes[].ip`: the list entry's path without its index. */
function stemOf(path: string): string | undefined {
  const m = /^([^[\]]*)\[\d+\](.*)$/.exec(path);
  return m === null ? undefined : `${m[1] ?? ''}[]${m[2] ?? ''}`;
}

/**
 * Consecutive problems with one message on entries of one list (every node past the
 * underlay's last free address) become one: `nodes[253]…nodes[999] (747 entries)`.
 */
export function foldRepeats(problems: readonly Problem[]): Problem[] {
  const out: Problem[] = [];
  let i = 0;
  while (i < problems.length) {
    const first = problems[i] as Problem;
    const stem = stemOf(first.path);
    let j = i + 1;
    while (
      stem !== undefined &&
      j < problems.length &&
      problems[j]?.message === first.message &&
      stemOf(problems[j]?.path ?? '') === stem
    )
      j++;
    if (j - i >= 3) {
      const last = problems[j - 1] as Problem;
      out.push({
        path: `${first.path}…${last.path} (${(j - i).toLocaleString('en-US')} entries)`,
        message: first.message,
      });
    } else out.push(...problems.slice(i, j));
    i = j;
  }
  return out;
}

/** "2,890 of 3,000 pods stay Pending: 0/1 nodes are available: 1 Too many pods." */
function unplacedNotice(state: ClusterState): string | undefined {
  let count = 0;
  let message = '';
  for (const key of state.pending) {
    const pod = own(state.pods, key);
    if (pod?.node !== null) continue;
    if (count === 0) message = pod.message ?? '';
    count++;
  }
  if (count === 0) return undefined;
  const n = (x: number): string => x.toLocaleString('en-US');
  const total = state.podOrder.length;
  return `${n(count)} of ${n(total)} pod${total === 1 ? '' : 's'} ${count === 1 ? 'stays' : 'stay'} Pending (no node to run on): ${message}`;
}
