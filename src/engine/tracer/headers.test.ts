import { describe, expect, it } from 'vitest';
import { encapVxlan } from './encap.ts';
import {
  ethernetLayout,
  internetChecksum,
  ipv4Layout,
  l4Layout,
  packetLayouts,
  vxlanLayout,
} from './headers.ts';
import { createRequest, withEth } from './packet.ts';

describe('header layouts', () => {
  it('computes the IPv4 header checksum (the classic 0xb861 example)', () => {
    const l = ipv4Layout({ src: '192.168.0.1', dst: '192.168.0.199', ttl: 64, protocol: 17, df: true }, 115);
    expect(l.hex).toBe('45 00 00 73 00 00 40 00 40 11 b8 61 c0 a8 00 01 c0 a8 00 c7');
    expect(l.bytes).toBe(20);
    expect(l.fields.find((f) => f.name === 'header checksum')?.display).toBe('0xb861');
    expect(l.fields.map((f) => f.bits).reduce((a, b) => a + b)).toBe(160);
  });
  it('checksums to zero when the checksum is included', () => {
    const bytes = '45 00 00 73 00 00 40 00 40 11 b8 61 c0 a8 00 01 c0 a8 00 c7'
      .split(' ')
      .map((h) => parseInt(h, 16));
    expect(internetChecksum(bytes)).toBe(0);
  });
  it.each([
    [1, '08 00 00 00 00 00 01 00'],
    [4096, '08 00 00 00 00 10 00 00'],
  ])('VXLAN VNI %i → %s', (vni, hex) => {
    expect(vxlanLayout(vni).hex).toBe(hex);
  });
  it('lays out Ethernet II', () => {
    expect(ethernetLayout({ src: 'ee:ee:ee:ee:ee:ee', dst: '0a:58:0a:f4:01:01' }).hex).toBe(
      '0a 58 0a f4 01 01 ee ee ee ee ee ee 08 00',
    );
  });
  it('lays out ICMP echo and TCP SYN', () => {
    const ping = createRequest({ protocol: 'icmp', src: '10.0.0.1', dst: '10.0.0.2', payloadLength: 0 });
    expect(l4Layout(ping.l4, 0).hex).toBe('08 00 f7 fd 00 01 00 01');
    const syn = createRequest({ protocol: 'tcp', src: '10.0.0.1', dst: '10.0.0.2', dstPort: 80 });
    const tcp = l4Layout(syn.l4, 0);
    expect(tcp.bytes).toBe(20);
    expect(tcp.fields.find((f) => f.name === 'flags')).toMatchObject({ value: 2, display: 'SYN' });
  });
  it('lists a VXLAN packet outermost first', () => {
    const inner = withEth(createRequest({ protocol: 'icmp', src: '10.244.1.2', dst: '10.244.2.3' }), {
      src: '7a:00:00:00:00:01',
      dst: '7a:00:00:00:00:02',
    });
    const vx = encapVxlan(inner, {
      outerSrc: '192.168.56.11',
      outerDst: '192.168.56.12',
      dstPort: 8472,
      vni: 1,
      outerEth: { src: '08:00:27:00:00:11', dst: '08:00:27:00:00:12' },
    });
    const layers = packetLayouts(vx);
    expect(layers.map((l) => l.layer)).toEqual([
      'Ethernet II',
      'IPv4',
      'UDP',
      'VXLAN',
      'Ethernet II',
      'IPv4',
      'ICMP',
    ]);
    expect(layers[1]?.fields.find((f) => f.name === 'total length')?.value).toBe(134);
    expect(layers[2]?.fields.find((f) => f.name === 'length')?.value).toBe(114);
  });
});
