import { describe, expect, it } from 'vitest';
import {
  applyCommand,
  applyCommands,
  cniExchangeForPod,
  createCluster,
  hostCanReachPod,
  listNodes,
  listPods,
  nodeTables,
  parseClusterSpec,
  parseCommand,
  podTables,
  sandboxResult,
  type ClusterSpec,
  type ClusterState,
} from '../index.ts';
import type { CniResult } from '../cni/spec-types.ts';
import { hostLocalFiles } from '../cni/host-local.ts';
import { ipv6LinkLocal } from '../kernel/link-local.ts';

function resultOf(s: ClusterState, key: string): CniResult {
  const sb = s.pods[key]?.sandbox;
  if (sb === undefined) throw new Error(`${key} has no sandbox`);
  return sandboxResult(sb);
}

function cluster(spec: ClusterSpec, seed = 1): ClusterState {
  const r = createCluster(spec, seed);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.state;
}
const three = { nodes: [{ name: 'node-1' }, { name: 'node-2' }, { name: 'node-3' }] };

describe('cluster basics', () => {
  it('nodes get .11, .12… on the underlay and podCIDRs in order', () => {
    expect(listNodes(cluster(three)).map((n) => [n.name, n.ip, n.podCIDR, n.ready])).toEqual([
      ['node-1', '192.168.56.11', '10.244.0.0/24', true],
      ['node-2', '192.168.56.12', '10.244.1.0/24', true],
      ['node-3', '192.168.56.13', '10.244.2.0/24', true],
    ]);
  });

  it('the scheduler spreads pods over the fewest-pods nodes', () => {
    const s = cluster({ ...three, pods: ['a', 'b', 'c', 'd'].map((name) => ({ name })) });
    expect(listPods(s).map((p) => p.node)).toEqual(['node-1', 'node-2', 'node-3', 'node-1']);
    expect(listPods(s).map((p) => p.ip)).toEqual(['10.244.0.2', '10.244.1.2', '10.244.2.2', '10.244.0.3']);
  });

  it('a failed command returns the same state object, with a stable code', () => {
    const s = cluster(three);
    for (const cmd of [
      { type: 'addNode', name: 'node-1' },
      { type: 'removeNode', name: 'nope' },
      { type: 'schedulePod', name: 'x', node: 'nope' },
      { type: 'deletePod', name: 'nope' },
      { type: 'addNode', name: 'n9', ip: '10.0.0.1' },
    ] as const) {
      const { state, result } = applyCommand(s, cmd);
      expect(state).toBe(s);
      expect(result.ok).toBe(false);
    }
    const bad = applyCommand(s, { type: 'addNode', name: 42 } as never);
    expect(bad.state).toBe(s);
    expect(bad.result).toMatchObject({ ok: false, error: { code: 'invalid-command', path: 'command.name' } });
  });

  it('port coordination: two containers on one port fail with EADDRINUSE', () => {
    const s = cluster(three);
    const { state, result } = applyCommand(s, {
      type: 'schedulePod',
      name: 'web',
      containers: [
        { name: 'nginx', ports: [{ containerPort: 80 }] },
        { name: 'sidecar', ports: [{ containerPort: 80, protocol: 'TCP' }] },
      ],
    });
    expect(state).toBe(s);
    expect(result.ok ? '' : result.error.code).toBe('port-conflict');
    expect(result.ok ? '' : result.error.message).toContain('bind: address already in use');
    const ok = applyCommand(s, {
      type: 'schedulePod',
      name: 'web',
      containers: [
        { name: 'nginx', ports: [{ containerPort: 80 }] },
        { name: 'dns', ports: [{ containerPort: 80, protocol: 'UDP' }] },
      ],
    });
    expect(ok.result.ok).toBe(true);
    const t = podTables(ok.state, 'default/web');
    expect(t?.containers.map((c) => c.listening)).toEqual([['0.0.0.0:80/TCP'], ['0.0.0.0:80/UDP']]);
  });

  it('rejects an unregistered data plane by name', () => {
    const r = createCluster({ network: { plugin: 'weave' } });
    if (r.ok) return; // once the weave data plane is registered this no longer applies
    expect(r.problems).toEqual([
      { path: 'network.plugin', message: 'the "weave" data plane is not available' },
    ]);
  });
});

