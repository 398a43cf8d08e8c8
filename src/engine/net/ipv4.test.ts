import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { contains, lastOf, overlaps, formatCidr, formatIp, maskOf, parseCidr, parseIpv4 } from './ipv4.ts';

describe('ipv4', () => {
  it.each([
    ['10.244.1.2', 0x0af40102],
    ['0.0.0.0', 0],
    ['255.255.255.255', 0xffffffff],
  ])('parses %s', (text, value) => {
    expect(parseIpv4(text)).toBe(value);
    expect(formatIp(value)).toBe(text);
  });
  it.each(['10.1.1', '256.1.1.1', '01.2.3.4', '1.2.3.4.5', '', 'a.b.c.d'])('rejects %j', (text) => {
    expect(parseIpv4(text)).toBeNull();
  });
  it('round-trips any uint32', () => {
    fc.assert(fc.property(fc.nat({ max: 0xffffffff }), (ip) => parseIpv4(formatIp(ip)) === ip));
  });
  it('parses CIDRs, strictly when asked', () => {
    expect(parseCidr('10.244.1.7/24')).toEqual({ net: 0x0af40100, prefix: 24 });
    expect(parseCidr('10.244.1.7/24', true)).toBeNull();
    expect(parseCidr('0.0.0.0/0', true)).toEqual({ net: 0, prefix: 0 });
    expect(parseCidr('10.0.0.0/33')).toBeNull();
    expect(formatCidr(parseCidr('192.168.221.64/26')!)).toBe('192.168.221.64/26');
    expect(maskOf(26)).toBe(0xffffffc0);
  });
  it('contains and overlaps', () => {
    const pool = parseCidr('192.168.0.0/16')!;
    expect(contains(pool, parseIpv4('192.168.56.11')!)).toBe(true);
    expect(contains(pool, parseIpv4('192.169.0.0')!)).toBe(false);
    expect(lastOf(parseCidr('10.244.1.0/24')!)).toBe(parseIpv4('10.244.1.255'));
    expect(overlaps(pool, parseCidr('192.168.56.0/24')!)).toBe(true);
    expect(overlaps(pool, parseCidr('172.16.0.0/16')!)).toBe(false);
  });
});
