import { describe, expect, it } from 'vitest';
import { ipv6LinkLocal, solicitedNodeMac } from './link-local.ts';

describe('IPv6 link-local addresses', () => {
  it('derives them by modified EUI-64, as ip addr prints them (reference output)', () => {
    expect(ipv6LinkLocal('7e:2f:98:4f:da:88')).toBe('fe80::7c2f:98ff:fe4f:da88');
    expect(ipv6LinkLocal('e6:ea:f5:ed:2e:e8')).toBe('fe80::e4ea:f5ff:feed:2ee8');
    expect(ipv6LinkLocal('ee:ee:ee:ee:ee:ee')).toBe('fe80::ecee:eeff:feee:eeee');
  });

  it('compresses zero words as RFC 5952 says', () => {
    expect(ipv6LinkLocal('02:00:00:00:00:01')).toBe('fe80::ff:fe00:1');
    expect(ipv6LinkLocal('06:ae:50:7d:0e:b8')).toBe('fe80::4ae:50ff:fe7d:eb8');
    expect(ipv6LinkLocal('02:00:00:00:00:00')).toBe('fe80::ff:fe00:0');
  });

  it('names the solicited-node group by the last three bytes', () => {
    expect(solicitedNodeMac('62:e7:a0:b8:58:04')).toBe('33:33:ff:b8:58:04');
  });
});
