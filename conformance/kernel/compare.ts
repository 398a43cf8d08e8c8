/**
 * Pure comparison of what the lab shows with what Linux printed: normalisation of what is
 * random by nature, a line-multiset diff, and matching against the known differences.
 */

/** One compared table or measurement. */
export interface Subject {
  scenario: string;
  subject: string;
  lab: string[];
  linux: string[];
}

/** A line that is on one side only. */
export interface Difference {
  scenario: string;
  subject: string;
  side: 'lab' | 'linux';
  line: string;
}

/** An entry of known-differences.json. */
export interface KnownDifference {
  id: string;
  /** Regular expressions (whole match). */
  scenario?: string;
  subject: string;
  side: 'lab' | 'linux';
  line: string;
  reason: string;
  /** Seen in some runs only (the reason says why); never reported as stale. */
  intermittent?: boolean;
}

const MAC = /\b[0-9a-f]{2}(?::[0-9a-f]{2}){5}\b/g;

export { ipv6LinkLocal as eui64LinkLocal, solicitedNodeMac } from '../../src/engine/kernel/link-local.ts';
import { ipv6LinkLocal, solicitedNodeMac } from '../../src/engine/kernel/link-local.ts';

/**
 * Replacements that turn Linux's random values into the lab's counterparts: each pair maps
 * a value Linux drew (veth name, MAC, netns name) to the value the lab drew for the same
 * thing; the derived link-local address and solicited-node MAC follow the MAC.
 */
export class Normaliser {
  private readonly pairs = new Map<string, string>();

  /** Maps `real` to `lab`; MACs also map their EUI-64 link-local and solicited-node MAC. */
  map(real: string | undefined, lab: string | undefined): void {
    if (real === undefined || lab === undefined || real === '' || lab === '' || real === lab) return;
    this.pairs.set(real, lab);
    if (/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/.test(real) && /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/.test(lab)) {
      this.pairs.set(ipv6LinkLocal(real), ipv6LinkLocal(lab));
      this.pairs.set(solicitedNodeMac(real), solicitedNodeMac(lab));
    }
  }

  /** Applies the replacements (longest first) and trims trailing blanks. */
  line(s: string): string {
    let out = s;
    const keys = [...this.pairs.keys()].sort((a, b) => b.length - a.length);
    for (const k of keys) out = out.split(k).join(this.pairs.get(k) ?? k);
    return out.replace(/\s+$/, '');
  }

  /** What it replaces, for the report. */
  size(): number {
    return this.pairs.size;
  }
}

/**
 * The MAC a modified-EUI-64 link-local address (`fe80::a8bb:ccff:fedd:eeff/64`) was made
 * from, or undefined: a bridge whose MAC follows its ports shows only this trace of the MAC
 * it was created with.
 */
export function macOfLinkLocal(addr: string): string | undefined {
  const text = addr.replace(/\/64$/, '');
  const [head = '', tail] = text.split('::');
  const part = (p: string | undefined): number[] =>
    p === undefined || p === '' ? [] : p.split(':').map((w) => parseInt(w, 16));
  const a = part(head);
  const b = part(tail);
  const words = tail === undefined ? a : [...a, ...new Array<number>(8 - a.length - b.length).fill(0), ...b];
  if (words.length !== 8 || words.some((w) => Number.isNaN(w)) || words[0] !== 0xfe80) return undefined;
  const [, , , , w4 = 0, w5 = 0, w6 = 0, w7 = 0] = words;
  if ((w5 & 0xff) !== 0xff || w6 >> 8 !== 0xfe) return undefined;
  const bytes = [(w4 >> 8) ^ 2, w4 & 0xff, w5 >> 8, w6 & 0xff, w7 >> 8, w7 & 0xff];
  return bytes.map((x) => x.toString(16).padStart(2, '0')).join(':');
}

/** MACs left after mapping that the lab never drew are shown as `<random-mac>` (Linux side). */
export function maskUnknownMacs(line: string, known: ReadonlySet<string>): string {
  return line.replace(MAC, (m) =>
    known.has(m) || m === '00:00:00:00:00:00' || m === 'ff:ff:ff:ff:ff:ff' || /^(33:33:00|01:00:5e)/.test(m)
      ? m
      : '<random-mac>',
  );
}

/** Lines on one side only, counted as multisets (order is not compared). */
export function diffLines(s: Subject): Difference[] {
  const count = new Map<string, number>();
  for (const l of s.lab) count.set(l, (count.get(l) ?? 0) + 1);
  for (const l of s.linux) count.set(l, (count.get(l) ?? 0) - 1);
  const out: Difference[] = [];
  for (const l of s.lab) {
    const c = count.get(l) ?? 0;
    if (c > 0) {
      out.push({ scenario: s.scenario, subject: s.subject, side: 'lab', line: l });
      count.set(l, c - 1);
    }
  }
  for (const l of s.linux) {
    const c = count.get(l) ?? 0;
    if (c < 0) {
      out.push({ scenario: s.scenario, subject: s.subject, side: 'linux', line: l });
      count.set(l, c + 1);
    }
  }
  return out;
}

function whole(re: string): RegExp {
  return new RegExp(`^(?:${re})$`);
}

