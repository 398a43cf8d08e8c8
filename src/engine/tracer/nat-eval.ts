/**
 * Evaluates a node's derived `iptables -t nat` POSTROUTING rules for a packet, from the rule
 * text as the tables print it (`-s`, `-d`, `!`, `-m set --match-set`, `-m mark`, `-j`), so
 * the tracer shows which rule spared a pod-to-pod packet and which one masqueraded.
 */
import { contains, ipToNumber, parseCidr4 } from '../net/ipv4.ts';
import type { KernelRows, NatRow } from '../kernel/rows.ts';

/** The verdict and the rule (as `-A CHAIN …`) that decided it; `none` when nothing matched. */
export interface NatDecision {
  readonly action: 'MASQUERADE' | 'ACCEPT' | 'none';
  readonly rule: string | null;
}

const TOKENS = /"(?:\\.|[^"\\])*"|\S+/g;

function matches(
  row: NatRow,
  src: number,
  dst: number,
  ipsets: ReadonlyMap<string, readonly string[]>,
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
  depth: number,
): NatDecision | { returned: string | null } {
  let returned: string | null = null;
  if (depth > 8) return { returned };
  for (const row of rows) {
    if (row.chain !== chain) continue;
    const m = matches(row, src, dst, ipsets);
    if (!m.ok) continue;
    const text = `-A ${row.chain} ${row.rule}`;
    if (m.target === 'RETURN') return { returned: text };
    if (m.target === 'MASQUERADE' || m.target === 'ACCEPT') return { action: m.target, rule: text };
    if (m.target === '' || m.target === 'SNAT' || m.target === 'MARK') continue;
    const inner = walk(rows, m.target, src, dst, ipsets, depth + 1);
    if ('action' in inner) return inner;
    returned = inner.returned ?? returned;
  }
  return { returned };
}

/** POSTROUTING for a packet from `src` to `dst` (dotted IPs). */
export function postrouting(rows: KernelRows, src: string, dst: string): NatDecision {
  const ipsets = new Map<string, readonly string[]>();
  for (const s of rows.ipsets) ipsets.set(s.name, s.members);
  const r = walk(rows.nat, 'POSTROUTING', ipToNumber(src), ipToNumber(dst), ipsets, 0);
  return 'action' in r ? r : { action: 'none', rule: r.returned };
}
