/**
 * `hostNetwork: true` pods, as kubelet, the API server and kube-scheduler treat them: no
 * netns and no CNI call, Running on bind (also on a node whose network is not ready), the
 * node's IP as theirs, hostPorts defaulted to the containerPorts, nothing on the node or in
 * IPAM that is theirs, and traces that start and end in the node's own namespace.
 */
import { describe, expect, it } from 'vitest';
import {
  applyCommand,
  applyCommands,
  createCluster,
  nodeRows,
  nodeTables,
  parseClusterSpec,
  parseCommand,
  podTables,
  tracePacket,
  type ClusterSpec,
  type ClusterState,
  type Command,
  type TraceRequest,
} from '../index.ts';
import { ipToNumber } from '../net/ipv4.ts';
import { podKeysAt } from '../state/pod-index.ts';
import { podOnNode } from '../tracer/host-view.ts';

function build(spec: ClusterSpec, seed = 1): ClusterState {
  const r = createCluster(spec, seed);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.state;
}

function apply(state: ClusterState, command: Command): ClusterState {
  const r = applyCommand(state, command);
  if (!r.result.ok) throw new Error(JSON.stringify(r.result));
  return r.state;
}

const two = [{ name: 'node-1' }, { name: 'node-2' }];
const agent = { name: 'agent', ports: [{ containerPort: 9100 }] };

describe('hostNetwork in the spec and the schedulePod command', () => {
  it('is accepted as a boolean and refused otherwise, with the path; unknown keys are still refused', () => {
    expect(parseCommand({ type: 'schedulePod', name: 'h', hostNetwork: true }).ok).toBe(true);
    expect(parseClusterSpec({ pods: [{ name: 'h', hostNetwork: false }] }).ok).toBe(true);
    const bad = parseCommand({ type: 'schedulePod', name: 'h', hostNetwork: 'yes' });
    expect(bad.ok).toBe(false);
    expect(bad.ok ? [] : bad.problems.map((p) => p.path)).toEqual(['command.hostNetwork']);
    const typo = parseClusterSpec({ pods: [{ name: 'h', hostnetwork: true }] });
    expect(typo.ok ? '' : (typo.problems[0]?.message ?? '')).toMatch(/unknown field.*"hostNetwork"/);
  });

  it('a hostPort other than the containerPort is refused with the API server message', () => {
    const port = { containerPort: 9100, hostPort: 8080 };
    const cmd = parseCommand({
      type: 'schedulePod',
      name: 'h',
      hostNetwork: true,
      containers: [{ name: 'a' }, { name: 'b', ports: [{ containerPort: 53, hostPort: 53 }, port] }],
    });
    expect(cmd.ok ? [] : cmd.problems).toEqual([
      {
        path: 'command.containers[1].ports[1].hostPort',
        message: 'Invalid value: 8080: must match `containerPort` when `hostNetwork` is true',
      },
    ]);
    const spec = parseClusterSpec({
      pods: [{ name: 'h', hostNetwork: true, containers: [{ name: 'a', ports: [port] }] }],
    });
    expect(spec.ok ? [] : spec.problems.map((p) => p.path)).toEqual([
      'cluster.pods[0].containers[0].ports[0].hostPort',
    ]);
    // Without hostNetwork the same port is a plain portmap hostPort.
    expect(
      parseCommand({ type: 'schedulePod', name: 'h', containers: [{ name: 'a', ports: [port] }] }).ok,
    ).toBe(true);
    const state = build({ nodes: two });
    const r = applyCommand(state, {
      type: 'schedulePod',
      name: 'h',
      hostNetwork: true,
      containers: [{ name: 'a', ports: [port] }],
    });
    expect(r.result).toMatchObject({ ok: false, error: { code: 'invalid-command' } });
    expect(r.state).toBe(state);
  });

  it('the API server defaults each port without a hostPort to its containerPort (the default container too)', () => {
    const state = build({
      nodes: two,
      pods: [
        {
          name: 'h',
          node: 'node-1',
          hostNetwork: true,
          containers: [
            {
              name: 'a',
              ports: [{ containerPort: 9100 }, { containerPort: 53, protocol: 'UDP', hostPort: 53 }],
            },
          ],
        },
        { name: 'd', node: 'node-2', hostNetwork: true },
        { name: 'plain', node: 'node-2', containers: [{ name: 'a', ports: [{ containerPort: 9100 }] }] },
      ],
    });
    expect(state.pods['default/h']?.containers[0]?.ports).toEqual([
      { containerPort: 9100, hostPort: 9100 },
      { containerPort: 53, protocol: 'UDP', hostPort: 53 },
    ]);
    expect(state.pods['default/d']?.containers[0]?.ports).toEqual([
      { containerPort: 80, protocol: 'TCP', hostPort: 80 },
    ]);
    expect(state.pods['default/plain']?.containers[0]?.ports).toEqual([{ containerPort: 9100 }]);
  });
});

