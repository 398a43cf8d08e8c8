/**
 * IPv4 arithmetic on plain numbers (uint32). Strings handled here were produced or
 * validated by the engine already; user input goes through `cidr-edge.ts` first.
 */
import { scratchCodes } from '../util/prng.ts';

/** A parsed IPv4 prefix: network address as uint32 and prefix length. */
export interface Cidr4 {
  net: number;
  prefix: number;
}

/** Formats a uint32 as dotted quad. */
export function formatIp(n: number): string {
  // Built from char codes: one flat string, no intermediate strings per octet.
  const a = n >>> 24;
  const b = (n >>> 16) & 0xff;
  const c = (n >>> 8) & 0xff;
  const d = n & 0xff;
  const codes = scratchCodes(digits(a) + digits(b) + digits(c) + digits(d) + 3);
  let k = putOctet(codes, 0, a);
  codes[k++] = 46;
  k = putOctet(codes, k, b);
  codes[k++] = 46;
  k = putOctet(codes, k, c);
  codes[k++] = 46;
  putOctet(codes, k, d);
  return String.fromCharCode(...codes);
}

function digits(x: number): number {
  return x >= 100 ? 3 : x >= 10 ? 2 : 1;
}

function putOctet(codes: number[], at: number, x: number): number {
  let k = at;
  if (x >= 100) codes[k++] = 48 + Math.floor(x / 100);
  if (x >= 10) codes[k++] = 48 + (Math.floor(x / 10) % 10);
  codes[k++] = 48 + (x % 10);
  return k;
}

/** Parses a dotted quad known to be valid (engine-produced). Returns NaN if not. */
export function ipToNumber(s: string): number {
  let n = 0;
  let part = 0;
  let dots = 0;
  let digits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0) return NaN;
      n = n * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      part = part * 10 + (c - 48);
      digits++;
      if (part > 255) return NaN;
    } else return NaN;
  }
  if (dots !== 3 || digits === 0) return NaN;
  return (n * 256 + part) >>> 0;
}

/** The netmask for a prefix length as uint32. */
export function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** Number of addresses in a prefix. */
export function sizeOf(prefix: number): number {
  return 2 ** (32 - prefix);
}

/** Parses `a.b.c.d/n` known to be valid; the host bits are cleared. */
export function parseCidr4(s: string): Cidr4 {
  const slash = s.indexOf('/');
  const ip = ipToNumber(slash < 0 ? s : s.slice(0, slash));
  const prefix = slash < 0 ? 32 : Number(s.slice(slash + 1));
  return { net: (ip & maskOf(prefix)) >>> 0, prefix };
}

/** Formats a prefix as `a.b.c.d/n`. */
export function formatCidr(c: Cidr4): string {
  return `${formatIp(c.net)}/${c.prefix}`;
}

/** The last address of a prefix (the broadcast for IPv4). */
export function lastOf(c: Cidr4): number {
  return (c.net + sizeOf(c.prefix) - 1) >>> 0;
}

/** Does the prefix contain the address? */
export function contains(c: Cidr4, ip: number): boolean {
  return (ip & maskOf(c.prefix)) >>> 0 === c.net;
}

/** Do two prefixes overlap? */
export function overlaps(a: Cidr4, b: Cidr4): boolean {
  const p = Math.min(a.prefix, b.prefix);
  return (a.net & maskOf(p)) >>> 0 === (b.net & maskOf(p)) >>> 0;
}

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** Parses dotted-quad text into a uint32, or `null` when it is not a valid IPv4 address. */
export function parseIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!OCTET.test(part)) return null;
    value = value * 256 + Number(part);
  }
  return value;
}

/**
 * Parses `a.b.c.d/n`, validating it. With `strict`, host bits must be zero (as Kubernetes
 * validates an ipBlock cidr); otherwise they are cleared. Returns `null` on bad input.
 */
export function parseCidr(text: string, strict = false): Cidr4 | null {
  const slash = text.indexOf('/');
  if (slash < 0) return null;
  const ip = parseIpv4(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (ip === null || !/^(3[0-2]|[12]?\d)$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  const net = (ip & maskOf(prefix)) >>> 0;
  if (strict && net !== ip) return null;
  return { net, prefix };
}
