import { describe, expect, it } from 'vitest';
import { createCluster, type ClusterState, type TraceResult } from '../engine/index.ts';
import { feedTrace } from './shell.ts';
import { terminal } from './test-cluster.ts';

/** node-1 runs `gnb`; node-2 runs `amf`, listening on SCTP 38412 (hostPort 9000) and TCP 8080. */
function sctpCluster(): ClusterState {
  const c = createCluster(
    {
      network: { plugin: 'flannel', backend: 'vxlan' },
      nodes: [{ name: 'node-1' }, { name: 'node-2' }],
      pods: [
        { name: 'gnb', node: 'node-1' },
        {
          name: 'amf',
          node: 'node-2',
          containers: [
            {
              name: 'amf',
              image: 'free5gc/amf',
              ports: [
                { name: 'ngap', containerPort: 38412, protocol: 'SCTP', hostPort: 9000 },
                { containerPort: 8080 },
              ],
            },
          ],
        },
      ],
    },
    1,
  );
  if (!c.ok) throw new Error(c.problems.map((p) => p.message).join('; '));
  return c.state;
}

function sctpTrace(t: ReturnType<typeof terminal>, to: string, port: number): TraceResult {
  const r = t.host.trace({ from: 'pod/gnb', to, protocol: 'sctp', port });
  if (!r.ok || !('trace' in r)) throw new Error(JSON.stringify(r));
  return r.trace;
}

/** What a capture printed, without its timestamps. */
const packets = (out: string): string[] =>
  out
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.replace(/^\S+ /, ''));

describe('tcpdump prints SCTP as print-sctp.c does', () => {
  it("an INIT and its INIT ACK on the node's bridge, each chunk field followed by a space", () => {
    const t = terminal(sctpCluster());
    t.type('ssh node-2');
    t.type('tcpdump -i cni0 -nn sctp');
    const fed = feedTrace(t.host, t.session(), sctpTrace(t, 'amf', 38412));
    expect(packets(fed.output)).toEqual([
      'IP 10.244.0.2.40000 > 10.244.1.2.38412: sctp (1) [INIT] [init tag: 1000000] [rwnd: 106496] [OS: 10] [MIS: 65535] [init TSN: 1000000] ',
      'IP 10.244.1.2.38412 > 10.244.0.2.40000: sctp (1) [INIT ACK] [init tag: 2000000] [rwnd: 106496] [OS: 10] [MIS: 10] [init TSN: 2000000] ',
    ]);
  });

  it('an INIT to a port without an SCTP listener and the ABORT it gets; -e gives the frame length', () => {
    const t = terminal(sctpCluster());
    t.type('ssh node-2');
    t.type('tcpdump -i cni0 -nn -e');
    const fed = feedTrace(t.host, t.session(), sctpTrace(t, 'amf', 8080));
    const [init, abort] = packets(fed.output);
    // 14 Ethernet + 20 IPv4 + 12 SCTP common header + 20 INIT chunk; the ABORT chunk is 4.
    expect(init).toMatch(
      /^\S+ > \S+, ethertype IPv4 \(0x0800\), length 66: 10\.244\.0\.2\.40000 > 10\.244\.1\.2\.8080: sctp \(1\) \[INIT\] /,
    );
    expect(abort).toMatch(
      /^\S+ > \S+, ethertype IPv4 \(0x0800\), length 50: 10\.244\.1\.2\.8080 > 10\.244\.0\.2\.40000: sctp \(1\) \[ABORT\] $/,
    );
  });

  it('the filter tcp leaves SCTP out, not udp keeps it; port matches its ports', () => {
    const t = terminal(sctpCluster());
    t.type('ssh node-2');
    t.type('tcpdump -i cni0 -nn tcp');
    const tcpOnly = feedTrace(t.host, t.session(), sctpTrace(t, 'amf', 38412));
    expect(packets(tcpOnly.output)).toEqual([]);
    const v = terminal(sctpCluster());
    v.type('ssh node-2');
    v.type('tcpdump -i cni0 -nn not udp');
    expect(packets(feedTrace(v.host, v.session(), sctpTrace(v, 'amf', 38412)).output)).toHaveLength(2);
    const u = terminal(sctpCluster());
    u.type('ssh node-2');
    u.type('tcpdump -i cni0 -nn port 38412');
    expect(packets(feedTrace(u.host, u.session(), sctpTrace(u, 'amf', 38412)).output)).toHaveLength(2);
  });

  it('the hostPort DNAT on the node: the INIT to node-2:9000 is seen on cni0 already DNATed', () => {
    const t = terminal(sctpCluster());
    t.type('ssh node-2');
    t.type('tcpdump -i cni0 -nn sctp');
    const fed = feedTrace(t.host, t.session(), sctpTrace(t, '192.168.56.12', 9000));
    const lines = packets(fed.output);
    expect(lines[0]).toMatch(/^IP \S+\.40000 > 10\.244\.1\.2\.38412: sctp \(1\) \[INIT\] /);
    expect(lines[1]).toMatch(/^IP 10\.244\.1\.2\.38412 > \S+\.40000: sctp \(1\) \[INIT ACK\] /);
  });
});

describe('the terminal shows SCTP ports', () => {
  it('kubectl describe prints 38412/SCTP and its host port 9000/SCTP', () => {
    const t = terminal(sctpCluster());
    const out = t.type('kubectl describe pod amf');
    expect(out).toContain('    Ports:          38412/SCTP, 8080/TCP\n');
    expect(out).toContain('    Host Ports:     9000/SCTP, 0/TCP\n');
  });

  it('kubectl get pod -o yaml keeps protocol: SCTP', () => {
    const t = terminal(sctpCluster());
    expect(t.type('kubectl get pod amf -o yaml')).toMatch(
      /- containerPort: 38412\n\s+hostPort: 9000\n\s+name: ngap\n\s+protocol: SCTP\n/,
    );
  });

  it('ss -lnS lists the SCTP listener, ss -lnt the TCP one only', () => {
    const t = terminal(sctpCluster());
    t.type('kubectl exec -it amf -- sh');
    const sctp = t.type('ss -lnS');
    expect(sctp).toContain('0.0.0.0:38412');
    expect(sctp).not.toContain(':8080');
    const tcp = t.type('ss -lnt');
    expect(tcp).toContain('0.0.0.0:8080');
    expect(tcp).not.toContain(':38412');
  });

  it('kubectl apply refuses a lower-case protocol with the API server words', () => {
    const t = terminal();
    expect(
      t.type(
        'kubectl apply -f - <<EOF\nkind: Pod\nmetadata: {name: amf}\nspec: {containers: [{name: amf, ports: [{containerPort: 38412, protocol: sctp}]}]}\nEOF',
      ),
    ).toBe(
      'The Pod "amf" is invalid: spec.containers[0].ports[0].protocol: Unsupported value: "sctp": supported values: "SCTP", "TCP", "UDP"\n',
    );
    expect(
      t.type(
        'kubectl apply -f - <<EOF\nkind: Pod\nmetadata: {name: amf}\nspec: {containers: [{name: amf, ports: [{containerPort: 38412, protocol: SCTP}]}]}\nEOF',
      ),
    ).toBe('pod/amf created\n');
  });
});
