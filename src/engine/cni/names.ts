/** Device names and MACs drawn from the seeded PRNG, as the real code draws them. */
import { scratchCodes } from '../prng.ts';

const HEX = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const COLON = 58;

function hexByte(codes: number[], at: number, b: number): void {
  codes[at] = HEX[b >>> 4] ?? 48;
  codes[at + 1] = HEX[b & 15] ?? 48;
}

/** `ip.RandomVethName`: `veth` + 4 random bytes as 8 lowercase hex. */
export function randomVethName(random: () => number): string {
  const w = random();
  const codes = scratchCodes(12);
  codes[0] = 118;
  codes[1] = 101;
  codes[2] = 116;
  codes[3] = 104;
  for (let j = 0; j < 4; j++) hexByte(codes, 4 + 2 * j, (w >>> (24 - 8 * j)) & 0xff);
  return String.fromCharCode(...codes);
}

/** A random locally administered unicast MAC (`eth_random_addr`). */
export function randomMac(random: () => number): string {
  const a = random();
  const b = random();
  const codes = scratchCodes(17);
  hexByte(codes, 0, ((a >>> 24) & 0xfe) | 0x02);
  hexByte(codes, 3, (a >>> 16) & 0xff);
  hexByte(codes, 6, (a >>> 8) & 0xff);
  hexByte(codes, 9, a & 0xff);
  hexByte(codes, 12, (b >>> 8) & 0xff);
  hexByte(codes, 15, b & 0xff);
  for (let i = 2; i < 17; i += 3) codes[i] = COLON;
  return String.fromCharCode(...codes);
}
