import { describe, expect, it } from 'vitest';
import { calicoHostIfaceName, calicoHostSeed, cniChainName, fnv1_32, fnv1a32 } from './hash.ts';

describe('calicoHostIfaceName', () => {
  it('matches the Calico conversion test vector', () => {
    expect(calicoHostIfaceName('namespace', 'podname', 'eni')).toBe('eni82111e10a96');
    expect(calicoHostIfaceName('namespace', 'podname')).toBe('cali82111e10a96');
  });
  it('is 15 characters with the default prefix (IFNAMSIZ - 1)', () => {
    expect(calicoHostIfaceName('default', 'web-0')).toMatch(/^cali[0-9a-f]{11}$/);
  });
});

describe('cniChainName', () => {
  it('matches FormatChainName("test","1234")', () => {
    expect(cniChainName('test', '1234')).toBe('CNI-2bbe0c48b91a7d1b8a6753a8');
    expect(cniChainName('test', '1234')).toHaveLength(28);
  });
});

describe('FNV 32', () => {
  it.each([
    ['', 0x811c9dc5, 0x811c9dc5],
    ['a', 0xe40c292c, 0x050c5d7e],
    ['foobar', 0xbf9cf968, 0x31f0b262],
  ])('%j → 1a %i, 1 %i (published vectors)', (text, a, one) => {
    expect(fnv1a32(text)).toBe(a);
    expect(fnv1_32(text)).toBe(one);
  });
  it('calicoHostSeed is FNV-1 of the hostname', () => {
    expect(calicoHostSeed('node-1')).toBe(fnv1_32('node-1'));
  });
});
