/**
 * The edge where user-written addresses enter the engine: `ip-address` parses and
 * validates, then everything inside works on numbers (ipv4.ts).
 */
import { Address4 } from 'ip-address/dist/ipv4.js';
import { formatIp, ipToNumber, maskOf, type Cidr4 } from './ipv4.ts';

/** Parses a dotted-quad IPv4 address written by a user. */
export function parseIpInput(input: string): { ok: true; ip: number } | { ok: false; message: string } {
  if (input.includes('/') || !Address4.isValid(input))
    return { ok: false, message: `"${input}" is not an IPv4 address` };
  const n = ipToNumber(new Address4(input).correctForm());
  if (Number.isNaN(n)) return { ok: false, message: `"${input}" is not an IPv4 address` };
  return { ok: true, ip: n };
}

/**
 * Parses a CIDR written by a user. With `strict`, host bits must be clear; the message
 * then follows the Go `net` idiom used by Kubernetes and CNI.
 */
export function parseCidrInput(
  input: string,
  strict = true,
): { ok: true; cidr: Cidr4 } | { ok: false; message: string } {
  const slash = input.indexOf('/');
  if (slash < 0 || !Address4.isValid(input))
    return { ok: false, message: `"${input}" is not an IPv4 CIDR (a.b.c.d/n)` };
  const addr = new Address4(input);
  const ip = ipToNumber(new Address4(input.slice(0, slash)).correctForm());
  const prefix = addr.subnetMask;
  const net = (ip & maskOf(prefix)) >>> 0;
  if (strict && net !== ip) {
    return {
      ok: false,
      message: `"${input}" has host bits set: for a mask of length ${prefix} the network address is ${formatIp(net)}`,
    };
  }
  return { ok: true, cidr: { net, prefix } };
}
