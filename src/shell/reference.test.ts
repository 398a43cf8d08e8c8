/**
 * The shell's output against output captured on Linux from a real two-node flannel VXLAN
 * setup (shared/reference/real-output-flannel-vxlan.md, quoted here). MACs, interface
 * indices, ICMP ids, timestamps, times and VXLAN source ports differ per run there, so they
 * are normalised on both sides; everything else must match. The engine's table formatters
 * print no trailing blank after `ip route` and `ip neigh` lines, so those two compare with
 * trailing blanks trimmed. The state and qlen of bridges and VXLAN devices are normalised too.
 */
import { describe, expect, it } from 'vitest';
import type { TraceResult } from '../engine/index.ts';
import { feedTrace } from './shell.ts';
import { terminal } from './test-cluster.ts';

const MAC = /\b[0-9a-f]{2}(:[0-9a-f]{2}){5}\b/g;
const trimLines = (s: string): string =>
  s
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n');
const norm = (s: string): string =>
  s
    .replace(MAC, 'MAC')
    .replace(/^\d+: /gm, 'N: ')
    .replace(
      /^(N: (?:cni0|flannel\.1): .*) state (?:UNKNOWN|UP)( mode DEFAULT)? group default(?: qlen 1000)?$/gm,
      '$1 state S$2 group default',
    )
    .replace(/@if\d+/g, '@ifN')
    .replace(/time=\d+\.\d+ ms/g, 'time=T ms')
    .replace(/ \d+\.\d{3} ms/g, ' T ms')
    .replace(/rtt min\/avg\/max\/mdev = [\d./]+ ms/, 'rtt min/avg/max/mdev = T ms')
    .replace(/^\d\d:\d\d:\d\d\.\d{6} /gm, 'TS ')
    .replace(/ id \d+,/g, ' id ID,')
    .replace(/(\d+\.\d+\.\d+\.\d+)\.\d{5} > /g, '$1.SPORT > ');