describe('kubelet runs a hostNetwork pod in the node namespace', () => {
  it('is Running on bind with the node IP, no sandbox, no netns; several share the node IP', () => {
    const state = build({
      network: { plugin: 'flannel' },
      nodes: two,
      pods: [
        { name: 'a', node: 'node-1', hostNetwork: true, containers: [agent] },
        {
          name: 'b',
          node: 'node-1',
          hostNetwork: true,
          containers: [{ name: 'x', ports: [{ containerPort: 9200 }] }],
        },
        { name: 'p', node: 'node-1' },
      ],
    });
    for (const key of ['default/a', 'default/b']) {
      const pod = state.pods[key];
      expect(pod).toMatchObject({ phase: 'Running', ip: '192.168.56.11', hostNetwork: true, node: 'node-1' });
      expect(pod?.sandbox).toBeUndefined();
      expect(pod?.attempt).toBeUndefined();
    }
    expect(state.pods['default/p']?.ip).toBe('10.244.0.2');
    expect(state.pods['default/p']?.hostNetwork).toBeUndefined();
    expect(state.pending).toEqual([]);
  });

  it('starts on a node whose network is not ready, where a pod-network pod waits', () => {
    // Bridge: node-2 gets no podCIDR from a /24 cluster CIDR, so it has no conflist (NotReady).
    const bridge = build({
      clusterCIDR: '10.244.0.0/24',
      nodes: two,
      pods: [
        { name: 'h', node: 'node-2', hostNetwork: true, containers: [agent] },
        { name: 'p', node: 'node-2' },
      ],
    });
    expect(bridge.nodes['node-2']?.ready).toBe(false);
    expect(bridge.pods['default/h']).toMatchObject({ phase: 'Running', ip: '192.168.56.12' });
    expect(bridge.pods['default/p']).toMatchObject({ phase: 'Pending', reason: 'ContainerCreating' });
    expect(bridge.pods['default/p']?.message).toMatch(/^network is not ready/);
    expect(bridge.pending).toEqual(['default/p']);
    // flannel: no lease yet, so the plugin fails for pod-network pods; flanneld's own
    // DaemonSet pod (hostNetwork) runs regardless.
    const flannel = build({
      network: { plugin: 'flannel' },
      clusterCIDR: '10.244.0.0/24',
      nodes: two,
      pods: [
        { name: 'kube-flannel-ds', namespace: 'kube-flannel', node: 'node-2', hostNetwork: true },
        { name: 'p', node: 'node-2' },
      ],
    });
    expect(flannel.pods['kube-flannel/kube-flannel-ds']).toMatchObject({
      phase: 'Running',
      ip: '192.168.56.12',
    });
    expect(flannel.pods['default/p']?.phase).toBe('Pending');
  });

  it('an unschedulable hostNetwork pod waits, then starts with its node IP once bound', () => {
    const r = applyCommands(
      build({ nodes: [{ name: 'node-1' }] }),
      [
        { type: 'schedulePod', name: 'h1', hostNetwork: true, containers: [agent] },
        { type: 'schedulePod', name: 'h2', hostNetwork: true, containers: [agent] },
      ],
      { pendUnschedulable: true },
    );
    expect(r.state.pods['default/h2']).toMatchObject({ phase: 'Pending', node: null });
    const grown = apply(r.state, { type: 'addNode', name: 'node-2' });
    expect(grown.pods['default/h2']).toMatchObject({ phase: 'Running', node: 'node-2', ip: '192.168.56.12' });
    expect(grown.pending).toEqual([]);
  });
});

