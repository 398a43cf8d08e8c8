import { describe, expect, it } from 'vitest';
import {
  applyCommands,
  cniExchangeForPod,
  createCluster,
  nodeTables,
  parseClusterSpec,
  podTables,
  sandboxResult,
  tracePacket,
  type ClusterState,
  type Command,
} from '../index.ts';
import { cniPrefixedChainName } from '../util/hash.ts';
import type { CniResult } from './spec-types.ts';
import { portmapPrinted } from './portmap.ts';

function flannelWith(commands: Command[]): ClusterState {
  const spec = parseClusterSpec(
    { network: { plugin: 'flannel' }, nodes: [{ name: 'node-1' }, { name: 'node-2' }] },
    'cluster',
  );
  if (!spec.ok) throw new Error('spec');
  const c = createCluster(spec.value, 1);
  if (!c.ok) throw new Error('cluster');
  return applyCommands(c.state, commands).state;
}

const web: Command = {
  type: 'schedulePod',
  name: 'web',
  node: 'node-1',
  containers: [
    {
      name: 'nginx',
      ports: [
        { containerPort: 80, hostPort: 8080 },
        { containerPort: 53, protocol: 'UDP', hostPort: 5353 },
      ],
    },
  ],
};

describe('portmap (hostPort)', () => {
  it('names the per-sandbox chain as utils.MustFormatChainNameWithPrefix does', () => {
    // Captured from portmap 1.1.1: network cbr0, this container id.
    expect(
      cniPrefixedChainName('cbr0', '8d0709b2440100ef0f1158c06832b233fc5c02fc51add1f15f1cd95d8e3970aa', 'DN-'),
    ).toBe('CNI-DN-12e1f212a2642ac25656f');
  });

  it('gets runtimeConfig.portMappings from the runtime, because its conflist entry has the capability', () => {
    const s = flannelWith([web]);
    const call = cniExchangeForPod(s, 'default/web').find((e) => e.to === 'portmap' && e.kind === 'request');
    expect((call?.stdin as Record<string, unknown>)['runtimeConfig']).toEqual({
      portMappings: [
        { hostPort: 8080, containerPort: 80, protocol: 'tcp' },
        { hostPort: 5353, containerPort: 53, protocol: 'udp' },
      ],
    });
    expect(call?.stdin).not.toHaveProperty('capabilities');
  });

  it('programs the chains portmap 1.1.1 programs (captured from the real plugin), shared rules once', () => {
    const s = flannelWith([
      web,
      {
        type: 'schedulePod',
        name: 'other',
        node: 'node-1',
        containers: [{ name: 'a', ports: [{ containerPort: 9000, hostPort: 9000 }] }],
      },
    ]);
    const id = s.pods['default/web']?.sandbox?.containerId ?? '';
    const dn = cniPrefixedChainName('cbr0', id, 'DN-');
    const nat = nodeTables(s, 'node-1')?.iptablesNat ?? [];
    const comment = `-m comment --comment "dnat name: \\"cbr0\\" id: \\"${id}\\""`;
    expect(nat).toEqual(
      expect.arrayContaining([
        '-N CNI-HOSTPORT-DNAT',
        '-N CNI-HOSTPORT-MASQ',
        '-N CNI-HOSTPORT-SETMARK',
        `-N ${dn}`,
        '-A PREROUTING -m addrtype --dst-type LOCAL -j CNI-HOSTPORT-DNAT',
        '-A OUTPUT -m addrtype --dst-type LOCAL -j CNI-HOSTPORT-DNAT',
        '-A POSTROUTING -m comment --comment "CNI portfwd requiring masquerade" -j CNI-HOSTPORT-MASQ',
        `-A ${dn} -s 10.244.0.0/24 -p tcp -m tcp --dport 8080 -j CNI-HOSTPORT-SETMARK`,
        `-A ${dn} -s 127.0.0.1/32 -p tcp -m tcp --dport 8080 -j CNI-HOSTPORT-SETMARK`,
        `-A ${dn} -p tcp -m tcp --dport 8080 -j DNAT --to-destination 10.244.0.2:80`,
        `-A ${dn} -s 10.244.0.0/24 -p udp -m udp --dport 5353 -j CNI-HOSTPORT-SETMARK`,
        `-A ${dn} -s 127.0.0.1/32 -p udp -m udp --dport 5353 -j CNI-HOSTPORT-SETMARK`,
        `-A ${dn} -p udp -m udp --dport 5353 -j DNAT --to-destination 10.244.0.2:53`,
        `-A CNI-HOSTPORT-DNAT -p tcp ${comment} -m multiport --dports 8080 -j ${dn}`,
        `-A CNI-HOSTPORT-DNAT -p udp ${comment} -m multiport --dports 5353 -j ${dn}`,
        '-A CNI-HOSTPORT-MASQ -m mark --mark 0x2000/0x2000 -j MASQUERADE',
        '-A CNI-HOSTPORT-SETMARK -m comment --comment "CNI portfwd masquerade mark" -j MARK --set-xmark 0x2000/0x2000',
      ]),
    );
    for (const shared of [
      '-A PREROUTING -m addrtype --dst-type LOCAL -j CNI-HOSTPORT-DNAT',
      '-A CNI-HOSTPORT-MASQ -m mark --mark 0x2000/0x2000 -j MASQUERADE',
    ])
      expect(nat.filter((l) => l === shared)).toHaveLength(1);
    expect(nat.filter((l) => l.startsWith('-A CNI-HOSTPORT-DNAT '))).toHaveLength(3);
    // A node without hostPort pods has none of it.
    expect((nodeTables(s, 'node-2')?.iptablesNat ?? []).some((l) => l.includes('HOSTPORT'))).toBe(false);
  });

  it('accepts hostPort in a pod spec and refuses one out of range, naming the field', () => {
    const ok = parseClusterSpec(
      { pods: [{ name: 'a', containers: [{ name: 'c', ports: [{ containerPort: 80, hostPort: 8080 }] }] }] },
      'cluster',
    );
    expect(ok.ok).toBe(true);
    const bad = parseClusterSpec(
      { pods: [{ name: 'a', containers: [{ name: 'c', ports: [{ containerPort: 80, hostPort: 70000 }] }] }] },
      'cluster',
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems[0]?.path).toBe('cluster.pods[0].containers[0].ports[0].hostPort');
  });
});

