import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  encapIpip,
  encapUdp,
  encapVxlan,
  decapsulate,
  tunnelOf,
  vxlanSourcePort,
  VXLAN_SRC_PORT_MAX,
  VXLAN_SRC_PORT_MIN,
} from './encap.ts';
import { checkMtu } from './mtu.ts';
import {
  createReply,
  createRequest,
  decrementTtl,
  innerIpLength,
  outerIpLength,
  withEth,
  type Packet,
} from './packet.ts';

const eth = { src: '7a:3e:00:00:00:01', dst: '7a:3e:00:00:00:02' };
const icmp = createRequest({ protocol: 'icmp', src: '10.244.1.2', dst: '10.244.2.3' });
const tcp = createRequest({ protocol: 'tcp', src: '10.244.1.2', dst: '10.244.2.3', dstPort: 80 });

describe('packets', () => {
  it('builds requests as ping, a SYN and a datagram would be', () => {
    expect(icmp).toEqual({
      ip: { src: '10.244.1.2', dst: '10.244.2.3', ttl: 64, protocol: 1, df: true },
      l4: { kind: 'icmp', type: 8, code: 0, id: 1, seq: 1 },
      payloadLength: 56,
    });
    expect(innerIpLength(icmp)).toBe(84);
    expect(tcp.l4).toEqual({ kind: 'tcp', srcPort: 40000, dstPort: 80, flags: ['SYN'] });
    expect(createRequest({ protocol: 'udp', src: 'a', dst: 'b', dstPort: 53 }).ip.protocol).toBe(17);
  });
  it('builds replies', () => {
    expect(createReply(icmp).l4).toMatchObject({ type: 0 });
    expect(createReply(tcp)).toMatchObject({
      ip: { src: '10.244.2.3', dst: '10.244.1.2', ttl: 64 },
      l4: { srcPort: 80, dstPort: 40000, flags: ['SYN', 'ACK'] },
    });
  });
  it('decrements TTL, and drops at 1', () => {
    const r = decrementTtl(icmp, 'node/node-1');
    expect(r.ok && r.packet.ip.ttl).toBe(63);
    const dying = decrementTtl({ ...icmp, ip: { ...icmp.ip, ttl: 1 } }, 'node/node-1');
    expect(dying.ok).toBe(false);
    if (!dying.ok) expect(dying.reason).toContain('TTL exceeded in transit at node/node-1');
  });
});

describe('VXLAN', () => {
  const inner = withEth(icmp, eth);
  const vx = encapVxlan(inner, {
    outerSrc: '192.168.56.11',
    outerDst: '192.168.56.12',
    dstPort: 8472,
    vni: 1,
  });
  it('adds outer IPv4 (17), UDP to the plugin port and the VNI, keeping the inner frame', () => {
    expect(vx.outer).toMatchObject({
      ip: { src: '192.168.56.11', dst: '192.168.56.12', protocol: 17, ttl: 64 },
      udp: { dstPort: 8472 },
      vxlan: { vni: 1, flags: 8 },
    });
    expect(vx.eth).toEqual(eth);
    expect(vx.ip).toEqual(icmp.ip);
    expect(outerIpLength(vx)).toBe(innerIpLength(icmp) + 50);
    expect(tunnelOf(vx)).toEqual({ kind: 'vxlan', vni: 1, dstPort: 8472 });
    expect(decapsulate(vx)).toEqual(inner);
  });
  it('needs an inner Ethernet header', () => {
    expect(() => encapVxlan(icmp, { outerSrc: 'a', outerDst: 'b', dstPort: 4789, vni: 4096 })).toThrow(
      /Ethernet/,
    );
  });
  it('derives the source port from the flow, inside 32768-60999 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 1, max: 65535 }), (s, d) => {
        const p: Packet = createRequest({
          protocol: 'udp',
          src: '10.0.0.1',
          dst: '10.0.0.2',
          srcPort: s,
          dstPort: d,
        });
        const port = vxlanSourcePort(p);
        return (
          port >= VXLAN_SRC_PORT_MIN &&
          port <= VXLAN_SRC_PORT_MAX &&
          port === vxlanSourcePort({ ...p, payloadLength: 9 })
        );
      }),
    );
  });
});

describe('IP-in-IP', () => {
  const ipip = encapIpip(withEth(icmp, eth), { outerSrc: '10.0.0.11', outerDst: '10.0.0.12' });
  it('adds an outer IPv4 with protocol 4, no UDP and no inner Ethernet', () => {
    expect(ipip.outer).toEqual({
      ip: { src: '10.0.0.11', dst: '10.0.0.12', ttl: 64, protocol: 4, df: true },
    });
    expect(ipip.eth).toBeUndefined();
    expect(outerIpLength(ipip)).toBe(innerIpLength(icmp) + 20);
    expect(tunnelOf(ipip)).toEqual({ kind: 'ipip' });
    expect(decapsulate(ipip)).toEqual(icmp);
  });
});

describe('checkMtu', () => {
  const big = createRequest({ protocol: 'icmp', src: '10.244.1.2', dst: '10.244.2.3', payloadLength: 1472 });
  it('drops a 1500-byte DF packet at flannel.1 (MTU 1450)', () => {
    expect(checkMtu(big, 'flannel.1', 1450)).toEqual({
      ok: false,
      reason: 'needs fragmentation (DF set): packet of 1500 bytes exceeds the MTU 1450 of dev flannel.1',
    });
  });
  it('lets a packet of exactly the MTU through', () => {
    expect(checkMtu({ ...big, payloadLength: 1422 }, 'flannel.1', 1450)).toEqual({ ok: true, fragments: 1 });
  });
  it('counts the tunnel overhead against the underlay', () => {
    const r = checkMtu({ ...big, payloadLength: 1423 }, 'eth0', 1500, 50);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.reason).toBe(
        'needs fragmentation (DF set): packet of 1451 bytes (+50 bytes of encapsulation) exceeds the MTU 1500 of dev eth0',
      );
  });
  it('fragments without DF', () => {
    expect(checkMtu({ ...big, ip: { ...big.ip, df: false } }, 'tunl0', 1480)).toEqual({
      ok: true,
      fragments: 2,
    });
  });
});

describe('Weave sleeve (UDP)', () => {
  it('wraps the frame in UDP 6783 without VXLAN', () => {
    const s = encapUdp(withEth(icmp, eth), {
      outerSrc: '192.168.56.11',
      outerDst: '192.168.56.12',
      port: 6783,
    });
    expect(s.outer).toEqual({
      ip: { src: '192.168.56.11', dst: '192.168.56.12', ttl: 64, protocol: 17, df: false },
      udp: { srcPort: 6783, dstPort: 6783 },
    });
    expect(tunnelOf(s)).toEqual({ kind: 'udp', dstPort: 6783 });
    expect(outerIpLength(s)).toBe(20 + 8 + 14 + innerIpLength(icmp));
  });
});
