/** Device names and MACs drawn from the seeded PRNG, as the real code draws them. */

const HEX = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const COLON = 58;

function hexByte(codes: number[], at: number, b: number): void {
  codes[at] = HEX[b >>> 4] ?? 48;
  codes[at + 1] = HEX[b & 15] ?? 48;
}

/** `ip.RandomVethName`: `veth` + 4 random bytes as 8 lowercase hex. */
export function randomVethName(random: () => number): string {
  const w = random();
  const codes = [118, 101, 116, 104, 0, 0, 0, 0, 0, 0, 0, 0];
  for (let j = 0; j < 4; j++) hexByte(codes, 4 + 2 * j, (w >>> (24 - 8 * j)) & 0xff);
  return String.fromCharCode(...codes);
}

/** A random locally administered unicast MAC (`eth_random_addr`). */
export function randomMac(random: () => number): string {
  const a = random();
  const b = random();
  const bytes = [
    ((a >>> 24) & 0xfe) | 0x02,
    (a >>> 16) & 0xff,
    (a >>> 8) & 0xff,
    a & 0xff,
    (b >>> 8) & 0xff,
    b & 0xff,
  ];
  const codes = new Array<number>(17).fill(COLON);
  for (let i = 0; i < 6; i++) hexByte(codes, 3 * i, bytes[i] ?? 0);
  return String.fromCharCode(...codes);
}