describe('a trace to a hostPort', () => {
  const withClient = (): ClusterState =>
    flannelWith([web, { type: 'schedulePod', name: 'c', node: 'node-2' }]);

  it('is DNATed to the pod on the way in and un-DNATed by conntrack on the way back', () => {
    const s = withClient();
    const r = tracePacket(s, { from: 'pod/c', to: '192.168.56.11', protocol: 'tcp', port: 8080 });
    if (!r.ok) throw new Error('trace');
    const t = r.trace;
    expect(t.delivered).toBe(true);
    const dnat = t.hops.find((h) => h.note.includes('DNAT (hostPort)'));
    expect(dnat?.where).toBe('node/node-1');
    expect(dnat?.note).toContain('destination 192.168.56.11:8080 → 10.244.0.2:80');
    expect(dnat?.note).toContain('-j DNAT --to-destination 10.244.0.2:80');
    const last = t.hops[t.hops.length - 1];
    expect(last?.where).toBe('pod/web');
    expect(last?.note).toContain('a container listens on TCP 80');
    expect(t.reply?.delivered).toBe(true);
    const back = t.reply?.hops.find((h) => h.note.startsWith('conntrack reverses the DNAT'));
    expect(back?.where).toBe('node/node-1');
    const arrived = t.reply?.hops[t.reply.hops.length - 1];
    expect(arrived?.where).toBe('pod/c');
    expect(arrived?.packet.ip.src).toBe('192.168.56.11');
    expect(arrived?.packet.l4.kind === 'tcp' ? arrived.packet.l4.srcPort : 0).toBe(8080);
  });

  it('from the node itself goes through OUTPUT; a port nobody maps is still delivered locally', () => {
    const s = withClient();
    const own = tracePacket(s, { from: 'node/node-1', to: '192.168.56.11', protocol: 'tcp', port: 8080 });
    if (!own.ok) throw new Error('trace');
    expect(own.trace.hops.some((h) => h.note.startsWith('OUTPUT -m addrtype --dst-type LOCAL'))).toBe(true);
    expect(own.trace.hops[own.trace.hops.length - 1]?.where).toBe('pod/web');
    expect(own.trace.reply?.delivered).toBe(true);
    const other = tracePacket(s, { from: 'pod/c', to: '192.168.56.11', protocol: 'tcp', port: 8081 });
    if (!other.ok) throw new Error('trace');
    expect(other.trace.hops.some((h) => h.note.includes('DNAT'))).toBe(false);
    expect(other.trace.hops[other.trace.hops.length - 1]?.note).toContain('delivered locally');
  });
});

describe("portmap's Result", () => {
  it('is prevResult printed through CNI v1.0 types: interfaces keep name, mac and sandbox only', () => {
    const prev: CniResult = {
      cniVersion: '1.0.0',
      interfaces: [
        { name: 'cali82111e10a96' },
        { name: 'eth0', mac: '1e:27:26:7d:b4:df', mtu: 1450, sandbox: '/var/run/netns/cni-1' },
      ],
      ips: [{ interface: 1, address: '192.168.1.5/32' }],
      routes: [{ dst: '192.168.1.5/26' }],
    };
    expect(portmapPrinted(prev)).toEqual({
      ...prev,
      interfaces: [
        { name: 'cali82111e10a96' },
        { name: 'eth0', mac: '1e:27:26:7d:b4:df', sandbox: '/var/run/netns/cni-1' },
      ],
    });
    expect(prev.interfaces?.[1]?.mtu).toBe(1450);
    // Nothing to drop (bridge, ptp, macvlan): the same object.
    const bridge: CniResult = {
      cniVersion: '0.3.1',
      interfaces: [
        { name: 'cni0', mac: '0a:58:0a:f4:00:01' },
        { name: 'eth0', sandbox: '/var/run/netns/cni-1' },
      ],
      ips: [{ interface: 1, address: '10.244.0.2/24', gateway: '10.244.0.1' }],
    };
    expect(portmapPrinted(bridge)).toBe(bridge);
  });

  it("leaves weave pods' eth0 at MTU 1376 though the stored Result has no mtu", () => {
    const c = createCluster({ network: { plugin: 'weave' }, nodes: [{ name: 'node-1' }] }, 1);
    if (!c.ok) throw new Error('cluster');
    const s = applyCommands(c.state, [{ type: 'schedulePod', name: 'a' }]).state;
    const sb = s.pods['default/a']?.sandbox;
    if (sb === undefined) throw new Error('a is not running');
    expect(sandboxResult(sb).interfaces?.some((i) => i.mtu !== undefined)).toBe(false);
    expect(podTables(s, 'default/a')?.interfaces.find((i) => i.name === 'eth0')?.mtu).toBe(1376);
  });
});
