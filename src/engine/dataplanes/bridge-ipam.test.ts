import { describe, expect, it } from 'vitest';
import { applyCommand } from '../commands/apply-command.ts';
import { createCluster } from '../cluster/create-cluster.ts';
import { cniExchangeForPod } from '../cni/exchange.ts';
import { sandboxResult } from '../cni/packed-result.ts';
import { nodeConflist } from '../kernel/conflist-of.ts';
import { nodeTables } from '../kernel/node-tables.ts';
import { podTables } from '../kernel/pod-tables.ts';
import type { ClusterSpec, ClusterState } from '../state/types.ts';
import { podAddressRanges } from './pod-address-ranges.ts';

function build(spec: ClusterSpec): ClusterState {
  const r = createCluster(spec, 1);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.state;
}
function problems(spec: ClusterSpec) {
  const r = createCluster(spec, 1);
  return r.ok ? [] : r.problems;
}
function ipamOf(state: ClusterState, node: string): unknown {
  const n = state.nodes[node];
  if (n === undefined) return undefined;
  const c = nodeConflist(state, n);
  return c.ok ? c.conflist.plugins[0]?.['ipam'] : undefined;
}

describe("the bridge data plane writes the spec's host-local options into each node's conflist", () => {
  it('a range without subnet is the node’s podCIDR; routes as written', () => {
    const state = build({
      network: {
        plugin: 'bridge',
        ipam: { ranges: [[{ rangeEnd: '10.244.0.20' }]], routes: [{ dst: '10.96.0.0/12' }] },
      },
      nodes: [{ name: 'node-1' }],
    });
    expect(ipamOf(state, 'node-1')).toEqual({
      type: 'host-local',
      ranges: [[{ subnet: '10.244.0.0/24', rangeEnd: '10.244.0.20' }]],
      routes: [{ dst: '10.96.0.0/12' }],
    });
  });

  it('without options it is the podCIDR and a default route, as before', () => {
    const state = build({ network: { plugin: 'bridge' }, nodes: [{ name: 'node-1' }] });
    expect(ipamOf(state, 'node-1')).toEqual({
      type: 'host-local',
      ranges: [[{ subnet: '10.244.0.0/24' }]],
      routes: [{ dst: '0.0.0.0/0' }],
    });
  });

  it("a node's own options replace the cluster's", () => {
    const state = build({
      network: { plugin: 'bridge', ipam: { ranges: [[{ rangeStart: '10.244.0.100' }]] } },
      nodes: [
        { name: 'node-1' },
        { name: 'node-2', ipam: { ranges: [[{ subnet: '172.30.2.0/24', gateway: '172.30.2.254' }]] } },
      ],
      pods: [
        { name: 'a', node: 'node-1' },
        { name: 'b', node: 'node-2' },
      ],
    });
    expect(ipamOf(state, 'node-2')).toEqual({
      type: 'host-local',
      ranges: [[{ subnet: '172.30.2.0/24', gateway: '172.30.2.254' }]],
      routes: [{ dst: '0.0.0.0/0' }],
    });
    expect(state.pods['default/a']?.ip).toBe('10.244.0.100');
    expect(state.pods['default/b']?.ip).toBe('172.30.2.1');
    expect(nodeTables(state, 'node-2')?.ipRoute).toContain(
      '172.30.2.0/24 dev cni0 proto kernel scope link src 172.30.2.254',
    );
    expect(podAddressRanges(state, 'node-2')).toEqual({
      source: 'podCIDR',
      ranges: ['172.30.2.0/24'],
      podCIDRUsed: false,
    });
  });

  it('a conflist copied to every node: on a node whose podCIDR does not hold rangeStart, host-local refuses every pod', () => {
    const state = build({
      network: { plugin: 'bridge', ipam: { ranges: [[{ rangeStart: '10.244.0.10' }]] } },
      nodes: [{ name: 'node-1' }, { name: 'node-2' }],
      pods: [{ name: 'a', node: 'node-2' }],
    });
    const pod = state.pods['default/a'];
    expect(pod?.phase).toBe('Pending');
    expect(pod?.message).toMatch(
      /plugin type="bridge" name="mynet" failed \(add\): invalid range set 0: RangeStart 10\.244\.0\.10 not in network 10\.244\.1\.0\/24$/,
    );
    // The bridge the failed ADD created has no port: no carrier, and no MAC (nobody pinned it).
    const t = nodeTables(state, 'node-2');
    const cni0 = t?.ipAddr
      .split('\n')
      .filter((l, i, a) => l.includes(': cni0:') || a[i - 1]?.includes(': cni0:'));
    expect(cni0).toEqual([
      '3: cni0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN group default qlen 1000',
      '    link/ether 00:00:00:00:00:00 brd ff:ff:ff:ff:ff:ff',
    ]);
  });

  it('several range sets: one address each, all on eth0, the first is the pod IP', () => {
    const state = build({
      network: { plugin: 'bridge', isGateway: false, ipMasq: false },
      nodes: [
        {
          name: 'node-1',
          ipam: {
            ranges: [
              [{ rangeStart: '10.244.0.20' }],
              [{ subnet: '172.30.1.0/28' }],
              [{ rangeStart: '10.244.0.10', rangeEnd: '10.244.0.11' }],
            ],
          },
        },
      ],
      pods: [{ name: 'a' }],
    });
    const pod = state.pods['default/a'];
    expect(pod?.ip).toBe('10.244.0.20');
    const t = podTables(state, 'default/a');
    expect(t?.ipAddr).toContain('    inet 10.244.0.20/24 brd 10.244.0.255 scope global eth0\n');
    expect(t?.ipAddr).toContain('    inet 172.30.1.2/28 brd 172.30.1.15 scope global eth0\n');
    expect(t?.ipAddr).toContain('    inet 10.244.0.10/24 brd 10.244.0.255 scope global secondary eth0\n');
    expect(t?.ipRoute).toEqual([
      'default via 10.244.0.1 dev eth0',
      '10.244.0.0/24 dev eth0 proto kernel scope link src 10.244.0.20',
      '172.30.1.0/28 dev eth0 proto kernel scope link src 172.30.1.2',
    ]);
    const files = (nodeTables(state, 'node-1')?.files ?? []).map((f) => `${f.path} ${f.content}`);
    for (const f of [
      '10.244.0.20',
      '172.30.1.2',
      '10.244.0.10',
      'last_reserved_ip.0 10.244.0.20',
      'last_reserved_ip.2 10.244.0.10',
    ])
      expect(files.some((l) => l.startsWith(`/var/lib/cni/networks/mynet/${f}`))).toBe(true);
    // The replayed conversation hands out the same three addresses.
    const ipamAnswer = cniExchangeForPod(state, 'default/a').find((e) => e.from === 'host-local');
    expect(ipamAnswer?.result?.ips?.map((i) => i.address)).toEqual([
      '10.244.0.20/24',
      '172.30.1.2/28',
      '10.244.0.10/24',
    ]);
    if (pod?.sandbox === undefined) throw new Error('no sandbox');
    expect(sandboxResult(pod.sandbox).ips?.length).toBe(3);
  });

  it('a deleted pod’s veth leaves an unpinned bridge: no port, no MAC, no carrier', () => {
    let state = build({
      network: { plugin: 'bridge', isGateway: false },
      nodes: [{ name: 'node-1' }],
      pods: [{ name: 'a' }],
    });
    expect(state.nodes['node-1']?.devices['cni0']?.ports?.length).toBe(1);
    state = applyCommand(state, { type: 'deletePod', name: 'a' }).state;
    expect(state.nodes['node-1']?.devices['cni0']?.ports).toEqual([]);
    expect(nodeTables(state, 'node-1')?.ipAddr).toContain(
      '    link/ether 00:00:00:00:00:00 brd ff:ff:ff:ff:ff:ff',
    );
    // A machine that leaves with pods keeps cni0, without their veths.
    state = applyCommand(state, { type: 'schedulePod', name: 'b' }).state;
    expect(state.nodes['node-1']?.devices['cni0']?.ports?.length).toBe(1);
    state = applyCommand(state, { type: 'removeNode', name: 'node-1' }).state;
    expect(state.retiredHosts['node-1']?.devices['cni0']?.ports).toEqual([]);
  });
});

