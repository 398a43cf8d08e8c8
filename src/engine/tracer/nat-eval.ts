/**
 * Evaluates a node's derived `iptables -t nat` POSTROUTING rules for a packet, from the rule
 * text as the tables print it (`-s`, `-d`, `-p`, `--dport`/`--sport`, `--dports`, `!`,
 * `-m set --match-set`, `-m mark`, `-j`), so the tracer shows which rule spared a pod-to-pod
 * packet and which one masqueraded.
 */
import { contains, ipToNumber, parseCidr4 } from '../net/ipv4.ts';
import type { KernelRows, NatRow } from '../kernel/rows.ts';
import { IPPROTO, portsOf, type L4Header } from './packet.ts';

/** The verdict and the rule (as `-A CHAIN …`) that decided it; `none` when nothing matched. */
export interface NatDecision {
  readonly action: 'MASQUERADE' | 'ACCEPT' | 'none';
  readonly rule: string | null;
}

const TOKENS = /"(?:\\.|[^"\\])*"|\S+/g;

/** What `-p` names, as iptables prints it (`-p tcp`, `-p sctp`) or as a number (`-p 132`). */
function protocolMatches(name: string, protocol: number): boolean {
  const n = Number(name);
  if (Number.isInteger(n)) return n === protocol;
  const key = name.toLowerCase();
  return key === 'all' || (Object.hasOwn(IPPROTO, key) && IPPROTO[key as keyof typeof IPPROTO] === protocol);
}

/** A port against `--dport 80`, `--dport 1000:2000` or multiport's `--dports 80,443,1000:2000`. */
function portIn(spec: string, port: number | undefined): boolean {
  if (port === undefined) return false;
  return spec.split(',').some((part) => {
    const [lo = '', hi = lo] = part.split(':');
    return port >= Number(lo === '' ? 0 : lo) && port <= Number(hi === '' ? 65535 : hi);
  });
}

/** The packet's L4 fields a rule can match; absent when the caller has no packet (addresses only). */
export interface L4Match {
  readonly protocol: number;
  readonly l4: L4Header;
}

function matches(
  row: NatRow,
  src: number,
  dst: number,
  ipsets: ReadonlyMap<string, readonly string[]>,
  l4: L4Match | undefined,
): { ok: boolean; target: string } {
  const t = row.rule.match(TOKENS) ?? [];
  let neg = false;
  let target = '';
  for (let i = 0; i < t.length; i++) {
    const tok = t[i] ?? '';
    if (tok === '!') {
      neg = true;
      continue;
    }
    if (tok === '-s' || tok === '-d') {
      const cidr = parseCidr4(t[++i] ?? '0.0.0.0/0');
      const inside = contains(cidr, tok === '-s' ? src : dst);
      if (inside === neg) return { ok: false, target };
    } else if (tok === '--match-set') {
      const name = t[++i] ?? '';
      const dir = t[++i] ?? 'src';
      const members = ipsets.get(name) ?? [];
      const inside = members.some((m) => contains(parseCidr4(m), dir === 'src' ? src : dst));
      if (inside === neg) return { ok: false, target };
    } else if (tok === '-p' || tok === '--protocol') {
      const name = t[++i] ?? 'all';
      if (l4 !== undefined && protocolMatches(name, l4.protocol) === neg) return { ok: false, target };
    } else if (tok === '--dport' || tok === '--sport' || tok === '--dports' || tok === '--sports') {
      const spec = t[++i] ?? '';
      if (l4 !== undefined) {
        const ports = portsOf(l4.l4);
        const port = tok.startsWith('--d') ? ports?.dstPort : ports?.srcPort;
        if (portIn(spec, port) === neg) return { ok: false, target };
      }
    } else if (tok === '--mark') {
      i++;
      if (!neg) return { ok: false, target }; // the tracer's packets carry no kube-proxy mark
    } else if (tok === '-j') target = t[++i] ?? '';
    else if (tok === '--comment') i++;
    neg = false;
  }
  return { ok: true, target };
}

function walk(
  rows: readonly NatRow[],
  chain: string,
  src: number,
  dst: number,
  ipsets: ReadonlyMap<string, readonly string[]>,
  l4: L4Match | undefined,
  depth: number,
): NatDecision | { returned: string | null } {
  let returned: string | null = null;
  if (depth > 8) return { returned };
  for (const row of rows) {
    if (row.chain !== chain) continue;
    const m = matches(row, src, dst, ipsets, l4);
    if (!m.ok) continue;
    const text = `-A ${row.chain} ${row.rule}`;
    if (m.target === 'RETURN') return { returned: text };
    if (m.target === 'MASQUERADE' || m.target === 'ACCEPT') return { action: m.target, rule: text };
    if (m.target === '' || m.target === 'SNAT' || m.target === 'MARK') continue;
    const inner = walk(rows, m.target, src, dst, ipsets, l4, depth + 1);
    if ('action' in inner) return inner;
    returned = inner.returned ?? returned;
  }
  return { returned };
}

/**
 * POSTROUTING for a packet from `src` to `dst` (dotted IPs). With `l4` (the packet's IP
 * protocol number and L4 header) rules with `-p` or ports match only packets they name;
 * without it they are judged on their addresses alone.
 */
export function postrouting(rows: KernelRows, src: string, dst: string, l4?: L4Match): NatDecision {
  const ipsets = new Map<string, readonly string[]>();
  for (const s of rows.ipsets) ipsets.set(s.name, s.members);
  const r = walk(rows.nat, 'POSTROUTING', ipToNumber(src), ipToNumber(dst), ipsets, l4, 0);
  return 'action' in r ? r : { action: 'none', rule: r.returned };
}
