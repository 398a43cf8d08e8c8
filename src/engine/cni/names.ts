/** Device names and MACs drawn from the seeded PRNG, as the real code draws them. */
import { scratchCodes } from '../util/prng.ts';

const HEX = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const COLON = 58;

function hexByte(codes: number[], at: number, b: number): void {
  codes[at] = HEX[b >>> 4] ?? 48;
  codes[at + 1] = HEX[b & 15] ?? 48;
}

/** `veth` + the 32-bit `word` as 8 lowercase hex digits. */
export function vethName(word: number): string {
  const codes = scratchCodes(12);
  codes[0] = 118;
  codes[1] = 101;
  codes[2] = 116;
  codes[3] = 104;
  for (let j = 0; j < 4; j++) hexByte(codes, 4 + 2 * j, (word >>> (24 - 8 * j)) & 0xff);
  return String.fromCharCode(...codes);
}

/** The MAC whose first three octets are `hi` and last three `lo` (24 bits each), as Linux prints it. */
export function formatMac(hi: number, lo: number): string {
  const codes = scratchCodes(17);
  hexByte(codes, 0, (hi >>> 16) & 0xff);
  hexByte(codes, 3, (hi >>> 8) & 0xff);
  hexByte(codes, 6, hi & 0xff);
  hexByte(codes, 9, (lo >>> 16) & 0xff);
  hexByte(codes, 12, (lo >>> 8) & 0xff);
  hexByte(codes, 15, lo & 0xff);
  for (let i = 2; i < 17; i += 3) codes[i] = COLON;
  return String.fromCharCode(...codes);
}

/** `ip.RandomVethName`: `veth` + 4 random bytes as 8 lowercase hex. */
export function randomVethName(random: () => number): string {
  return vethName(random());
}

/** A random locally administered unicast MAC (`eth_random_addr`). */
export function randomMac(random: () => number): string {
  const a = random();
  const b = random();
  const first = ((a >>> 24) & 0xfe) | 0x02;
  return formatMac((first << 16) | ((a >>> 8) & 0xffff), ((a & 0xff) << 16) | (b & 0xffff));
}