describe('tables (reference C.3, C.4)', () => {
  it('host and pod routes for bridge', () => {
    const s = cluster({ ...three, pods: [{ name: 'a', node: 'node-2' }] });
    expect(nodeTables(s, 'node-2')?.ipRoute).toEqual([
      'default via 192.168.56.1 dev eth0',
      '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1',
      '192.168.56.0/24 dev eth0 proto kernel scope link src 192.168.56.12',
    ]);
    expect(podTables(s, 'default/a')?.ipRoute).toEqual([
      'default via 10.244.1.1 dev eth0',
      '10.244.1.0/24 dev eth0 proto kernel scope link src 10.244.1.2',
    ]);
    expect(nodeTables(s, 'node-1')?.interfaces.map((i) => i.name)).toEqual(['lo', 'eth0']); // cni0 only after the first pod
    const t2 = nodeTables(s, 'node-2');
    const sb = s.pods['default/a']?.sandbox;
    const pod = sb === undefined ? [] : (sandboxResult(sb).interfaces ?? []);
    // As the kernel dumps it (reference "node-1: bridge fdb show"): device by device, the
    // multicast groups each joined as self rows; no vlan rows (vlan_filtering is off).
    const eth0 = s.nodes['node-2']?.mac ?? '';
    const tail = (mac: string | undefined): string => (mac ?? '').slice(9);
    expect(t2?.bridgeFdb).toEqual([
      '33:33:00:00:00:01 dev eth0 self permanent',
      '01:00:5e:00:00:01 dev eth0 self permanent',
      `33:33:ff:${tail(eth0)} dev eth0 self permanent`,
      '33:33:00:00:00:01 dev cni0 self permanent',
      '01:00:5e:00:00:6a dev cni0 self permanent',
      '33:33:00:00:00:6a dev cni0 self permanent',
      '01:00:5e:00:00:01 dev cni0 self permanent',
      `33:33:ff:${tail(pod[0]?.mac)} dev cni0 self permanent`,
      `${pod[0]?.mac} dev cni0 master cni0 permanent`,
      `${pod[2]?.mac} dev ${pod[1]?.name} master cni0`,
      `${pod[1]?.mac} dev ${pod[1]?.name} master cni0 permanent`,
      `33:33:00:00:00:01 dev ${pod[1]?.name} self permanent`,
      `01:00:5e:00:00:01 dev ${pod[1]?.name} self permanent`,
      `33:33:ff:${tail(pod[1]?.mac)} dev ${pod[1]?.name} self permanent`,
    ]);
    // An idle node has talked to nobody: no neighbour entry (it used to list the underlay
    // gateway as REACHABLE; a real node learns it only when traffic leaves through it).
    expect(t2?.ipNeigh).toEqual([]);
    const nat = nodeTables(s, 'node-2')?.iptablesNat ?? [];
    expect(nat.filter((l) => l.startsWith('-N CNI-')).length).toBe(1);
    expect(nat.some((l) => /^-A CNI-[0-9a-f]{24} ! -d 224\.0\.0\.0\/4 .* -j MASQUERADE$/.test(l))).toBe(true);
  });

  it('flannel-like pod routes with isDefaultGateway', () => {
    const s = cluster({
      ...three,
      network: { plugin: 'bridge', isDefaultGateway: true },
      pods: [{ name: 'a', node: 'node-2' }],
    });
    expect(podTables(s, 'default/a')?.ipRoute).toEqual([
      'default via 10.244.1.1 dev eth0',
      '10.244.1.0/24 dev eth0 proto kernel scope link src 10.244.1.2',
    ]);
  });

  it('static routes a student adds show in ip route, and their next hop in ip neigh once used', () => {
    const s = cluster(three);
    const { state, result } = applyCommand(s, {
      type: 'addRoute',
      node: 'node-1',
      dst: '10.244.1.0/24',
      via: '192.168.56.12',
    });
    expect(result.ok).toBe(true);
    expect(nodeTables(state, 'node-1')?.ipRoute).toContain('10.244.1.0/24 via 192.168.56.12 dev eth0');
    // A route programs no neighbour (this row used to be there at once): node-1 resolves
    // its next hop when a packet takes the route.
    expect(nodeTables(state, 'node-1')?.ipNeigh).toEqual([]);
    const used = applyCommand(state, {
      type: 'trace',
      from: 'node/node-1',
      to: '10.244.1.5',
      protocol: 'icmp',
    });
    expect(nodeTables(used.state, 'node-1')?.ipNeigh).toEqual([
      `192.168.56.12 dev eth0 lladdr ${state.nodes['node-2']?.mac} REACHABLE`,
    ]);
    expect(
      applyCommand(state, { type: 'addRoute', node: 'node-1', dst: '10.244.1.0/24', via: '192.168.56.12' })
        .result,
    ).toMatchObject({ ok: false, error: { code: 'route-exists' } });
    expect(
      applyCommand(s, { type: 'addRoute', node: 'node-1', dst: '10.244.1.0/24', via: '172.16.0.1' }).result,
    ).toMatchObject({ ok: false, error: { code: 'invalid-gateway' } });
  });

  it('ptp: host route per pod, /32 gateway route inside the pod', () => {
    const s = cluster({
      ...three,
      network: { plugin: 'bridge', cni: 'ptp' },
      pods: [{ name: 'a', node: 'node-1' }],
    });
    expect(nodeTables(s, 'node-1')?.ipRoute).toContain(
      `10.244.0.2 dev ${resultOf(s, 'default/a').interfaces?.[0]?.name} scope host`,
    );
    expect(podTables(s, 'default/a')?.ipRoute).toEqual([
      'default via 10.244.0.1 dev eth0',
      '10.244.0.0/24 via 10.244.0.1 dev eth0 src 10.244.0.2',
      '10.244.0.1 dev eth0 scope link src 10.244.0.2',
    ]);
  });

  it('macvlan: no host-side veth and the host cannot reach its own pods', () => {
    const s = cluster({
      ...three,
      network: { plugin: 'bridge', cni: 'macvlan' },
      pods: [{ name: 'a', node: 'node-1' }],
    });
    expect(nodeTables(s, 'node-1')?.interfaces.map((i) => i.kind)).toEqual(['loopback', 'ethernet']);
    expect(podTables(s, 'default/a')?.interfaces[1]?.kind).toBe('macvlan');
    expect(hostCanReachPod(s, 'default/a')).toBe(false);
  });

  it('files: conflist and the host-local store', () => {
    const s = cluster({ ...three, pods: [{ name: 'a', node: 'node-1' }] });
    const files = nodeTables(s, 'node-1')?.files ?? [];
    const id = s.pods['default/a']?.sandbox?.containerId;
    expect(files.map((f) => f.path)).toEqual([
      '/etc/cni/net.d/10-mynet.conflist',
      '/var/lib/cni/networks/mynet/10.244.0.2',
      '/var/lib/cni/networks/mynet/last_reserved_ip.0',
      '/var/lib/cni/networks/mynet/lock',
    ]);
    expect(files[1]?.content).toBe(`${id}\r\neth0`);
    expect(files[2]?.content).toBe('10.244.0.2');
  });

  it('ip addr text', () => {
    const s = cluster({ ...three, pods: [{ name: 'a', node: 'node-1' }] });
    const text = nodeTables(s, 'node-1')?.ipAddr ?? '';
    expect(text).toMatch(
      /^3: cni0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000\n {4}link\/ether [0-9a-f:]{17} brd ff:ff:ff:ff:ff:ff\n {4}inet 10\.244\.0\.1\/24 brd 10\.244\.0\.255 scope global cni0$/m,
    );
    // IPv6 is on: ::1 on lo and an EUI-64 link-local address on every other interface.
    expect(text).toMatch(/^ {4}inet6 ::1\/128 scope host \n {7}valid_lft forever preferred_lft forever$/m);
    const mac = nodeTables(s, 'node-1')?.interfaces.find((i) => i.name === 'cni0')?.mac ?? '';
    expect(text).toContain(`    inet6 ${ipv6LinkLocal(mac)}/64 scope link \n`);
    expect(text).toMatch(/^4: veth[0-9a-f]{8}@if2: .* master cni0 state UP/m);
    expect(podTables(s, 'default/a')?.ipAddr).toMatch(/^2: eth0@if4: /m);
  });
});

