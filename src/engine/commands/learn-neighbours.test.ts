import { describe, expect, it } from 'vitest';
import { sandboxPodMac } from '../cni/packed-result.ts';
import { kernelNeighOrder } from '../kernel/neigh-rows.ts';
import type { NeighRow } from '../kernel/rows.ts';
import {
  applyCommand,
  applyCommands,
  createCluster,
  nodeTables,
  podTables,
  type ClusterSpec,
  type ClusterState,
  type Command,
} from '../index.ts';

const NODES = [{ name: 'node-1' }, { name: 'node-2' }];
const PODS = [
  { name: 'a', node: 'node-1' },
  { name: 'b', node: 'node-1' },
  { name: 'c', node: 'node-2' },
];

function cluster(network: NonNullable<ClusterSpec['network']>, seed = 1): ClusterState {
  const r = createCluster({ network, nodes: NODES, pods: PODS }, seed);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.state;
}

function traced(state: ClusterState, from: string, to: string): ClusterState {
  const r = applyCommand(state, { type: 'trace', from, to, protocol: 'icmp' });
  if (!r.result.ok) throw new Error(JSON.stringify(r.result));
  return r.state;
}

/** `ip neigh` of a node, sorted (the kernel's order is its hash's: see the order test). */
const node = (s: ClusterState, name: string): string[] => [...(nodeTables(s, name)?.ipNeigh ?? [])].sort();
const pod = (s: ClusterState, name: string): string[] =>
  [...(podTables(s, `default/${name}`)?.ipNeigh ?? [])].sort();
const mac = (s: ClusterState, name: string): string => sandboxPodMac(s.pods[`default/${name}`]?.sandbox);
const ipOf = (s: ClusterState, name: string): string => s.pods[`default/${name}`]?.ip ?? '';
const dev = (s: ClusterState, nodeName: string, name: string): { name: string; mac: string } => {
  const d = s.nodes[nodeName]?.devices[name];
  return { name, mac: d?.mac ?? '' };
};
/** The host end of a pod's veth on its node. */
const hostEnd = (s: ClusterState, name: string): { name: string; mac: string } => {
  const p = s.pods[`default/${name}`];
  const i = nodeTables(s, p?.node ?? '')?.interfaces.find((x) => x.index === p?.sandbox?.hostIfIndex);
  return { name: i?.name ?? '', mac: i?.mac ?? '' };
};

