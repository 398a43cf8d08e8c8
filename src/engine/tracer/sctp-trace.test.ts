import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster/create-cluster.ts';
import type { ClusterState, NetworkSpec } from '../state/types.ts';
import { createReply, createRequest, innerIpLength, IPPROTO } from './packet.ts';
import { apply, trace } from './trace-fixtures.ts';

/** node-1 runs the client, node-2 runs `amf` (SCTP 38412, named "ngap") and `web` (TCP 38412). */
function cluster(network: NetworkSpec): ClusterState {
  const r = createCluster({
    network,
    nodes: [{ name: 'node-1' }, { name: 'node-2' }],
    pods: [
      { name: 'client', node: 'node-1', labels: { role: 'gnb' } },
      {
        name: 'amf',
        node: 'node-2',
        labels: { app: 'amf' },
        containers: [{ name: 'amf', ports: [{ name: 'ngap', containerPort: 38412, protocol: 'SCTP' }] }],
      },
    ],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.state;
}

describe('SCTP packets', () => {
  it('an SCTP trace starts with an INIT (IP protocol 132) and is answered with an INIT ACK', () => {
    const init = createRequest({ protocol: 'sctp', src: '10.244.0.2', dst: '10.244.1.2', dstPort: 38412 });
    expect(IPPROTO.sctp).toBe(132);
    expect(init.ip.protocol).toBe(132);
    expect(init.l4).toEqual({ kind: 'sctp', srcPort: 40000, dstPort: 38412, chunk: 'INIT' });
    // IPv4 20 + SCTP common header 12 + INIT chunk 20.
    expect(innerIpLength(init)).toBe(52);
    const ack = createReply(init);
    expect(ack.ip).toMatchObject({ src: '10.244.1.2', dst: '10.244.0.2', protocol: 132 });
    expect(ack.l4).toEqual({ kind: 'sctp', srcPort: 38412, dstPort: 40000, chunk: 'INIT ACK' });
  });

  it('crosses nodes to a listening pod and gets its INIT ACK back', () => {
    const t = trace(cluster({ plugin: 'flannel' }), {
      from: 'pod/client',
      to: 'amf',
      protocol: 'sctp',
      port: 38412,
    });
    expect(t.delivered).toBe(true);
    expect(t.hops[t.hops.length - 1]?.note).toContain('a container listens on SCTP 38412');
    // VXLAN carries it like any IP packet; the inner header keeps protocol 132.
    expect(t.hops.some((h) => h.packet.outer?.vxlan !== undefined && h.packet.ip.protocol === 132)).toBe(
      true,
    );
    expect(t.reply?.delivered).toBe(true);
    expect(t.reply?.hops[0]?.packet.l4).toMatchObject({ kind: 'sctp', chunk: 'INIT ACK' });
  });

  it('an INIT to a port nobody listens on with SCTP is answered ABORT (out of the blue), not ICMP', () => {
    const s = cluster({ plugin: 'flannel' });
    for (const port of [38413, 80]) {
      const t = trace(s, { from: 'pod/client', to: 'amf', protocol: 'sctp', port });
      expect(t.hops[t.hops.length - 1]?.note).toContain(`nothing listens on SCTP ${port}`);
      expect(t.reply?.hops[0]?.packet.ip.protocol).toBe(132);
      expect(t.reply?.hops[0]?.packet.l4).toEqual({
        kind: 'sctp',
        srcPort: port,
        dstPort: 40000,
        chunk: 'ABORT',
      });
    }
    // A TCP SYN to the SCTP port finds no TCP listener there.
    const tcp = trace(s, { from: 'pod/client', to: 'amf', protocol: 'tcp', port: 38412 });
    expect(tcp.hops[tcp.hops.length - 1]?.note).toContain('nothing listens on TCP 38412');
  });
});

describe('NetworkPolicy on SCTP ports (Calico enforces it)', () => {
  const allowNgap = (port: number | string) => ({
    type: 'applyNetworkPolicy' as const,
    policy: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'allow-ngap', namespace: 'default' },
      spec: {
        podSelector: { matchLabels: { app: 'amf' } },
        ingress: [
          { from: [{ podSelector: { matchLabels: { role: 'gnb' } } }], ports: [{ protocol: 'SCTP', port }] },
        ],
      },
    },
  });

  it.each([38412, 'ngap'])(
    'allows SCTP to port %s and denies TCP to the same number and SCTP elsewhere',
    (port) => {
      const s = apply(cluster({ plugin: 'calico' }), [allowNgap(port)]);
      const ok = trace(s, { from: 'pod/client', to: 'amf', protocol: 'sctp', port: 38412 });
      expect(ok.delivered).toBe(true);
      expect(ok.hops[ok.hops.length - 1]?.note).toContain(
        'allowed by policy default/allow-ngap: pod amf is isolated for ingress, and a rule allows sctp/38412 from default/client',
      );
      const tcp = trace(s, { from: 'pod/client', to: 'amf', protocol: 'tcp', port: 38412 });
      expect(tcp.delivered).toBe(false);
      expect(tcp.dropReason).toContain('no rule allows tcp/38412 from default/client');
      const elsewhere = trace(s, { from: 'pod/client', to: 'amf', protocol: 'sctp', port: 38413 });
      expect(elsewhere.delivered).toBe(false);
      expect(elsewhere.dropReason).toContain('no rule allows sctp/38413 from default/client');
    },
  );

  it('denies SCTP when the rule names the port for TCP (the default protocol)', () => {
    const s = apply(cluster({ plugin: 'calico' }), [
      {
        type: 'applyNetworkPolicy',
        policy: {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: { name: 'tcp-only', namespace: 'default' },
          spec: { podSelector: { matchLabels: { app: 'amf' } }, ingress: [{ ports: [{ port: 38412 }] }] },
        },
      },
    ]);
    const t = trace(s, { from: 'pod/client', to: 'amf', protocol: 'sctp', port: 38412 });
    expect(t.delivered).toBe(false);
    expect(t.dropReason).toContain('NetworkPolicy denied it at ingress');
  });
});
