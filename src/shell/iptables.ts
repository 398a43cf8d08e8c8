/**
 * `iptables [-t TABLE] -S [CHAIN]` and `-L [CHAIN] [-n] [-v]` over the node's rules, as
 * iptables-nft 1.8 prints them: `-S` the rules in iptables-save syntax, `-L` one block per
 * chain with each rule's matches and target options spelled as the extensions print them.
 */
import { fail, lines, ok, type Ctx, type ProgramResult } from './program.ts';

const BUILTIN = new Set(['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING']);
const SERVICES: Record<string, string> = {
  '22': 'ssh',
  '53': 'domain',
  '80': 'http',
  '443': 'https',
  '8080': 'http-alt',
};

/** `iptables ...` on a node. */
export function runIptables(ctx: Ctx, argv: readonly string[]): ProgramResult {
  const ns = ctx.netns;
  if (ns === null || ns.kind === 'pod')
    return fail(
      ns === null
        ? 'iptables: ssh to a node first'
        : 'iptables v1.8.10 (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)',
      4,
    );
  const tAt = argv.indexOf('-t');
  const table = tAt >= 0 ? (argv[tAt + 1] ?? '') : 'filter';
  if (!['nat', 'filter', 'mangle', 'raw'].includes(table))
    return fail(
      `iptables v1.8.10 (nf_tables): table '${table}' does not exist\nPerhaps iptables or your kernel needs to be upgraded.`,
      3,
    );
  const rules =
    table === 'nat'
      ? ns.iptablesNat
      : table === 'filter'
        ? ['-P INPUT ACCEPT', '-P FORWARD ACCEPT', '-P OUTPUT ACCEPT']
        : ['-P PREROUTING ACCEPT', '-P OUTPUT ACCEPT'];
  const command = argv.findIndex((a) => a === '-S' || a === '-L' || a === '--list' || a === '--list-rules');
  if (command < 0)
    return fail(
      "iptables v1.8.10 (nf_tables): no command specified\nTry `iptables -h' or 'iptables --help' for more information.",
      2,
    );
  const next = argv[command + 1];
  const chain = next !== undefined && !next.startsWith('-') ? next : undefined;
  const chains = chainsOf(rules);
  if (chain !== undefined && !chains.some((c) => c.name === chain))
    return fail('iptables: No chain/target/match by that name.', 1);
  const shown = chain === undefined ? chains : chains.filter((c) => c.name === chain);
  const flag = argv[command];
  if (flag === '-S' || flag === '--list-rules')
    return ok(lines(chain === undefined ? rules : shown.flatMap((c) => [c.head, ...c.rules])));
  return ok(listChains(shown, rules, { numeric: argv.includes('-n'), verbose: argv.includes('-v') }));
}

interface Chain {
  readonly name: string;
  /** `-P NAME POLICY` or `-N NAME`. */
  readonly head: string;
  readonly policy?: string;
  readonly rules: string[];
}

function chainsOf(rules: readonly string[]): Chain[] {
  const chains: Chain[] = [];
  const find = (name: string): Chain | undefined => chains.find((c) => c.name === name);
  for (const r of rules) {
    const w = r.split(' ');
    const name = w[1] ?? '';
    if (w[0] === '-P') chains.push({ name, head: r, policy: w[2] ?? 'ACCEPT', rules: [] });
    else if (w[0] === '-N') chains.push({ name, head: r, rules: [] });
    else if (w[0] === '-A') {
      let c = find(name);
      if (c === undefined) {
        c = BUILTIN.has(name)
          ? { name, head: `-P ${name} ACCEPT`, policy: 'ACCEPT', rules: [] }
          : { name, head: `-N ${name}`, rules: [] };
        chains.push(c);
      }
      c.rules.push(r);
    }
  }
  return chains;
}

/** A rule's words, a quoted string (with `\"` inside) as one word without its quotes. */
export function ruleWords(rule: string): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < rule.length) {
    if (rule[i] === ' ') {
      i++;
      continue;
    }
    let word = '';
    if (rule[i] === '"') {
      i++;
      while (i < rule.length && rule[i] !== '"') {
        if (rule[i] === '\\' && i + 1 < rule.length) i++;
        word += rule[i];
        i++;
      }
      i++;
    } else while (i < rule.length && rule[i] !== ' ') word += rule[i++];
    words.push(word);
  }
  return words;
}

/** The column an option of one value sets. */
const COLUMNS: Record<string, 'source' | 'destination' | 'prot' | 'inIf' | 'outIf'> = {
  '-s': 'source',
  '-d': 'destination',
  '-p': 'prot',
  '-i': 'inIf',
  '-o': 'outIf',
};

/**
 * How `iptables -L` prints a match or target option of one value: `neg` is `!` when the
 * option is negated, `proto` the rule's `-p`, `port` names a port unless `-n`.
 */
