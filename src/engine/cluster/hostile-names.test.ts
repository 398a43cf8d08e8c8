/**
 * Names that are also properties of `Object.prototype` behave exactly like ordinary names.
 * Every command and query runs once with a reference name and once with a hostile one of the
 * same validity class (`constructor` is a valid DNS-1123 name like `node-1`; `toString`,
 * `hasOwnProperty` and `valueOf` are valid label keys and values but not node names, like
 * `Node1`; `__proto__` is valid nowhere, like `_node_`), as node, pod, namespace, device,
 * policy, label key and label value names. The results, with the name substituted, must be
 * identical, and no query may throw.
 */
import { describe, expect, it } from 'vitest';
import {
  applyCommands,
  cniExchangeForPod,
  createCluster,
  hostCanReachPod,
  listNodes,
  listPods,
  nodeTables,
  podTables,
  type ClusterState,
  type Command,
  type NetworkSpec,
} from '../index.ts';

const CASES: ReadonlyArray<{ hostile: string; reference: string }> = [
  { hostile: 'constructor', reference: 'node-1' },
  { hostile: 'toString', reference: 'Node1' },
  { hostile: 'hasOwnProperty', reference: 'Node1' },
  { hostile: 'valueOf', reference: 'Node1' },
  { hostile: '__proto__', reference: '_node_' },
];

const NETWORKS: readonly NetworkSpec[] = [
  { plugin: 'bridge' },
  { plugin: 'flannel' },
  { plugin: 'calico' },
  { plugin: 'weave' },
];

/** Every command, with `N` wherever a user chooses a name. */
function script(n: string): Command[] {
  return [
    { type: 'addNode', name: n },
    { type: 'schedulePod', name: n, node: n },
    { type: 'schedulePod', name: 'web', namespace: n, labels: { [n]: n } },
    { type: 'schedulePod', name: 'db', labels: { app: n } },
    { type: 'schedulePod', name: 'other', node: 'node-a', labels: { [n]: 'x' } },
    { type: 'addRoute', node: n, dst: '10.99.0.0/24', via: '192.168.56.1' },
    { type: 'deleteRoute', node: n, dst: '10.99.0.0/24', via: '192.168.56.1' },
    { type: 'deleteRoute', node: n, dst: '10.98.0.0/24' },
    {
      type: 'applyNetworkPolicy',
      policy: {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: n, namespace: n },
        spec: {
          podSelector: { matchLabels: { [n]: n } },
          policyTypes: ['Ingress'],
          ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: n, operator: 'Exists' }] } }] }],
        },
      },
    },
    { type: 'trace', from: `node/${n}`, to: 'db', protocol: 'icmp' },
    { type: 'trace', from: n, to: 'db', protocol: 'icmp' },
    { type: 'trace', from: 'db', to: `${n}/web`, protocol: 'tcp', port: 80 },
    { type: 'trace', from: 'db', to: n, protocol: 'icmp' },
    { type: 'deleteNetworkPolicy', name: n, namespace: n },
    { type: 'deleteNetworkPolicy', name: `${n}/${n}` },
    { type: 'deletePod', name: n },
    { type: 'deletePod', name: 'web', namespace: n },
    { type: 'deletePod', name: `${n}/web` },
    { type: 'deleteInterface', node: n, name: n },
    { type: 'deleteInterface', node: 'node-a', name: n },
    { type: 'removeNode', name: n },
    { type: 'removeNode', name: n },
    { type: 'addNode', name: n },
    { type: 'schedulePod', name: 'again', node: n },
  ];
}

function build(network: NetworkSpec): ClusterState {
  const created = createCluster({ network, nodes: [{ name: 'node-a' }, { name: 'node-b' }] }, 7);
  if (!created.ok) throw new Error(JSON.stringify(created.problems));
  return created.state;
}

/** Everything a user can observe, as text with `n` replaced by a marker. */
function observe(network: NetworkSpec, n: string): string[] {
  const seen: string[] = [];
  let state = build(network);
  const keys = [n, `default/${n}`, `${n}/web`, 'default/db', 'default/other'];
  for (const command of script(n)) {
    const r = applyCommands(state, [command]);
    state = r.state;
    const result = r.results[0];
    if (result === undefined) throw new Error('no result');
    seen.push(
      JSON.stringify(
        result.ok
          ? result.type === 'trace'
            ? { ok: true, delivered: result.trace.delivered, drop: result.trace.dropReason ?? null }
            : { ok: true }
          : { ok: false, code: result.error.code, message: result.error.message, path: result.error.path },
      ),
    );
    seen.push(JSON.stringify(listNodes(state).map((x) => [x.name, x.ip, x.podCIDR, x.ready, x.podCount])));
    seen.push(JSON.stringify(listPods(state).map((x) => [x.name, x.namespace, x.node, x.ip, x.phase])));
    for (const node of [n, 'node-a']) {
      const tables = nodeTables(state, node);
      seen.push(`${node}: ${tables === null ? 'none' : `${tables.ipRoute.length} routes`}`);
    }
    for (const key of keys) {
      const tables = podTables(state, key);
      seen.push(`${key}: ${tables === null ? 'none' : tables.ipRoute.length}`);
      if (tables !== null) {
        seen.push(`${key} reach ${String(hostCanReachPod(state, key))}`);
        seen.push(`${key} exchange ${cniExchangeForPod(state, key).length}`);
      }
    }
    // A state that went through JSON (saved, sent to a worker) has ordinary prototypes again.
    const revived = JSON.parse(JSON.stringify(state)) as ClusterState;
    seen.push(JSON.stringify(listPods(revived).map((x) => x.ip)));
    seen.push(`revived ${nodeTables(revived, n) === null ? 'none' : 'tables'}`);
  }
  // Calico picks a node's block by a hash of the node name, so its pod addresses differ by name.
  const blocks = network.plugin === 'calico' ? /172\.16\.\d+\.\d+/g : null;
  return seen.map((line) => {
    const named = line.split(n).join('«N»');
    return blocks === null ? named : named.replace(blocks, '«pod IP»');
  });
}

describe('names that are Object.prototype properties', () => {
  for (const network of NETWORKS) {
    for (const { hostile, reference } of CASES) {
      it(`${network.plugin}: "${hostile}" behaves as "${reference}" in every command and query`, () => {
        const expected = observe(network, reference);
        const actual = observe(network, hostile);
        expect(actual).toEqual(expected);
      });
    }
  }

  it('a valid hostile name really runs: constructor joins, runs a pod, leaves and rejoins', () => {
    const lines = observe({ plugin: 'weave' }, 'constructor');
    expect(lines[0]).toBe('{"ok":true}');
    expect(lines.some((l) => l.includes('"«N»","default","«N»","10.'))).toBe(true);
  });

  it('a spec with a JSON "__proto__" key is refused by name, not dropped', () => {
    const labels = JSON.parse('{"__proto__": "x", "app": "web"}') as Record<string, string>;
    const created = createCluster({ nodes: [{ name: 'node-1' }], pods: [{ name: 'a', labels }] });
    expect(created.ok ? [] : created.problems).toEqual([
      {
        path: 'pods[0].labels.__proto__',
        message: expect.stringContaining('"__proto__" is not a valid label key'),
      },
    ]);
  });
});
