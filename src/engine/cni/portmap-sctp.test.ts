import { describe, expect, it } from 'vitest';
import {
  applyCommands,
  cniExchangeForPod,
  createCluster,
  nodeTables,
  tracePacket,
  type ClusterState,
  type Command,
} from '../index.ts';
import { cniPrefixedChainName } from '../util/hash.ts';

/** flannel, node-1 and node-2; `gw` on node-1 maps 9000/SCTP, 8080/TCP and 5353/UDP; `c` on node-2. */
function cluster(): ClusterState {
  const c = createCluster(
    { network: { plugin: 'flannel' }, nodes: [{ name: 'node-1' }, { name: 'node-2' }] },
    1,
  );
  if (!c.ok) throw new Error('cluster');
  const gw: Command = {
    type: 'schedulePod',
    name: 'gw',
    node: 'node-1',
    containers: [
      {
        name: 'app',
        ports: [
          { containerPort: 80, hostPort: 8080 },
          { containerPort: 38412, protocol: 'SCTP', hostPort: 9000 },
          { containerPort: 53, protocol: 'UDP', hostPort: 5353 },
        ],
      },
    ],
  };
  return applyCommands(c.state, [gw, { type: 'schedulePod', name: 'c', node: 'node-2' }]).state;
}

describe('portmap with an SCTP hostPort', () => {
  it('gets the mapping with protocol "sctp", as containerd lower-cases it', () => {
    const call = cniExchangeForPod(cluster(), 'default/gw').find(
      (e) => e.to === 'portmap' && e.kind === 'request',
    );
    expect((call?.stdin as Record<string, unknown>)['runtimeConfig']).toEqual({
      portMappings: [
        { hostPort: 8080, containerPort: 80, protocol: 'tcp' },
        { hostPort: 9000, containerPort: 38412, protocol: 'sctp' },
        { hostPort: 5353, containerPort: 53, protocol: 'udp' },
      ],
    });
  });

  it('writes -p sctp -m sctp --dport rows, and the CNI-HOSTPORT-DNAT jumps sorted by protocol name', () => {
    const s = cluster();
    const id = s.pods['default/gw']?.sandbox?.containerId ?? '';
    const dn = cniPrefixedChainName('cbr0', id, 'DN-');
    const comment = `-m comment --comment "dnat name: \\"cbr0\\" id: \\"${id}\\""`;
    const nat = nodeTables(s, 'node-1')?.iptablesNat ?? [];
    // The per-sandbox chain keeps the pod's order of ports (fillDnatRules walks the entries).
    expect(nat.filter((l) => l.startsWith(`-A ${dn} `))).toEqual([
      `-A ${dn} -s 10.244.0.0/24 -p tcp -m tcp --dport 8080 -j CNI-HOSTPORT-SETMARK`,
      `-A ${dn} -s 127.0.0.1/32 -p tcp -m tcp --dport 8080 -j CNI-HOSTPORT-SETMARK`,
      `-A ${dn} -p tcp -m tcp --dport 8080 -j DNAT --to-destination 10.244.0.2:80`,
      `-A ${dn} -s 10.244.0.0/24 -p sctp -m sctp --dport 9000 -j CNI-HOSTPORT-SETMARK`,
      `-A ${dn} -s 127.0.0.1/32 -p sctp -m sctp --dport 9000 -j CNI-HOSTPORT-SETMARK`,
      `-A ${dn} -p sctp -m sctp --dport 9000 -j DNAT --to-destination 10.244.0.2:38412`,
      `-A ${dn} -s 10.244.0.0/24 -p udp -m udp --dport 5353 -j CNI-HOSTPORT-SETMARK`,
      `-A ${dn} -s 127.0.0.1/32 -p udp -m udp --dport 5353 -j CNI-HOSTPORT-SETMARK`,
      `-A ${dn} -p udp -m udp --dport 5353 -j DNAT --to-destination 10.244.0.2:53`,
    ]);
    // The entry rules go protocol by protocol, sort.Strings order: sctp, tcp, udp.
    expect(nat.filter((l) => l.startsWith('-A CNI-HOSTPORT-DNAT '))).toEqual([
      `-A CNI-HOSTPORT-DNAT -p sctp ${comment} -m multiport --dports 9000 -j ${dn}`,
      `-A CNI-HOSTPORT-DNAT -p tcp ${comment} -m multiport --dports 8080 -j ${dn}`,
      `-A CNI-HOSTPORT-DNAT -p udp ${comment} -m multiport --dports 5353 -j ${dn}`,
    ]);
  });

  it("fits a 9000/TCP hostPort beside gw's 9000/SCTP; a second 9000/SCTP goes to another node", () => {
    const s = cluster();
    const tcp = applyCommands(s, [
      {
        type: 'schedulePod',
        name: 'tcp9000',
        node: 'node-1',
        containers: [{ name: 'app', ports: [{ containerPort: 80, hostPort: 9000 }] }],
      },
    ]);
    expect(tcp.results[0]?.ok).toBe(true);
    expect(tcp.state.pods['default/tcp9000']?.phase).toBe('Running');
    const sctp = applyCommands(s, [
      {
        type: 'schedulePod',
        name: 'sctp9000',
        containers: [{ name: 'app', ports: [{ containerPort: 80, protocol: 'SCTP', hostPort: 9000 }] }],
      },
    ]);
    // kube-scheduler's NodePorts filter: only node-2 is free for 9000/SCTP.
    expect(sctp.state.pods['default/sctp9000']?.node).toBe('node-2');
  });
});