/** Checks the known-differences file's entries (ids unique, regexes valid, reasons given). */
export function parseKnown(
  value: unknown,
): { ok: true; known: KnownDifference[] } | { ok: false; message: string } {
  if (!Array.isArray(value)) return { ok: false, message: 'expected an array' };
  const ids = new Set<string>();
  const known: KnownDifference[] = [];
  for (const [i, e] of value.entries()) {
    if (typeof e !== 'object' || e === null) return { ok: false, message: `[${i}]: expected an object` };
    const r = e as Record<string, unknown>;
    for (const k of Object.keys(r))
      if (!['id', 'scenario', 'subject', 'side', 'line', 'reason', 'intermittent'].includes(k))
        return { ok: false, message: `[${i}].${k}: unknown key` };
    for (const k of ['id', 'subject', 'line', 'reason'])
      if (typeof r[k] !== 'string' || r[k] === '')
        return { ok: false, message: `[${i}].${k}: expected a string` };
    if (r['side'] !== 'lab' && r['side'] !== 'linux')
      return { ok: false, message: `[${i}].side: expected "lab" or "linux"` };
    if (r['intermittent'] !== undefined && typeof r['intermittent'] !== 'boolean')
      return { ok: false, message: `[${i}].intermittent: expected a boolean` };
    if (r['scenario'] !== undefined && typeof r['scenario'] !== 'string')
      return { ok: false, message: `[${i}].scenario: expected a string` };
    const id = r['id'] as string;
    if (ids.has(id)) return { ok: false, message: `[${i}].id: duplicate "${id}"` };
    ids.add(id);
    for (const k of ['scenario', 'subject', 'line'])
      if (typeof r[k] === 'string')
        try {
          whole(r[k]);
        } catch (err) {
          return { ok: false, message: `[${i}].${k}: ${(err as Error).message}` };
        }
    known.push(r as unknown as KnownDifference);
  }
  return { ok: true, known };
}

/** Splits differences into explained (by entry id) and unexplained. */
export function explain(
  diffs: readonly Difference[],
  known: readonly KnownDifference[],
): { explained: Map<string, Difference[]>; unexplained: Difference[] } {
  const compiled = known.map((k) => ({
    k,
    scenario: whole(k.scenario ?? '.*'),
    subject: whole(k.subject),
    line: whole(k.line),
  }));
  const explained = new Map<string, Difference[]>();
  const unexplained: Difference[] = [];
  for (const d of diffs) {
    const hit = compiled.find(
      (c) =>
        c.k.side === d.side &&
        c.scenario.test(d.scenario) &&
        c.subject.test(d.subject) &&
        c.line.test(d.line),
    );
    if (hit === undefined) unexplained.push(d);
    else explained.set(hit.k.id, [...(explained.get(hit.k.id) ?? []), d]);
  }
  return { explained, unexplained };
}

/** A CNI Result (or any JSON) as `path = value` lines, so a diff names the field. */
export function flattenJson(v: unknown, path = ''): string[] {
  if (Array.isArray(v)) {
    if (v.length === 0) return [`${path} = []`];
    return v.flatMap((x, i) => flattenJson(x, `${path}[${i}]`));
  }
  if (typeof v === 'object' && v !== null) {
    const keys = Object.keys(v);
    if (keys.length === 0) return [`${path} = {}`];
    return keys.flatMap((k) =>
      flattenJson((v as Record<string, unknown>)[k], path === '' ? k : `${path}.${k}`),
    );
  }
  return [`${path} = ${JSON.stringify(v)}`];
}

/** The hop addresses of `traceroute -n` output (`*` for a silent hop). */
export function parseTraceroute(out: string): string[] {
  const hops: string[] = [];
  for (const l of out.split('\n')) {
    const m = /^\s*\d+\s+(\S+)/.exec(l);
    if (m?.[1] !== undefined) hops.push(m[1]);
  }
  while (hops.length > 0 && hops[hops.length - 1] === '*') hops.pop();
  return hops;
}

/**
 * tcpdump -nn lines as the lab's underlay view prints them: the VXLAN source port (a hash of
 * the inner flow) becomes `*`; an encapsulated frame is one line `outer | inner`.
 */
export function parseTcpdump(out: string): string[] {
  const lines = out.split('\n');
  const res: string[] = [];
  const icmp = (l: string): string | null => {
    const m = /IP (\d+\.\d+\.\d+\.\d+) > (\d+\.\d+\.\d+\.\d+): ICMP echo (request|reply)/.exec(l);
    return m === null ? null : `IP ${m[1]} > ${m[2]}: ICMP echo ${m[3]}`;
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] ?? '';
    const vx =
      /IP (\d+\.\d+\.\d+\.\d+)\.\d+ > (\d+\.\d+\.\d+\.\d+)\.(\d+): (?:OTV|VXLAN), flags \[I\] \(0x08\), (?:overlay 0, instance|vni) (\d+)/.exec(
        l,
      );
    if (vx !== null) {
      const inner = icmp(lines[i + 1] ?? '');
      if (inner !== null) res.push(`IP ${vx[1]}.* > ${vx[2]}.${vx[3]}: VXLAN vni ${vx[4]} | ${inner}`);
      i++;
      continue;
    }
    const ipip = /IP (\d+\.\d+\.\d+\.\d+) > (\d+\.\d+\.\d+\.\d+): (IP .*)$/.exec(l);
    if (ipip?.[3] !== undefined && icmp(ipip[3]) !== null) {
      res.push(`IP ${ipip[1]} > ${ipip[2]}: proto 4 | ${icmp(ipip[3])}`);
      continue;
    }
    const plain = icmp(l);
    if (plain !== null) res.push(plain);
  }
  return res;
}