const EXTRAS: Record<string, (v: string, neg: string, proto: string, port: (p: string) => string) => string> =
  {
    '--dst-type': (v, neg) => `ADDRTYPE match dst-type ${neg}${v}`,
    '--src-type': (v, neg) => `ADDRTYPE match src-type ${neg}${v}`,
    '--dport': (v, neg, proto, port) => `${proto} ${neg}dpt:${port(v)}`,
    '--sport': (v, neg, proto, port) => `${proto} ${neg}spt:${port(v)}`,
    '--dports': (v, neg, _proto, port) => `multiport dports ${neg}${v.split(',').map(port).join(',')}`,
    '--sports': (v, neg, _proto, port) => `multiport sports ${neg}${v.split(',').map(port).join(',')}`,
    '--comment': (v) => `/* ${v} */`,
    '--mark': (v, neg) => `mark match ${neg}${v}`,
    '--ctstate': (v) => `ctstate ${v}`,
    '--to-destination': (v) => `to:${v}`,
    '--to-source': (v) => `to:${v}`,
    '--set-xmark': (v) => {
      const [value, mask] = v.split('/');
      return mask === undefined || mask === value ? `MARK or ${value ?? ''}` : `MARK xset ${v}`;
    },
  };

interface Row {
  target: string;
  prot: string;
  inIf: string;
  outIf: string;
  source: string;
  destination: string;
  extra: string[];
}

/** One `-A CHAIN ...` rule as `iptables -L` prints its columns and extension text. */
export function listRow(rule: string, numeric: boolean): Row {
  const w = ruleWords(rule).slice(2);
  const row: Row = {
    target: '',
    prot: 'all',
    inIf: '*',
    outIf: '*',
    source: '0.0.0.0/0',
    destination: '0.0.0.0/0',
    extra: [],
  };
  const addr = (a: string): string => {
    if (numeric) return a;
    if (a === '0.0.0.0/0') return 'anywhere';
    if (a === '127.0.0.1/32') return 'localhost';
    return a.endsWith('/32') ? a.slice(0, -3) : a;
  };
  const port = (p: string): string => (numeric ? p : (SERVICES[p] ?? p));
  let negate = false;
  let proto = 'all';
  for (let i = 0; i < w.length; i++) {
    const a = w[i] ?? '';
    if (a === '!') {
      negate = true;
      continue;
    }
    const neg = negate ? '!' : '';
    negate = false;
    const v = w[i + 1] ?? '';
    const column = Object.hasOwn(COLUMNS, a) ? COLUMNS[a] : undefined;
    const extra = Object.hasOwn(EXTRAS, a) ? EXTRAS[a] : undefined;
    if (a === '--random-fully') row.extra.push('random-fully');
    else if (a === '--match-set') {
      row.extra.push(`match-set ${v} ${w[i + 2] ?? ''}`);
      i += 2;
    } else if (column !== undefined) {
      row[column] = `${neg}${v}`;
      if (a === '-p') proto = v;
      i++;
    } else if (a === '-j' || a === '-m') {
      if (a === '-j') row.target = v;
      i++;
    } else if (extra !== undefined) {
      row.extra.push(extra(v, neg, proto, port));
      i++;
    }
  }
  row.source = addr(row.source);
  row.destination = addr(row.destination);
  return row;
}

function listChains(
  chains: readonly Chain[],
  rules: readonly string[],
  opts: { numeric: boolean; verbose: boolean },
): string {
  const refs = (name: string): number =>
    rules.filter((r) => {
      if (!r.startsWith('-A ')) return false;
      const w = ruleWords(r);
      return w[w.indexOf('-j') + 1] === name && w.includes('-j');
    }).length;
  const out: string[] = [];
  for (const c of chains) {
    out.push(
      c.policy !== undefined
        ? `Chain ${c.name} (policy ${c.policy}${opts.verbose ? ' 0 packets, 0 bytes' : ''})`
        : `Chain ${c.name} (${refs(c.name)} references)`,
    );
    out.push(
      opts.verbose
        ? ' pkts bytes target     prot opt in     out     source               destination         '
        : 'target     prot opt source               destination         ',
    );
    for (const rule of c.rules) {
      const r = listRow(rule, opts.numeric);
      const extra = r.extra.length > 0 ? ` ${r.extra.join(' ')}` : '';
      const io = opts.verbose ? `${r.inIf.padEnd(6)} ${r.outIf.padEnd(6)}  ` : '';
      const cols = `${r.target.padEnd(10)} ${r.prot.padEnd(4)} --  ${io}${r.source.padEnd(20)} ${r.destination.padEnd(20)}${extra}`;
      out.push(opts.verbose ? `    0     0 ${cols}` : cols);
    }
    out.push('');
  }
  return lines(out.slice(0, -1));
}