describe('an SCTP trace to node-ip:hostPort', () => {
  it('is DNATed by the -p sctp rows, reaches the SCTP listener and comes back un-DNATed', () => {
    const r = tracePacket(cluster(), { from: 'pod/c', to: '192.168.56.11', protocol: 'sctp', port: 9000 });
    if (!r.ok) throw new Error('trace');
    const t = r.trace;
    expect(t.delivered).toBe(true);
    expect(t.hops[0]?.packet.ip.protocol).toBe(132);
    const dnat = t.hops.find((h) => h.note.includes('DNAT (hostPort)'));
    expect(dnat?.where).toBe('node/node-1');
    expect(dnat?.note).toContain('-A CNI-HOSTPORT-DNAT -p sctp ');
    expect(dnat?.note).toContain('-p sctp -m sctp --dport 9000 -j DNAT --to-destination 10.244.0.2:38412');
    expect(dnat?.note).toContain('destination 192.168.56.11:9000 → 10.244.0.2:38412');
    const last = t.hops[t.hops.length - 1];
    expect(last?.where).toBe('pod/gw');
    expect(last?.note).toContain('a container listens on SCTP 38412');
    expect(t.reply?.delivered).toBe(true);
    expect(t.reply?.hops[0]?.packet.l4).toEqual({
      kind: 'sctp',
      srcPort: 38412,
      dstPort: 40000,
      chunk: 'INIT ACK',
    });
    const back = t.reply?.hops.find((h) => h.note.startsWith('conntrack reverses the DNAT'));
    expect(back?.note).toContain('source 10.244.0.2:38412 → 192.168.56.11:9000');
    const arrived = t.reply?.hops[t.reply.hops.length - 1];
    expect(arrived?.where).toBe('pod/c');
    expect(arrived?.packet.ip.src).toBe('192.168.56.11');
    expect(arrived?.packet.l4).toMatchObject({ kind: 'sctp', srcPort: 9000 });
  });

  it('is not DNATed for a protocol the port is not mapped for: TCP or UDP to 9000 is delivered to node-1', () => {
    for (const protocol of ['tcp', 'udp'] as const) {
      const r = tracePacket(cluster(), { from: 'pod/c', to: '192.168.56.11', protocol, port: 9000 });
      if (!r.ok) throw new Error('trace');
      expect(r.trace.hops.some((h) => h.note.includes('DNAT'))).toBe(false);
      expect(r.trace.hops[r.trace.hops.length - 1]?.note).toContain('delivered locally');
    }
  });

  it('is not DNATed to a TCP hostPort: an SCTP INIT to 8080 stays on node-1', () => {
    const r = tracePacket(cluster(), { from: 'pod/c', to: '192.168.56.11', protocol: 'sctp', port: 8080 });
    if (!r.ok) throw new Error('trace');
    expect(r.trace.hops.some((h) => h.note.includes('DNAT'))).toBe(false);
  });
});
