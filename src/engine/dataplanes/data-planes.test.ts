import { describe, expect, it } from 'vitest';
import { buildReport } from '../cluster/report.ts';
import { applyCommands } from '../commands/apply-command.ts';
import { cniExchangeForPod } from '../cni/exchange.ts';
import { createCluster } from '../cluster/create-cluster.ts';
import { calicoHostIfaceName } from '../util/hash.ts';
import { nodeTables } from '../kernel/node-tables.ts';
import { podTables } from '../kernel/pod-tables.ts';
import { trace, twoNodes } from '../tracer/trace-fixtures.ts';

describe('registered data planes', () => {
  it('flannel vxlan: subnet.env, flannel.1, per-remote neighbour/FDB/route, FLANNEL-POSTRTG, pod routes', () => {
    const state = twoNodes({ plugin: 'flannel' });
    const t = nodeTables(state, 'node-1');
    const vtep2 = state.nodes['node-2']?.devices['flannel.1']?.mac ?? '';
    expect(t?.interfaces.find((i) => i.name === 'flannel.1')).toMatchObject({
      kind: 'vxlan',
      mtu: 1450,
      addresses: ['10.244.0.0/32'],
    });
    expect(t?.ipRoute).toContain('10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink');
    expect(t?.ipNeigh).toContain(`10.244.1.0 dev flannel.1 lladdr ${vtep2} PERMANENT`);
    expect(t?.bridgeFdb).toContain(`${vtep2} dev flannel.1 dst 192.168.56.12 self permanent`);
    expect(t?.iptablesNat).toContain('-N FLANNEL-POSTRTG');
    expect(t?.files.find((f) => f.path === '/run/flannel/subnet.env')?.content).toBe(
      'FLANNEL_NETWORK=10.244.0.0/16\nFLANNEL_SUBNET=10.244.0.1/24\nFLANNEL_MTU=1450\nFLANNEL_IPMASQ=true\n',
    );
    expect(t?.files.some((f) => f.path === '/etc/cni/net.d/10-flannel.conflist')).toBe(true);
    expect(podTables(state, 'default/a')?.ipRoute).toEqual([
      'default via 10.244.0.1 dev eth0',
      '10.244.0.0/24 dev eth0 proto kernel scope link src 10.244.0.2',
      '10.244.0.0/16 via 10.244.0.1 dev eth0',
    ]);
    expect(podTables(state, 'default/a')?.interfaces[1]?.mtu).toBe(1450);
  });
  it('flannel: the CNI exchange shows the real chain flannel → bridge → host-local', () => {
    const ex = cniExchangeForPod(twoNodes({ plugin: 'flannel' }), 'default/a');
    expect(ex.slice(0, 6).map((e) => `${e.from}>${e.to}`)).toEqual([
      'runtime>flannel',
      'flannel>bridge',
      'bridge>host-local',
      'host-local>bridge',
      'bridge>flannel',
      'flannel>runtime',
    ]);
    expect(ex[1]?.stdin).toMatchObject({
      type: 'bridge',
      name: 'cbr0',
      ipMasq: false,
      isDefaultGateway: true,
      mtu: 1450,
    });
  });
  it("flannel: pods alternating over nodes each get their own node's subnet in the delegate and the IP", () => {
    const created = createCluster({ network: { plugin: 'flannel' } }, 3);
    if (!created.ok) throw new Error('cluster');
    const nodes = ['n1', 'n2', 'n3'];
    let state = applyCommands(
      created.state,
      nodes.map((name) => ({ type: 'addNode' as const, name })),
    ).state;
    state = applyCommands(
      state,
      Array.from({ length: 9 }, (_, i) => ({
        type: 'schedulePod' as const,
        name: `p${i}`,
        node: nodes[i % 3] ?? 'n1',
      })),
    ).state;
    for (let i = 0; i < 9; i++) {
      const pod = state.pods[`default/p${i}`];
      const node = state.nodes[nodes[i % 3] ?? ''];
      const subnet = node?.podCIDR ?? '';
      expect(pod?.ip?.startsWith(subnet.slice(0, subnet.lastIndexOf('.') + 1))).toBe(true);
      const delegate = cniExchangeForPod(state, `default/p${i}`)[1]?.stdin as { ipam?: { ranges?: unknown } };
      expect(delegate.ipam?.ranges).toEqual([[{ subnet }]]);
    }
    // A node that rejoins gets a new subnet.env: the delegate is rendered from it (its old
    // cni0 still holds the old gateway, the classic failure), and the pod starts there once
    // cni0 is deleted.
    state = applyCommands(state, [
      { type: 'removeNode', name: 'n1' },
      { type: 'addNode', name: 'n4' },
      { type: 'addNode', name: 'n1' },
      { type: 'schedulePod', name: 'late', node: 'n1' },
    ]).state;
    const rejoined = state.nodes['n1']?.podCIDR ?? '';
    const gateway = `${rejoined.slice(0, rejoined.lastIndexOf('.'))}.1/24`;
    expect(rejoined).not.toBe('10.244.0.0/24');
    expect(state.pods['default/late']?.message).toContain(
      `already has an IP address different from ${gateway}`,
    );
    state = applyCommands(state, [{ type: 'deleteInterface', node: 'n1', name: 'cni0' }]).state;
    expect(state.pods['default/late']?.ip?.startsWith(rejoined.slice(0, rejoined.lastIndexOf('.') + 1))).toBe(
      true,
    );
  });
  it('flannel host-gw: a route via each node, no flannel.1', () => {
    const t = nodeTables(twoNodes({ plugin: 'flannel', backend: 'host-gw' }), 'node-1');
    expect(t?.ipRoute).toContain('10.244.1.0/24 via 192.168.56.12 dev eth0');
    expect(t?.interfaces.some((i) => i.name === 'flannel.1')).toBe(false);
  });
  it('calico: default pool avoids the underlay; /32 pods behind 169.254.1.1; cali host side; blackhole; tunl0', () => {
    const state = twoNodes({ plugin: 'calico' });
    expect(state.config.clusterCIDR).toBe('172.16.0.0/16');
    const other = createCluster({ underlayCIDR: '10.0.0.0/24', network: { plugin: 'calico' } });
    expect(other.ok && other.state.config.clusterCIDR).toBe('192.168.0.0/16');
    const a = state.pods['default/a'];
    expect(podTables(state, 'default/a')?.ipRoute).toEqual([
      'default via 169.254.1.1 dev eth0',
      '169.254.1.1 dev eth0 scope link',
    ]);
    const t = nodeTables(state, 'node-1');
    const cali = calicoHostIfaceName('default', 'a');
    expect(t?.interfaces.find((i) => i.name === cali)).toMatchObject({
      mac: 'ee:ee:ee:ee:ee:ee',
      kind: 'veth',
    });
    expect(t?.ipRoute).toContain(`${a?.ip ?? ''} dev ${cali} scope link`);
    expect(t?.ipRoute.some((r) => /^blackhole 172\.16\.\d+\.\d+\/26 proto bird$/.test(r))).toBe(true);
    expect(t?.ipRoute.some((r) => / dev tunl0 proto bird onlink$/.test(r))).toBe(true);
    expect(t?.interfaces.find((i) => i.name === 'tunl0')).toMatchObject({ kind: 'ipip', mtu: 1480 });
  });
  it('weave: the weave bridge with MTU 1376, /12 pod addresses, the WEAVE nat chain', () => {
    const state = twoNodes({ plugin: 'weave' });
    const t = nodeTables(state, 'node-1');
    expect(t?.interfaces.find((i) => i.name === 'weave')).toMatchObject({ kind: 'bridge', mtu: 1376 });
    expect(podTables(state, 'default/a')?.interfaces[1]?.addresses[0]).toMatch(/\/12$/);
    expect(t?.iptablesNat).toContain('-N WEAVE');
  });
  it('a node traces from its own address choice (flannel.1 for remote pods)', () => {
    const t = trace(twoNodes({ plugin: 'flannel' }), { from: 'node/node-1', to: 'b', protocol: 'icmp' });
    expect(t.delivered).toBe(true);
    expect(t.hops[0]?.packet.ip.src).toBe('10.244.0.0');
  });
  it('the runner report carries traces in the issue shape', () => {
    const state = twoNodes({ plugin: 'flannel' });
    const { results } = applyCommands(state, [{ type: 'trace', from: 'a', to: 'b', protocol: 'icmp' }]);
    const report = buildReport(state, results, { summary: true });
    const entry = report.traces[0] as { hops: Array<{ packet: unknown }> };
    expect(entry).toMatchObject({ from: 'a', to: 'b', protocol: 'icmp', delivered: true });
    expect(entry.hops[2]?.packet).toEqual({
      eth: expect.any(Object),
      ip: { src: '10.244.0.2', dst: '10.244.1.2', ttl: 63, protocol: 1 },
      outer: {
        ip: { src: '192.168.56.11', dst: '192.168.56.12', ttl: 64, protocol: 17 },
        udp: { srcPort: expect.any(Number), dstPort: 8472 },
        vxlan: { vni: 1 },
      },
    });
  });
});