describe('neighbour tables learned from traffic', () => {
  it('an idle node or pod lists only what its data plane programs', () => {
    const flannel = cluster({ plugin: 'flannel', backend: 'vxlan' });
    const vtep2 = dev(flannel, 'node-2', 'flannel.1').mac;
    expect(node(flannel, 'node-1')).toEqual([`10.244.1.0 dev flannel.1 lladdr ${vtep2} PERMANENT`]);
    const calico = cluster({ plugin: 'calico', mode: 'vxlan' });
    expect(node(calico, 'node-1').map((l) => l.replace(/lladdr \S+/, 'lladdr M'))).toEqual([
      '172.16.41.0 dev vxlan.calico lladdr M PERMANENT',
    ]);
    // No REACHABLE gateway the node never used; Weave programs no neighbour for remote pods.
    for (const s of [cluster({ plugin: 'bridge' }), cluster({ plugin: 'flannel', backend: 'host-gw' })])
      expect(node(s, 'node-1')).toEqual([]);
    const weave = cluster({ plugin: 'weave' });
    expect(node(weave, 'node-1')).toEqual([]);
    for (const s of [flannel, calico, weave]) for (const p of ['a', 'b', 'c']) expect(pod(s, p)).toEqual([]);
    // A static route programs no neighbour either: its next hop is resolved when used.
    const routed = applyCommand(cluster({ plugin: 'bridge' }), {
      type: 'addRoute',
      node: 'node-1',
      dst: '10.244.1.0/24',
      via: '192.168.56.12',
    }).state;
    expect(node(routed, 'node-1')).toEqual([]);
    expect(routed.neighbours).toBeUndefined();
  });

  it('flannel vxlan: one ping teaches both nodes and pods what the real capture shows', () => {
    const s0 = cluster({ plugin: 'flannel', backend: 'vxlan' });
    const s = traced(s0, 'pod/a', 'c');
    const n1 = s.nodes['node-1'];
    const n2 = s.nodes['node-2'];
    // Reference "node-1: ip neigh (after the pings)": the peer REACHABLE (node-1 resolved it
    // for the outer packet), the pod DELAY (learned from its ARP request for the gateway,
    // then used for the reply), flannel's PERMANENT entry unchanged.
    expect(node(s, 'node-1')).toEqual(
      [
        `10.244.0.2 dev cni0 lladdr ${mac(s, 'a')} DELAY`,
        `10.244.1.0 dev flannel.1 lladdr ${dev(s, 'node-2', 'flannel.1').mac} PERMANENT`,
        `192.168.56.12 dev eth0 lladdr ${n2?.mac} REACHABLE`,
      ].sort(),
    );
    expect(node(s, 'node-2')).toEqual(
      [
        `10.244.0.0 dev flannel.1 lladdr ${dev(s, 'node-1', 'flannel.1').mac} PERMANENT`,
        `10.244.1.2 dev cni0 lladdr ${mac(s, 'c')} REACHABLE`,
        `192.168.56.11 dev eth0 lladdr ${n1?.mac} DELAY`,
      ].sort(),
    );
    // The sender resolved its gateway; the receiver learned the gateway from its request.
    expect(pod(s, 'a')).toEqual([`10.244.0.1 dev eth0 lladdr ${dev(s, 'node-1', 'cni0').mac} REACHABLE`]);
    expect(pod(s, 'c')).toEqual([`10.244.1.1 dev eth0 lladdr ${dev(s, 'node-2', 'cni0').mac} DELAY`]);
    expect(pod(s, 'b')).toEqual([]);
    // The other direction teaches the same pairs, the roles swapped.
    const back = traced(s0, 'pod/c', 'a');
    expect(pod(back, 'c')).toEqual([`10.244.1.1 dev eth0 lladdr ${dev(s, 'node-2', 'cni0').mac} REACHABLE`]);
    expect(node(back, 'node-1')).toContain(`10.244.0.2 dev cni0 lladdr ${mac(s, 'a')} REACHABLE`);
    expect(node(back, 'node-1')).toContain(`192.168.56.12 dev eth0 lladdr ${n2?.mac} DELAY`);
  });

  it('flannel host-gw: the nodes learn each other on eth0, the pods their gateways', () => {
    const s = traced(cluster({ plugin: 'flannel', backend: 'host-gw' }), 'pod/a', 'c');
    expect(node(s, 'node-1')).toEqual(
      [
        `10.244.0.2 dev cni0 lladdr ${mac(s, 'a')} DELAY`,
        `192.168.56.12 dev eth0 lladdr ${s.nodes['node-2']?.mac} REACHABLE`,
      ].sort(),
    );
    expect(node(s, 'node-2')).toEqual(
      [
        `10.244.1.2 dev cni0 lladdr ${mac(s, 'c')} REACHABLE`,
        `192.168.56.11 dev eth0 lladdr ${s.nodes['node-1']?.mac} DELAY`,
      ].sort(),
    );
  });

  it('calico: proxy ARP answers 169.254.1.1; the host learns the pod on its cali device', () => {
    let s = traced(cluster({ plugin: 'calico', mode: 'vxlan' }), 'pod/a', 'c');
    const a = hostEnd(s, 'a');
    expect(pod(s, 'a')).toEqual(['169.254.1.1 dev eth0 lladdr ee:ee:ee:ee:ee:ee REACHABLE']);
    expect(node(s, 'node-1')).toContain(`${ipOf(s, 'a')} dev ${a.name} lladdr ${mac(s, 'a')} DELAY`);
    expect(node(s, 'node-2')).toContain(
      `${ipOf(s, 'c')} dev ${hostEnd(s, 'c').name} lladdr ${mac(s, 'c')} REACHABLE`,
    );
    // The host pinging its pod asks from its cali device, which has no address: the request
    // carries eth0's, which the pod learns at the proxy MAC (and answers via 169.254.1.1).
    s = traced(s, 'node/node-1', 'b');
    expect(pod(s, 'b')).toEqual(
      [
        '169.254.1.1 dev eth0 lladdr ee:ee:ee:ee:ee:ee REACHABLE',
        '192.168.56.11 dev eth0 lladdr ee:ee:ee:ee:ee:ee STALE',
      ].sort(),
    );
  });

  it('bridge: pods on one bridge learn each other; the node that only bridged learns nothing', () => {
    const s = traced(cluster({ plugin: 'bridge' }), 'pod/a', 'b');
    expect(pod(s, 'a')).toEqual([`${ipOf(s, 'b')} dev eth0 lladdr ${mac(s, 'b')} REACHABLE`]);
    expect(pod(s, 'b')).toEqual([`${ipOf(s, 'a')} dev eth0 lladdr ${mac(s, 'a')} DELAY`]);
    expect(node(s, 'node-1')).toEqual([]);
    // Without routes between nodes the packet leaves for the gateway: now the node knows it.
    const out = traced(s, 'pod/a', 'c');
    expect(node(out, 'node-1')).toContain('192.168.56.1 dev eth0 lladdr 52:54:00:12:35:02 REACHABLE');
  });

  it('weave: pods of two nodes answer each other across the weave bridge', () => {
    const s = traced(cluster({ plugin: 'weave' }), 'pod/a', 'c');
    expect(pod(s, 'a')).toEqual([`${ipOf(s, 'c')} dev eth0 lladdr ${mac(s, 'c')} REACHABLE`]);
    expect(pod(s, 'c')).toEqual([`${ipOf(s, 'a')} dev eth0 lladdr ${mac(s, 'a')} DELAY`]);
    // The host only carried the frame (the tunnel's outer packet resolved the peer node).
    expect(node(s, 'node-1')).toEqual([`192.168.56.12 dev eth0 lladdr ${s.nodes['node-2']?.mac} REACHABLE`]);
  });

  it('an ARP request nobody answers leaves INCOMPLETE, FAILED at a later tick', () => {
    const s = traced(cluster({ plugin: 'bridge' }), 'pod/a', '10.244.0.9');
    expect(pod(s, 'a')).toEqual(['10.244.0.9 dev eth0 INCOMPLETE']);
    const later = applyCommand(s, { type: 'schedulePod', name: 'd', node: 'node-2' }).state;
    expect(pod(later, 'a')).toEqual(['10.244.0.9 dev eth0 FAILED']);
    // A pod that takes the address later answers: the entry resolves.
    const taken = traced(
      applyCommand(later, { type: 'schedulePod', name: 'e', node: 'node-1' }).state,
      'pod/a',
      'e',
    );
    expect(pod(taken, 'a')).toContain(`${ipOf(taken, 'e')} dev eth0 lladdr ${mac(taken, 'e')} REACHABLE`);
  });

  it('entries of an earlier tick print STALE; traffic again makes them DELAY; a repeat on the same tick changes nothing', () => {
    const s = traced(cluster({ plugin: 'flannel', backend: 'host-gw' }), 'pod/a', 'c');
    expect(traced(s, 'pod/a', 'c')).toBe(s);
    const later = applyCommand(s, { type: 'schedulePod', name: 'd', node: 'node-2' }).state;
    expect(later.tick).toBe(s.tick + 1);
    expect(node(later, 'node-1').map((l) => l.split(' ').pop())).toEqual(['STALE', 'STALE']);
    const again = traced(later, 'pod/a', 'c');
    expect(node(again, 'node-1').map((l) => l.split(' ').pop())).toEqual(['DELAY', 'DELAY']);
    expect(pod(again, 'a').map((l) => l.split(' ').pop())).toEqual(['DELAY']);
  });

  it('removing a pod drops the entries on and about it', () => {
    let s = traced(cluster({ plugin: 'bridge' }), 'pod/a', 'b');
    s = traced(s, 'node/node-1', 'b');
    expect(node(s, 'node-1')).toEqual([`${ipOf(s, 'b')} dev cni0 lladdr ${mac(s, 'b')} REACHABLE`]);
    const gone = applyCommand(s, { type: 'deletePod', name: 'b' }).state;
    expect(node(gone, 'node-1')).toEqual([]);
    expect(pod(gone, 'a')).toEqual([]);
    expect(JSON.stringify(gone.neighbours)).not.toContain('default/b');
  });

  it('removing a node drops its table and the entries about it; deleting a link, those on it', () => {
    const s = traced(cluster({ plugin: 'flannel', backend: 'host-gw' }), 'pod/a', 'c');
    const gone = applyCommand(s, { type: 'removeNode', name: 'node-2' }).state;
    expect(Object.keys(gone.neighbours ?? {})).toEqual(['node-1']);
    expect(node(gone, 'node-1')).toEqual([`10.244.0.2 dev cni0 lladdr ${mac(s, 'a')} STALE`]);
    const unlinked = applyCommand(s, { type: 'deleteInterface', node: 'node-1', name: 'cni0' }).state;
    // node-1's entry on cni0 goes with the link, and so does pod a's entry for the bridge.
    expect(node(unlinked, 'node-1')).toEqual([
      `192.168.56.12 dev eth0 lladdr ${s.nodes['node-2']?.mac} STALE`,
    ]);
    expect(pod(unlinked, 'a')).toEqual([]);
  });

  it('a trace at 3,000 nodes copies only the tables of the nodes on its path', () => {
    const r = createCluster(
      {
        network: { plugin: 'flannel', backend: 'vxlan' },
        clusterCIDR: '10.0.0.0/12',
        underlayCIDR: '172.20.0.0/16',
        nodes: Array.from({ length: 3000 }, (_, i) => ({ name: `node-${i + 1}` })),
        pods: [
          { name: 'a', node: 'node-1' },
          { name: 'c', node: 'node-2999' },
        ],
      },
      1,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const before = r.state;
    const trace: Command = { type: 'trace', from: 'pod/a', to: 'c', protocol: 'icmp' };
    const { state } = applyCommands(before, [trace, trace, { ...trace, from: 'pod/c', to: 'a' }]);
    // No node or pod record was copied: only the neighbour record, with two nodes in it.
    expect(state.nodes).toBe(before.nodes);
    expect(state.pods).toBe(before.pods);
    expect(state.nodeOrder).toBe(before.nodeOrder);
    expect(Object.keys(state.neighbours ?? {}).sort()).toEqual(['node-1', 'node-2999']);
    expect(state.neighbours?.['node-1']).toHaveLength(3);
  });

  it('replays, batches and JSON snapshots learn the same; the learned state survives a round trip', () => {
    const commands: Command[] = [
      { type: 'trace', from: 'pod/a', to: 'c', protocol: 'icmp' },
      { type: 'schedulePod', name: 'd', node: 'node-2' },
      { type: 'trace', from: 'pod/d', to: 'b', protocol: 'icmp' },
      { type: 'deletePod', name: 'c' },
      { type: 'trace', from: 'node/node-1', to: 'd', protocol: 'icmp' },
    ];
    const base = cluster({ plugin: 'flannel', backend: 'vxlan' });
    const batch = applyCommands(base, commands).state;
    let one = base;
    for (const c of commands) one = applyCommand(JSON.parse(JSON.stringify(one)) as ClusterState, c).state;
    expect(JSON.stringify(one)).toBe(JSON.stringify(batch));
    expect(nodeTables(JSON.parse(JSON.stringify(batch)) as ClusterState, 'node-1')?.ipNeigh).toEqual(
      nodeTables(batch, 'node-1')?.ipNeigh,
    );
    // The state the batch started from is untouched.
    expect(base.neighbours).toBeUndefined();
  });

  it('prints the table in the kernel hash order: a stable permutation that grows past 8 entries', () => {
    const rows = Array.from({ length: 12 }, (_, i) => ({
      ip: `10.0.0.${i + 1}`,
      dev: i % 2 === 0 ? 'eth0' : 'cni0',
      mac: `02:00:00:00:00:${String(i + 10)}`,
      state: 'STALE' as const,
    }));
    const order = kernelNeighOrder(rows, 'aa:bb:cc:dd:ee:ff');
    expect([...order].sort((x, y) => x.ip.localeCompare(y.ip))).toEqual(
      [...rows].sort((x, y) => x.ip.localeCompare(y.ip)),
    );
    expect(kernelNeighOrder(rows, 'aa:bb:cc:dd:ee:ff')).toEqual(order);
    expect(order.map((r) => r.ip)).not.toEqual(rows.map((r) => r.ip));
    // Newest first within a bucket: the same address on the same device lands in one bucket.
    const first: NeighRow = { ip: '10.0.0.1', dev: 'eth0', mac: '02:00:00:00:00:01', state: 'STALE' };
    const newer: NeighRow = { ...first, mac: '02:00:00:00:00:02' };
    expect(kernelNeighOrder([first, newer], 't').map((r) => r.mac)).toEqual([newer.mac, first.mac]);
  });
});