describe('the NodePorts filter sees the defaulted hostPorts', () => {
  it('keeps two hostNetwork pods on one port apart, and a portmap hostPort off the same port', () => {
    let state = build({ nodes: two });
    state = apply(state, { type: 'schedulePod', name: 'h1', hostNetwork: true, containers: [agent] });
    state = apply(state, { type: 'schedulePod', name: 'h2', hostNetwork: true, containers: [agent] });
    expect(new Set([state.pods['default/h1']?.node, state.pods['default/h2']?.node])).toEqual(
      new Set(['node-1', 'node-2']),
    );
    const third = applyCommand(state, {
      type: 'schedulePod',
      name: 'p',
      containers: [{ name: 'a', ports: [{ containerPort: 80, hostPort: 9100 }] }],
    });
    expect(third.result).toMatchObject({
      ok: false,
      error: {
        code: 'no-node-available',
        message: "0/2 nodes are available: 2 node(s) didn't have free ports for the requested pod ports.",
      },
    });
    // A different port fits next to them.
    const other = apply(state, {
      type: 'schedulePod',
      name: 'h3',
      hostNetwork: true,
      containers: [{ name: 'x', ports: [{ containerPort: 9200 }] }],
    });
    expect(other.pods['default/h3']?.phase).toBe('Running');
  });
});

/** Everything a node's kernel shows and the tracer reads, for each node (and focused on each address). */
function nodeView(state: ClusterState, focus: readonly string[]): string {
  return JSON.stringify(
    state.nodeOrder.map((n) => {
      const node = state.nodes[n];
      if (node === undefined) return null;
      return [nodeTables(state, n), focus.map((ip) => nodeRows(state, node, ipToNumber(ip)))];
    }),
  );
}

const PLUGINS: Array<[string, ClusterSpec['network']]> = [
  ['bridge', { plugin: 'bridge' }],
  ['bridge ptp', { plugin: 'bridge', cni: 'ptp' }],
  ['bridge macvlan', { plugin: 'bridge', cni: 'macvlan' }],
  ['flannel vxlan', { plugin: 'flannel' }],
  ['flannel host-gw', { plugin: 'flannel', backend: 'host-gw' }],
  ['calico ipip', { plugin: 'calico' }],
  ['calico vxlan', { plugin: 'calico', mode: 'vxlan' }],
  ['weave', { plugin: 'weave' }],
];