describe('output against the captured real tools', () => {
  it('pod a: ip route', () => {
    const real =
      'default via 10.244.0.1 dev eth0 \n10.244.0.0/24 dev eth0 proto kernel scope link src 10.244.0.2 \n10.244.0.0/16 via 10.244.0.1 dev eth0 \n';
    expect(terminal().type('kubectl exec a -- ip route')).toBe(trimLines(real));
  });

  it('pod a: ip route get 10.244.1.2 (byte for byte)', () => {
    expect(terminal().type('kubectl exec a -- ip route get 10.244.1.2')).toBe(
      '10.244.1.2 via 10.244.0.1 dev eth0 src 10.244.0.2 uid 0 \n    cache \n',
    );
  });

  it('pod a: ip addr (lo and eth0, with their IPv6 addresses)', () => {
    const out = terminal().type('kubectl exec a -- ip addr');
    const real = [
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000',
      '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
      '    inet 127.0.0.1/8 scope host lo',
      '       valid_lft forever preferred_lft forever',
      '    inet6 ::1/128 scope host ',
      '       valid_lft forever preferred_lft forever',
      '2: eth0@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP group default ',
      // A pod's netns sees the node's netns by id (kubelet never names it), so link-netnsid 0.
      '    link/ether 7e:2f:98:4f:da:88 brd ff:ff:ff:ff:ff:ff link-netnsid 0',
      '    inet 10.244.0.2/24 brd 10.244.0.255 scope global eth0',
      '       valid_lft forever preferred_lft forever',
      '    inet6 fe80::7c2f:98ff:fe4f:da88/64 scope link ',
      '       valid_lft forever preferred_lft forever',
      '',
    ].join('\n');
    // The link-local address follows the MAC, which differs per run: normalise both.
    const ll = (x: string): string => x.replace(/fe80::[0-9a-f:]+\/64/g, 'fe80::EUI64/64');
    expect(ll(norm(trimLines(out)))).toBe(ll(norm(trimLines(real))));
  });

  it('pod a: ping -c 2 across nodes (ttl=62, statistics)', () => {
    const real = `PING 10.244.1.2 (10.244.1.2) 56(84) bytes of data.
64 bytes from 10.244.1.2: icmp_seq=1 ttl=62 time=0.300 ms
64 bytes from 10.244.1.2: icmp_seq=2 ttl=62 time=0.194 ms

--- 10.244.1.2 ping statistics ---
2 packets transmitted, 2 received, 0% packet loss, time 1029ms
rtt min/avg/max/mdev = 0.194/0.247/0.300/0.053 ms
`;
    const out = terminal().type('kubectl exec a -- ping -c 2 10.244.1.2');
    expect(norm(out)).toBe(norm(real));
    // The model's times have the real run's shape: a slower first probe, well under a millisecond.
    const times = [...out.matchAll(/time=(\d+\.\d+) ms/g)].map((m) => Number(m[1]));
    expect(times[0]).toBeGreaterThan(times[1] ?? Infinity);
    expect(Math.max(...times)).toBeLessThan(1);
  });

  it('pod a: ping -c 1 -M do -s 1423 (one byte over the MTU), byte for byte', () => {
    const real = `PING 10.244.1.2 (10.244.1.2) 1423(1451) bytes of data.
ping: local error: message too long, mtu=1450

--- 10.244.1.2 ping statistics ---
1 packets transmitted, 0 received, +1 errors, 100% packet loss, time 0ms

`;
    const t = terminal();
    t.type('kubectl exec -it a -- sh');
    expect(t.type('ping -c 1 -M do -s 1423 10.244.1.2')).toBe(real);
  });

  it('pod a: ping a pod address no node routes (the lab node sends it to its default gateway)', () => {
    // The capture's nodes had no default route, so node-1 itself answered "From 10.244.0.1".
    // The lab's nodes route everything else via the underlay gateway, as real nodes do (the
    // kernel suite checks that the echo leaves eth0 for it); the gateway, a router without a
    // route to pods, answers Net Unreachable. Only the answering address differs.
    const real = `PING 10.244.9.9 (10.244.9.9) 56(84) bytes of data.
From 192.168.56.1 icmp_seq=1 Destination Net Unreachable

--- 10.244.9.9 ping statistics ---
1 packets transmitted, 0 received, +1 errors, 100% packet loss, time 0ms

`;
    const t = terminal();
    t.type('kubectl exec -it a -- sh');
    expect(t.type('ping -c 1 -W 1 10.244.9.9')).toBe(real);
  });

  it('pod a: traceroute -n 10.244.1.2', () => {
    const real = `traceroute to 10.244.1.2 (10.244.1.2), 30 hops max, 60 byte packets
 1  10.244.0.1  0.060 ms  0.013 ms  0.010 ms
 2  10.244.1.0  0.065 ms  0.061 ms  0.026 ms
 3  10.244.1.2  0.042 ms  0.030 ms  0.034 ms
`;
    expect(norm(terminal().type('kubectl exec a -- traceroute -n 10.244.1.2'))).toBe(norm(real));
  });

  it('node-1: ip route has the reference routes, plus the default route of a real node', () => {
    const real = `10.244.0.0/24 dev cni0 proto kernel scope link src 10.244.0.1 
10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink 
192.168.56.0/24 dev eth0 proto kernel scope link src 192.168.56.11 
`;
    const t = terminal();
    t.type('ssh node-1');
    expect(t.type('ip route')).toBe(`default via 192.168.56.1 dev eth0\n${trimLines(real)}`);
  });

  it('node-1: ip route get 10.244.1.2, byte for byte', () => {
    const t = terminal();
    t.type('ssh node-1');
    expect(t.type('ip route get 10.244.1.2')).toBe(
      '10.244.1.2 via 10.244.1.0 dev flannel.1 src 10.244.0.0 uid 0 \n    cache \n',
    );
  });

  it('node-1: ip -d link show flannel.1', () => {
    const real = `5: flannel.1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000
    link/ether e6:ea:f5:ed:2e:e8 brd ff:ff:ff:ff:ff:ff promiscuity 0  allmulti 0 minmtu 68 maxmtu 65535 
    vxlan id 1 local 192.168.56.11 dev eth0 srcport 0 0 dstport 8472 nolearning ttl auto ageing 300 udpcsum noudp6zerocsumtx noudp6zerocsumrx addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 tso_max_size 524280 tso_max_segs 65535 gro_max_size 65536 
`;
    const t = terminal();
    t.type('ssh node-1');
    expect(norm(t.type('ip -d link show flannel.1'))).toBe(norm(real));
  });

  it('node-1: ip link lines of cni0, the veth and flannel.1', () => {
    const real = [
      '3: cni0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP mode DEFAULT group default qlen 1000',
      '    link/ether 26:d0:34:60:6b:a3 brd ff:ff:ff:ff:ff:ff',
      '4: vethdae18be1@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue master cni0 state UP mode DEFAULT group default ',
      '    link/ether d2:c9:59:f7:60:ff brd ff:ff:ff:ff:ff:ff link-netns cni-1b2c3d4e-0000-0000-0000-00000000000X',
      '5: flannel.1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000',
      '    link/ether e6:ea:f5:ed:2e:e8 brd ff:ff:ff:ff:ff:ff',
    ];
    const t = terminal();
    t.type('ssh node-1');
    const out = norm(t.type('ip link'))
      .replace(/veth[0-9a-f]{8}/g, 'vethX')
      .replace(/cni-[0-9a-f-]{36}/g, 'cni-NS');
    for (const l of real) {
      const want = norm(l.trimEnd())
        .replace(/veth[0-9a-f]{8}/g, 'vethX')
        .replace(/cni-[0-9a-f-]{8}-0000-0000-0000-00000000000X/g, 'cni-NS');
      expect(out.split('\n')).toContain(want);
    }
  });

  it('node-1: ip neigh has the permanent flannel.1 entry of node-2', () => {
    const t = terminal();
    t.type('ssh node-1');
    expect(norm(t.type('ip neigh'))).toContain(
      norm('10.244.1.0 dev flannel.1 lladdr e6:9b:49:f6:66:88 PERMANENT'),
    );
  });

  it('node-1: ip neigh after the pings holds what the real capture holds, in the same states', () => {
    const t = terminal();
    t.type('kubectl exec a -- ping -c 2 10.244.1.2');
    t.type('ssh node-1');
    const real = [
      '10.244.1.0 dev flannel.1 lladdr e6:9b:49:f6:66:88 PERMANENT ',
      '192.168.56.12 dev eth0 lladdr 12:48:0c:36:e0:94 REACHABLE ',
      '10.244.0.2 dev cni0 lladdr 7e:2f:98:4f:da:88 DELAY ',
    ];
    // The order is the kernel's hash order, drawn per machine: compared as sets.
    const lines = (s: string): string[] =>
      norm(s)
        .split('\n')
        .filter((l) => l !== '')
        .sort();
    expect(lines(t.type('ip neigh'))).toEqual(lines(real.map((l) => l.trimEnd()).join('\n')));
    expect(norm(t.type('ip neigh show dev cni0'))).toBe('10.244.0.2 lladdr MAC DELAY\n');
    t.type('exit');
    // The pod resolved its gateway (cni0 on node-1) for the echo request.
    expect(norm(t.type('kubectl exec a -- ip neigh'))).toBe('10.244.0.1 dev eth0 lladdr MAC REACHABLE\n');
  });

  it('node-1: bridge fdb has the VXLAN entry towards node-2 and the pod MAC on its veth', () => {
    const t = terminal();
    t.type('ssh node-1');
    const out = norm(t.type('bridge fdb show')).replace(/veth[0-9a-f]{8}/g, 'vethX');
    expect(out).toContain('MAC dev flannel.1 dst 192.168.56.12 self permanent\n');
    expect(out).toContain('MAC dev vethX master cni0\n');
    expect(out).toContain('MAC dev cni0 master cni0 permanent\n');
  });

  it('node-1: ls /var/lib/cni/networks/cbr0 and the reservation file', () => {
    const t = terminal();
    t.type('ssh node-1');
    expect(t.type('ls /var/lib/cni/networks/cbr0')).toBe('10.244.0.2  last_reserved_ip.0  lock\n');
    expect(t.type('cat /var/lib/cni/networks/cbr0/10.244.0.2')).toMatch(/^[0-9a-f]{64}\r\neth0$/);
  });

  it('tcpdump on eth0 (udp port 8472), flannel.1 (-e) and cni0 (icmp) for one ping', () => {
    const realEth0 = `tcpdump: verbose output suppressed, use -v[v]... for full protocol decode
listening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes
03:36:35.562324 IP 192.168.56.11.40733 > 192.168.56.12.8472: OTV, flags [I] (0x08), overlay 0, instance 1
IP 10.244.0.2 > 10.244.1.2: ICMP echo request, id 995, seq 1, length 64
03:36:35.562395 IP 192.168.56.12.40733 > 192.168.56.11.8472: OTV, flags [I] (0x08), overlay 0, instance 1
IP 10.244.1.2 > 10.244.0.2: ICMP echo reply, id 995, seq 1, length 64
2 packets captured
2 packets received by filter
0 packets dropped by kernel
`;
    // The capture also saw an MLD report (2 captured, 3 received); the lab models no IPv6, so
    // one packet, and tcpdump's PLURAL_SUFFIX writes 1 in the singular ("1 packet captured").
    const realFlannel = `tcpdump: verbose output suppressed, use -v[v]... for full protocol decode
listening on flannel.1, link-type EN10MB (Ethernet), snapshot length 262144 bytes
03:36:35.562307 e6:ea:f5:ed:2e:e8 > e6:9b:49:f6:66:88, ethertype IPv4 (0x0800), length 98: 10.244.0.2 > 10.244.1.2: ICMP echo request, id 995, seq 1, length 64
1 packet captured
1 packet received by filter
0 packets dropped by kernel
`;
    const realCni0 = `tcpdump: verbose output suppressed, use -v[v]... for full protocol decode
listening on cni0, link-type EN10MB (Ethernet), snapshot length 262144 bytes
03:36:35.562297 IP 10.244.0.2 > 10.244.1.2: ICMP echo request, id 995, seq 1, length 64
03:36:35.562407 IP 10.244.1.2 > 10.244.0.2: ICMP echo reply, id 995, seq 1, length 64
2 packets captured
2 packets received by filter
0 packets dropped by kernel
`;
    const cases: [string, string][] = [
      ['tcpdump -nn -i eth0 -c 2 udp port 8472', realEth0],
      ['tcpdump -nn -e -i flannel.1 -c 1', realFlannel],
      ['tcpdump -nn -i cni0 -c 2 icmp', realCni0],
    ];
    for (const [command, real] of cases) {
      // The capture waits in the foreground; the ping runs in another terminal.
      const u = terminal();
      u.type('ssh node-1');
      let out = u.type(command);
      const pinger = terminal();
      pinger.type('kubectl exec a -- ping -c 1 10.244.1.2');
      const trace = pinger.traces[0];
      if (trace === undefined) throw new Error('no trace');
      out += feedTraceOf(u, trace);
      expect(norm(out)).toBe(norm(real));
    }
  });
});

function feedTraceOf(t: ReturnType<typeof terminal>, trace: TraceResult): string {
  return feedTrace(t.host, t.session(), trace).output;
}
