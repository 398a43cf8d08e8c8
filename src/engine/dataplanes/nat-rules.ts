/**
 * A small model of the masquerade rules the plugins install in the nat table, printed in
 * `iptables -t nat -S` format and evaluated for a packet, so the tracer can show where
 * masquerading to the node IP happens (and that pod-to-pod traffic is left alone).
 */
import { contains, formatCidr, type Cidr4 } from '../net/ipv4.ts';

/** An address match: a CIDR (`-s`/`-d`) or an ipset (`-m set --match-set NAME src|dst`). */
export interface AddrMatch {
  readonly kind: 'cidr' | 'ipset';
  /** For `cidr`, exactly one entry; for `ipset`, the set's members. */
  readonly cidrs: readonly Cidr4[];
  readonly negate: boolean;
  /** The ipset name (for `ipset`). */
  readonly setName?: string;
}

export interface NatRule {
  readonly chain: string;
  readonly src?: AddrMatch;
  readonly dst?: AddrMatch;
  /** `-m mark --mark VALUE/MASK`, e.g. `0x4000/0x4000` (kube-proxy's masquerade mark). */
  readonly mark?: string;
  readonly comment?: string;
  /** RETURN, MASQUERADE, ACCEPT, or a chain to jump to. */
  readonly target: string;
  readonly randomFully?: boolean;
}

/** A CIDR match helper. */
export function cidrMatch(cidr: Cidr4, negate = false): AddrMatch {
  return { kind: 'cidr', cidrs: [cidr], negate };
}

/** An ipset match helper. */
export function ipsetMatch(setName: string, members: readonly Cidr4[], negate = false): AddrMatch {
  return { kind: 'ipset', cidrs: members, negate, setName };
}

function formatAddr(match: AddrMatch, dir: 'src' | 'dst'): string {
  const neg = match.negate ? '! ' : '';
  if (match.kind === 'ipset') return `-m set ${neg}--match-set ${match.setName ?? '?'} ${dir}`;
  const first = match.cidrs[0];
  return `${neg}${dir === 'src' ? '-s' : '-d'} ${first ? formatCidr(first) : '0.0.0.0/0'}`;
}

/** One rule as `iptables -t nat -S` prints it. */
export function formatNatRule(rule: NatRule): string {
  const parts = [`-A ${rule.chain}`];
  if (rule.src) parts.push(formatAddr(rule.src, 'src'));
  if (rule.dst) parts.push(formatAddr(rule.dst, 'dst'));
  if (rule.mark) parts.push(`-m mark --mark ${rule.mark}`);
  if (rule.comment)
    parts.push(`-m comment --comment ${/\s/.test(rule.comment) ? `"${rule.comment}"` : rule.comment}`);
  parts.push(`-j ${rule.target}`);
  if (rule.randomFully) parts.push('--random-fully');
  return parts.join(' ');
}

/** The packet facts a nat rule looks at: uint32 addresses and whether kube-proxy marked it. */
export interface NatPacket {
  readonly src: number;
  readonly dst: number;
  readonly marked?: boolean;
}

function addrMatches(match: AddrMatch | undefined, ip: number): boolean {
  if (!match) return true;
  const inside = match.cidrs.some((c) => contains(c, ip));
  return match.negate ? !inside : inside;
}

/**
 * What the nat table does to a packet: MASQUERADE (or ACCEPT), or `none`; `rule` is the rule
 * that decided it, including the RETURN that spared a pod-to-pod packet (null: no rule matched).
 */
export interface NatVerdict {
  readonly action: 'MASQUERADE' | 'ACCEPT' | 'none';
  readonly rule: string | null;
}

type Walk =
  | { readonly done: true; readonly verdict: NatVerdict }
  | { readonly done: false; readonly returned: string | null };

function walk(rules: readonly NatRule[], packet: NatPacket, chain: string, depth: number): Walk {
  let returned: string | null = null;
  if (depth > 8) return { done: false, returned };
  for (const rule of rules) {
    if (rule.chain !== chain) continue;
    if (!addrMatches(rule.src, packet.src) || !addrMatches(rule.dst, packet.dst)) continue;
    if (rule.mark && !(packet.marked ?? false)) continue;
    if (rule.target === 'RETURN') return { done: false, returned: formatNatRule(rule) };
    if (rule.target === 'MASQUERADE' || rule.target === 'ACCEPT') {
      return { done: true, verdict: { action: rule.target, rule: formatNatRule(rule) } };
    }
    const inner = walk(rules, packet, rule.target, depth + 1);
    if (inner.done) return inner;
    returned = inner.returned ?? returned;
  }
  return { done: false, returned };
}

/**
 * Walks POSTROUTING in order, following jumps, as netfilter does: RETURN in a jumped-to chain
 * continues the caller, and falling off POSTROUTING means no NAT.
 */
export function natVerdict(rules: readonly NatRule[], packet: NatPacket): NatVerdict {
  const result = walk(rules, packet, 'POSTROUTING', 0);
  return result.done ? result.verdict : { action: 'none', rule: result.returned };
}

/** `iptables -t nat -S` text for the given rules: `-N` lines for each custom chain, then the rules. */
export function formatNatTable(rules: readonly NatRule[]): string[] {
  const builtin = new Set(['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING']);
  const chains = [...new Set(rules.map((r) => r.chain))].filter((c) => !builtin.has(c));
  return [...chains.map((c) => `-N ${c}`), ...rules.map(formatNatRule)];
}
