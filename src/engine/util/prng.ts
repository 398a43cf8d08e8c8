/**
 * A seeded PRNG (mulberry32). Its whole state is one uint32 kept in the cluster state,
 * so a snapshot restores the exact sequence.
 */

/** The `n`-th uint32 (from 1) a source at `state` would draw, without drawing it. */
export function wordAfter(state: number, n: number): number {
  return mix((state + Math.imul(0x6d2b79f5, n)) >>> 0);
}

/** mulberry32's output function for an advanced state. */
function mix(s: number): number {
  let t = s;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}

/** Normalises any number to a valid seed. */
export function seedState(seed: number): number {
  return (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
}

const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/** Reused char-code buffers, one per length: building an id leaves no array behind. */
const scratch: number[][] = [];

/** A reusable array of exactly `len` char codes (overwritten by the next call). */
export function scratchCodes(len: number): number[] {
  let a = scratch[len];
  if (a === undefined) {
    a = new Array<number>(len).fill(48);
    scratch[len] = a;
  }
  return a;
}

/** A mutable random source used while a batch is applied; write `state` back when done. */
export class RandomSource {
  constructor(public state: number) {}

  /** The next uint32. */
  u32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    return mix(this.state);
  }

  /** `n` random bytes as lowercase hex (2n characters), built flat (no string ropes). */
  hex(bytes: number): string {
    const codes = scratchCodes(bytes * 2);
    for (let i = 0; i < bytes; i += 4) {
      const w = this.u32();
      for (let j = 0; j < 4 && i + j < bytes; j++) {
        const b = (w >>> (24 - 8 * j)) & 0xff;
        codes[2 * (i + j)] = HEX_CODES[b >>> 4] ?? 48;
        codes[2 * (i + j) + 1] = HEX_CODES[b & 15] ?? 48;
      }
    }
    return String.fromCharCode(...codes);
  }

  /** A locally administered unicast MAC, as the kernel makes for veths (`eth_random_addr`). */
  mac(): string {
    const a = this.u32();
    const b = this.u32();
    const first = ((a >>> 24) & 0xfe) | 0x02;
    const bytes = [first, (a >>> 16) & 0xff, (a >>> 8) & 0xff, a & 0xff, (b >>> 8) & 0xff, b & 0xff];
    return bytes.map((x) => x.toString(16).padStart(2, '0')).join(':');
  }

  /** A UUID-shaped string (version 4 layout) from the PRNG after `prefix`, built flat. */
  uuid(prefix = ''): string {
    // 32 hex digits from four words, dashes after digits 8, 12, 16 and 20; digit 12 is the
    // version (4) and digit 16 the variant (8, 9, a or b).
    const codes = scratchCodes(prefix.length + 36);
    let at = 0;
    for (; at < prefix.length; at++) codes[at] = prefix.charCodeAt(at);
    for (let w = 0; w < 4; w++) {
      const x = this.u32();
      for (let j = 0; j < 8; j++) {
        const d = w * 8 + j;
        if (d === 8 || d === 12 || d === 16 || d === 20) codes[at++] = 45;
        const nibble = (x >>> (28 - 4 * j)) & 15;
        codes[at++] =
          d === 12 ? 52 : d === 16 ? (HEX_CODES[(nibble & 0x3) | 0x8] ?? 56) : (HEX_CODES[nibble] ?? 48);
      }
    }
    return String.fromCharCode(...codes);
  }
}
