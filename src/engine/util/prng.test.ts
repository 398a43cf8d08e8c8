import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RandomSource, wordAfter } from './prng.ts';

/** mulberry32 as its reference JavaScript writes it, seeded with the raw state. */
function reference(state: number): () => number {
  let a = state;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

describe('RandomSource', () => {
  it('draws the mulberry32 sequence and keeps its state as one uint32', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seed) => {
        const src = new RandomSource(seed);
        const ref = reference(seed);
        for (let i = 0; i < 8; i++) expect(src.u32()).toBe(ref());
        expect(Number.isInteger(src.state) && src.state >= 0 && src.state <= 0xffffffff).toBe(true);
      }),
    );
  });

  it('wordAfter(state, n) is the n-th draw, without drawing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 1, max: 6 }), (seed, n) => {
        const src = new RandomSource(seed);
        let w = 0;
        for (let i = 0; i < n; i++) w = src.u32();
        expect(wordAfter(seed, n)).toBe(w);
      }),
    );
  });

  it('builds ids, UUIDs and MACs of the documented shapes', () => {
    const src = new RandomSource(7);
    expect(src.hex(32)).toMatch(/^[0-9a-f]{64}$/);
    expect(src.hex(3)).toMatch(/^[0-9a-f]{6}$/);
    expect(src.uuid('/var/run/netns/cni-')).toMatch(
      /^\/var\/run\/netns\/cni-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    const mac = src.mac();
    expect(mac).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    expect(parseInt(mac.slice(0, 2), 16) & 0x03).toBe(0x02);
  });
});