describe('a hostNetwork pod changes nothing on its node and holds nothing in IPAM', () => {
  it.each(PLUGINS)('%s: node tables, data plane rows, IPAM and the PRNG are untouched', (_, network) => {
    const base = build({
      ...(network !== undefined ? { network } : {}),
      nodes: [...two, { name: 'node-3' }],
      pods: [
        { name: 'a', node: 'node-1' },
        { name: 'b', node: 'node-2' },
      ],
    });
    const focus = [
      '192.168.56.11',
      '192.168.56.12',
      '192.168.56.13',
      base.pods['default/a']?.ip ?? '',
      base.pods['default/b']?.ip ?? '',
    ];
    const before = nodeView(base, focus);
    let state = base;
    for (const node of ['node-1', 'node-2', 'node-3'])
      state = apply(state, {
        type: 'schedulePod',
        name: `h-${node}`,
        node,
        hostNetwork: true,
        containers: [agent],
      });
    expect(nodeView(state, focus)).toBe(before);
    expect(state.rng).toBe(base.rng);
    expect(JSON.stringify(state.clusterData)).toBe(JSON.stringify(base.clusterData));
    expect(state.nodeOrder.map((n) => JSON.stringify(state.nodes[n]?.ipam))).toEqual(
      base.nodeOrder.map((n) => JSON.stringify(base.nodes[n]?.ipam)),
    );
    // Deleting them releases nothing; the next pod-network pod gets what it would have got.
    let gone = state;
    for (const node of ['node-1', 'node-2', 'node-3'])
      gone = apply(gone, { type: 'deletePod', name: `h-${node}` });
    expect(nodeView(gone, focus)).toBe(before);
    expect(JSON.stringify(gone.clusterData)).toBe(JSON.stringify(base.clusterData));
    const next = apply(gone, { type: 'schedulePod', name: 'c', node: 'node-1' });
    const control = apply(base, { type: 'schedulePod', name: 'c', node: 'node-1' });
    expect(next.pods['default/c']?.ip).toBe(control.pods['default/c']?.ip);
    expect(next.pods['default/c']?.ip).not.toBe('192.168.56.11');
    // A node that leaves with one: its pods are collected, and the data plane's controllers
    // reclaim exactly what they would without it.
    const removed = apply(state, { type: 'removeNode', name: 'node-3' });
    const removedBase = apply(base, { type: 'removeNode', name: 'node-3' });
    expect(JSON.stringify(removed.clusterData)).toBe(JSON.stringify(removedBase.clusterData));
    expect(removed.pods['default/h-node-3']).toBeUndefined();
  });

  it('its namespace is the node: podTables are the node tables', () => {
    const state = build({
      network: { plugin: 'flannel' },
      nodes: two,
      pods: [{ name: 'h', node: 'node-2', hostNetwork: true, containers: [agent] }],
    });
    const pod = podTables(state, 'default/h');
    const node = nodeTables(state, 'node-2');
    expect(pod?.hostNetwork).toBe(true);
    expect(pod?.ipAddr).toBe(node?.ipAddr);
    expect(pod?.ipRoute).toEqual(node?.ipRoute);
    expect(pod?.interfaces.map((i) => i.name)).toEqual(['lo', 'eth0', 'flannel.1']);
    expect(pod?.containers[0]?.listening).toEqual(['0.0.0.0:9100/TCP']);
  });
});

function hops(state: ClusterState, req: TraceRequest): unknown {
  const r = tracePacket(state, req);
  if (!r.ok) throw new Error(r.error.message);
  const { from: _from, to: _to, ...rest } = r.trace;
  return rest;
}