describe('what only the cluster can tell about host-local options', () => {
  it('refuses a subnet every node would share, an address no podCIDR holds, ranges split over two blocks', () => {
    expect(
      problems({
        network: {
          plugin: 'bridge',
          ipam: {
            ranges: [
              [{ subnet: '172.30.0.0/24' }],
              [{ rangeStart: '10.99.0.1', rangeEnd: '10.99.0.9' }],
              [{ rangeStart: '10.244.0.250', rangeEnd: '10.244.1.5' }],
            ],
          },
          ipMasq: false,
        },
      }),
    ).toEqual([
      {
        path: 'network.ipam.ranges[0][0].subnet',
        message:
          "every node writes network.ipam, so the pods of all nodes would get addresses from 172.30.0.0/24 and two of them the same one: leave subnet out (each node's podCIDR) or give each node its own subnet in nodes[].ipam",
      },
      {
        path: 'network.ipam.ranges[1][0].rangeStart',
        message:
          '10.99.0.1 is outside clusterCIDR 10.244.0.0/16, so no node\'s podCIDR holds it (host-local: "RangeStart 10.99.0.1 not in network <podCIDR>")',
      },
      {
        path: 'network.ipam.ranges[1][0].rangeEnd',
        message:
          '10.99.0.9 is outside clusterCIDR 10.244.0.0/16, so no node\'s podCIDR holds it (host-local: "RangeEnd 10.99.0.9 not in network <podCIDR>")',
      },
      {
        path: 'network.ipam.ranges[2][0].rangeEnd',
        message:
          "10.244.1.5 and rangeStart 10.244.0.250 are in different /24 blocks of 10.244.0.0/16, so no node's podCIDR holds both",
      },
    ]);
  });

  it('refuses several range sets where they are not modelled: ptp or macvlan, and ipMasq', () => {
    const ranges = [[{ rangeEnd: '10.244.0.9' }], [{ rangeStart: '10.244.0.10' }]];
    expect(
      problems({ network: { plugin: 'bridge', cni: 'ptp', ipam: { ranges } } }).map((p) => p.message),
    ).toEqual([
      'several range sets (one address each) are modelled with cni "bridge" only: ptp and macvlan configure one address',
    ]);
    expect(problems({ network: { plugin: 'bridge', ipam: { ranges } } })[0]?.message).toMatch(
      /^several range sets with ipMasq are not modelled: .*CHAIN_DEL failed \(Device or resource busy\).*set "ipMasq": false$/,
    );
    expect(problems({ network: { plugin: 'bridge', ipMasq: false, ipam: { ranges } } })).toEqual([]);
  });

  it("checks a node's own subnets against its podCIDR, the other nodes, the underlay and the data plane", () => {
    const node = (subnet: string) => ({ name: 'node-2', ipam: { ranges: [[{ subnet }]] } });
    const base = {
      network: { plugin: 'bridge' as const },
      nodes: [{ name: 'node-1', ipam: { ranges: [[{ subnet: '172.30.0.0/24' }]] } }],
    };
    const refused = (subnet: string) => problems({ ...base, nodes: [...base.nodes, node(subnet)] });
    // node-2 gets 10.244.1.0/24.
    expect(refused('10.244.1.0/25')).toEqual([]);
    expect(refused('10.244.1.0/24')).toEqual([]);
    expect(refused('10.244.0.0/24')).toEqual([
      {
        path: 'nodes[1].ipam.ranges[0][0].subnet',
        message:
          "10.244.0.0/24 overlaps clusterCIDR 10.244.0.0/16 outside this node's podCIDR (10.244.1.0/24): other nodes' pods get those addresses",
      },
    ]);
    expect(refused('172.30.0.128/25')).toEqual([
      {
        path: 'nodes[1].ipam.ranges[0][0].subnet',
        message: '172.30.0.128/25 overlaps 172.30.0.0/24 of node node-1',
      },
    ]);
    expect(refused('192.168.56.0/28')).toEqual([
      {
        path: 'nodes[1].ipam.ranges[0][0].subnet',
        message: '192.168.56.0/28 overlaps the underlay 192.168.56.0/24',
      },
    ]);
    expect(problems({ network: { plugin: 'flannel' }, nodes: [node('172.30.9.0/24')] })).toEqual([
      {
        path: 'nodes[0].ipam',
        message:
          'the flannel data plane writes its own CNI config: only the bridge data plane takes host-local options',
      },
    ]);
    // The failed command changes nothing.
    const state = build(base);
    const r = applyCommand(state, {
      type: 'addNode',
      name: 'node-2',
      ipam: { ranges: [[{ subnet: '10.244.0.0/24' }]] },
    });
    expect(r.result.ok ? '' : r.result.error.code).toBe('invalid-ipam');
    expect(r.state).toBe(state);
  });
});