describe('CNI through the cluster', () => {
  it('the exchange replays to the stored result', () => {
    const s = cluster({
      ...three,
      pods: [
        { name: 'a', node: 'node-1' },
        { name: 'b', node: 'node-1' },
      ],
    });
    const ex = cniExchangeForPod(s, 'default/b');
    expect(ex.map((e) => `${e.from}>${e.to}`)).toEqual([
      'runtime>bridge',
      'bridge>host-local',
      'host-local>bridge',
      'bridge>runtime',
    ]);
    expect(ex[2]?.result?.ips?.[0]?.address).toBe('10.244.0.3/24');
    expect(ex[3]?.result).toEqual(resultOf(s, 'default/b'));
    expect(JSON.stringify(ex[3]?.result)).toBe(JSON.stringify(resultOf(s, 'default/b')));
    expect(ex[0]?.env?.CNI_NETNS).toMatch(
      /^\/var\/run\/netns\/cni-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(ex[0]?.env?.CNI_CONTAINERID).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a pod whose sandbox cannot be networked stays Pending with the kubelet message, and starts when the cause goes away', () => {
    let s = cluster(three);
    // node-2 leaves; its machine keeps cni0 (10.244.1.1/24). It rejoins and gets a new podCIDR.
    s = applyCommands(s, [
      { type: 'schedulePod', name: 'warm', node: 'node-2' },
      { type: 'removeNode', name: 'node-2' },
      { type: 'addNode', name: 'node-2' },
      { type: 'schedulePod', name: 'web', node: 'node-2' },
    ]).state;
    expect(s.nodes['node-2']?.podCIDR).toBe('10.244.3.0/24');
    const pod = listPods(s).find((p) => p.name === 'web');
    expect(pod).toMatchObject({ phase: 'Pending', reason: 'ContainerCreating' });
    expect(pod?.message).toMatch(
      /^Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "[0-9a-f]{64}": plugin type="bridge" name="mynet" failed \(add\): failed to set bridge addr: "cni0" already has an IP address different from 10\.244\.3\.1\/24$/,
    );
    expect(s.nodes['node-2']?.events.some((e) => e.includes('FailedCreatePodSandBox'))).toBe(true);
    const store = s.nodes['node-2']?.ipam['mynet'];
    expect(store && Object.keys(hostLocalFiles(store))).toEqual(['10.244.1.2']); // from its earlier podCIDR; .3.2 released on failure
    const fixed = applyCommand(s, { type: 'deleteInterface', node: 'node-2', name: 'cni0' });
    expect(listPods(fixed.state).find((p) => p.name === 'web')).toMatchObject({
      phase: 'Running',
      ip: expect.stringMatching(/^10\.244\.3\./),
    });
  });

  it("a node that rejoins writes to copies of its machine's stores, never to the earlier state", () => {
    let s = cluster(three);
    s = applyCommand(s, { type: 'schedulePod', name: 'a', node: 'node-1' }).state;
    const removed = applyCommand(s, { type: 'removeNode', name: 'node-1' }).state;
    const frozen = JSON.stringify(removed);
    const next = applyCommands(removed, [
      { type: 'addNode', name: 'node-1' },
      { type: 'deleteInterface', node: 'node-1', name: 'cni0' },
      { type: 'schedulePod', name: 'c', node: 'node-1' },
    ]);
    expect(next.results.every((r) => r.ok)).toBe(true);
    expect(next.state.pods['default/c']?.phase).toBe('Running');
    expect(JSON.stringify(removed)).toBe(frozen);
  });

  it('deleting a pod runs DEL: its IP file goes, last_reserved_ip stays', () => {
    const s = cluster({ ...three, pods: [{ name: 'a', node: 'node-1' }] });
    const { state } = applyCommand(s, { type: 'deletePod', name: 'a' });
    expect(state.nodes['node-1']?.ipam['mynet']).toEqual({ files: {}, lastReserved: { '0': '10.244.0.2' } });
    expect(listPods(state)).toEqual([]);
    const again = applyCommand(state, { type: 'schedulePod', name: 'b', node: 'node-1' });
    expect(again.state.pods['default/b']?.ip).toBe('10.244.0.3');
  });
});

describe('input validation names the field', () => {
  it('commands', () => {
    const r = parseCommand({ type: 'schedulePod', name: 'x', node: 3 }, 'actions[2]');
    expect(r.ok ? [] : r.problems).toEqual([
      { path: 'actions[2].node', message: 'expected a string, got number 3' },
    ]);
    const t = parseCommand({ type: 'fly' }, 'actions[0]');
    expect(t.ok ? '' : t.problems[0]?.path).toBe('actions[0].type');
  });
  it('cluster specs', () => {
    const r = parseClusterSpec({ network: { plugin: 'flannel', backend: 'udp' }, nodes: [{ name: 'A' }] });
    expect(r.ok ? [] : r.problems.map((p) => p.path)).toEqual([
      'cluster.network.backend',
      'cluster.nodes[0].name',
    ]);
    const c = createCluster({ clusterCIDR: '10.244.0.0/33' });
    expect(c.ok ? [] : c.problems.map((p) => p.path)).toEqual(['clusterCIDR']);
  });

  it('masks a cluster CIDR written with host bits, as kube-controller-manager does (net.ParseCIDR)', () => {
    const c = createCluster({
      clusterCIDR: '192.168.5.219/28',
      nodeCIDRMaskSize: 30,
      underlayCIDR: '10.0.0.0/24',
      nodes: [{ name: 'node-1' }, { name: 'node-2' }],
    });
    if (!c.ok) throw new Error(c.problems.map((p) => p.message).join('; '));
    expect(c.state.config.clusterCIDR).toBe('192.168.5.208/28');
    expect(c.state.nodes['node-1']?.podCIDR).toBe('192.168.5.208/30');
    expect(c.state.nodes['node-2']?.podCIDR).toBe('192.168.5.212/30');
  });
});