describe('traces from and to a hostNetwork pod are the node traffic', () => {
  it.each(PLUGINS)(
    '%s: the same walk as from the node and to the node IP, on its node and across',
    (_, network) => {
      const state = build({
        ...(network !== undefined ? { network } : {}),
        nodes: two,
        pods: [
          { name: 'a', node: 'node-1' },
          { name: 'near', node: 'node-1', hostNetwork: true, containers: [agent] },
          { name: 'far', node: 'node-2', hostNetwork: true, containers: [agent] },
        ],
      });
      const a = state.pods['default/a']?.ip ?? '';
      for (const [pod, node, ip] of [
        ['near', 'node-1', '192.168.56.11'],
        ['far', 'node-2', '192.168.56.12'],
      ] as const) {
        expect(hops(state, { from: `pod/${pod}`, to: a, protocol: 'icmp' })).toEqual(
          hops(state, { from: `node/${node}`, to: a, protocol: 'icmp' }),
        );
        expect(hops(state, { from: 'pod/a', to: pod, protocol: 'tcp', port: 9100 })).toEqual(
          hops(state, { from: 'pod/a', to: ip, protocol: 'tcp', port: 9100 }),
        );
      }
    },
  );

  it("lookups of pods by address never return a hostNetwork pod (the address is its node's)", () => {
    const state = build({
      network: { plugin: 'weave' },
      nodes: two,
      pods: [
        { name: 'h', node: 'node-1', hostNetwork: true },
        { name: 'a', node: 'node-1' },
      ],
    });
    const node = state.nodes['node-1'];
    if (node === undefined) throw new Error('node-1');
    expect(podKeysAt(state, '192.168.56.11')).toEqual([]);
    expect(podOnNode(state, node, '192.168.56.11')).toBeUndefined();
    expect(podKeysAt(state, state.pods['default/a']?.ip ?? '')).toEqual(['default/a']);
    expect(podOnNode(state, node, state.pods['default/a']?.ip ?? '')?.key).toBe('default/a');
  });

  const spec: ClusterSpec = {
    network: { plugin: 'calico' },
    nodes: two,
    pods: [
      { name: 'a', node: 'node-1', labels: { app: 'client' } },
      { name: 'db', node: 'node-1', labels: { app: 'db' } },
      { name: 'h', node: 'node-2', hostNetwork: true, labels: { app: 'client' }, containers: [agent] },
    ],
  };

  it('from the pod: the walk of a trace from node/NAME; to it: the walk of a trace to the node IP', () => {
    const state = build(spec);
    const a = state.pods['default/a']?.ip ?? '';
    expect(hops(state, { from: 'pod/h', to: a, protocol: 'icmp' })).toEqual(
      hops(state, { from: 'node/node-2', to: a, protocol: 'icmp' }),
    );
    const to = hops(state, { from: 'pod/a', to: 'pod/h', protocol: 'tcp', port: 9100 });
    expect(to).toEqual(hops(state, { from: 'pod/a', to: '192.168.56.12', protocol: 'tcp', port: 9100 }));
    expect(to).toEqual(hops(state, { from: 'pod/a', to: 'node/node-2', protocol: 'tcp', port: 9100 }));
    const r = tracePacket(state, { from: 'pod/a', to: 'h', protocol: 'icmp' });
    expect(r.ok && r.trace.delivered).toBe(true);
    const last = r.ok ? r.trace.hops[r.trace.hops.length - 1] : undefined;
    expect(last?.where).toBe('node/node-2');
    expect(last?.note).toMatch(/delivered locally/);
    expect(r.ok ? r.trace.hops.some((h) => h.where === 'pod/h') : true).toBe(false);
  });

  it('NetworkPolicy neither selects it nor lets its traffic in by podSelector (it is the node IP)', () => {
    let state = build(spec);
    state = apply(state, {
      type: 'applyNetworkPolicy',
      policy: {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'db-from-clients', namespace: 'default' },
        spec: {
          podSelector: { matchLabels: { app: 'db' } },
          policyTypes: ['Ingress'],
          ingress: [{ from: [{ podSelector: { matchLabels: { app: 'client' } } }] }],
        },
      },
    });
    state = apply(state, {
      type: 'applyNetworkPolicy',
      policy: {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'deny-all', namespace: 'default' },
        spec: { podSelector: { matchLabels: { app: 'client' } }, policyTypes: ['Ingress', 'Egress'] },
      },
    });
    const delivered = (req: TraceRequest): boolean => {
      const r = tracePacket(state, req);
      return r.ok && r.trace.delivered;
    };
    // The podSelector app=client matches pod a, not the hostNetwork pod labelled the same.
    expect(delivered({ from: 'pod/h', to: 'pod/db', protocol: 'tcp', port: 80 })).toBe(false);
    const r = tracePacket(state, { from: 'pod/h', to: 'pod/db', protocol: 'tcp', port: 80 });
    expect(r.ok ? r.trace.dropReason : '').toMatch(/NetworkPolicy denied it at ingress/);
    // deny-all selects app=client: pod a is isolated both ways, the hostNetwork pod is not.
    expect(delivered({ from: 'pod/a', to: 'pod/db', protocol: 'tcp', port: 80 })).toBe(false);
    expect(delivered({ from: 'pod/h', to: '8.8.8.8', protocol: 'icmp' })).toBe(true);
    expect(delivered({ from: 'pod/db', to: 'pod/h', protocol: 'tcp', port: 9100 })).toBe(true);
  });

  it('a hostNetwork pod not running yet is still named as a pod that cannot send', () => {
    const r = applyCommands(build({ nodes: [] }), [{ type: 'schedulePod', name: 'h', hostNetwork: true }], {
      pendUnschedulable: true,
    });
    expect(r.state.pods['default/h']).toMatchObject({ phase: 'Pending', node: null, hostNetwork: true });
    const t = tracePacket(r.state, { from: 'pod/h', to: '8.8.8.8', protocol: 'icmp' });
    expect(t.ok && t.trace.dropReason).toMatch(/source pod h is not running/);
  });
});
