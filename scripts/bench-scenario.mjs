/**
 * Scenario files for the whole-process benchmark: `nodes` nodes in the cluster spec,
 * `pods` schedulePod actions and one cross-node trace, for one data plane.
 * `node scripts/bench-scenario.mjs PLUGIN NODES PODS > FILE` prints one.
 */
import { pathToFileURL } from 'node:url';

/** The network spec and cluster CIDR each benchmarked data plane runs with. */
export const BENCH_NETWORKS = {
  flannel: { plugin: 'flannel' },
  calico: { plugin: 'calico' },
  weave: { plugin: 'weave' },
  bridge: { plugin: 'bridge', cni: 'bridge' },
  ptp: { plugin: 'bridge', cni: 'ptp' },
  macvlan: { plugin: 'bridge', cni: 'macvlan' },
};

/** A scenario object: `nodes` nodes, `pods` schedulePod actions, then one trace pod-1 → pod-2. */
export function benchScenario(plugin, nodes, pods) {
  const network = BENCH_NETWORKS[plugin];
  if (network === undefined) throw new Error(`unknown plugin ${plugin}`);
  const actions = [];
  for (let i = 1; i <= pods; i++) actions.push({ type: 'schedulePod', name: `pod-${i}` });
  actions.push({ type: 'trace', from: 'pod-1', to: 'pod-2', protocol: 'icmp' });
  return {
    seed: 42,
    cluster: {
      clusterCIDR: '10.128.0.0/9',
      underlayCIDR: '172.16.0.0/16',
      network,
      nodes: Array.from({ length: nodes }, (_, i) => ({ name: `node-${i + 1}` })),
    },
    actions,
  };
}

/**
 * A mixed scenario of `count` actions (seeded): nodes join and leave, pods are scheduled
 * (some onto a named node) and deleted. The cluster CIDR holds 16 node blocks of 30
 * addresses, so some nodes wait for a podCIDR and some pods wait for an address: the
 * pending queue stays long, and kubelet's retries are what the run exercises.
 */
export function mixedScenario(count, plugin = 'flannel', seed = 7) {
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const live = [];
  const pods = [];
  let nextNode = 1;
  let nextPod = 1;
  const actions = [];
  for (const _ of Array.from({ length: 4 })) live.push(`node-${nextNode++}`);
  while (actions.length < count) {
    const r = rand();
    if (r < 0.04 || live.length === 0) {
      const name = `node-${nextNode++}`;
      live.push(name);
      actions.push({ type: 'addNode', name });
    } else if (r < 0.06 && live.length > 2) {
      const [name] = live.splice(Math.floor(rand() * live.length), 1);
      actions.push({ type: 'removeNode', name });
    } else if (r < 0.7) {
      const name = `pod-${nextPod++}`;
      pods.push(name);
      actions.push(
        rand() < 0.5
          ? { type: 'schedulePod', name, node: live[Math.floor(rand() * live.length)] }
          : { type: 'schedulePod', name },
      );
    } else if (pods.length > 0) {
      const [name] = pods.splice(Math.floor(rand() * pods.length), 1);
      actions.push({ type: 'deletePod', name });
    }
  }
  return {
    seed: 1,
    cluster: {
      clusterCIDR: '10.200.0.0/23',
      nodeCIDRMaskSize: 27,
      network: BENCH_NETWORKS[plugin],
      nodes: [1, 2, 3, 4].map((i) => ({ name: `node-${i}` })),
    },
    actions,
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [plugin = 'flannel', nodes = '5000', pods = '150000'] = process.argv.slice(2);
  const doc =
    plugin === 'mixed' ? mixedScenario(Number(nodes)) : benchScenario(plugin, Number(nodes), Number(pods));
  process.stdout.write(JSON.stringify(doc));
}
