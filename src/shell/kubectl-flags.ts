/** kubectl's flag parsing (cobra/pflag): `--flag=value`, `--flag value`, `-n value`, `-it`. */

const WITH_VALUE = new Set([
  'n',
  'namespace',
  'o',
  'output',
  'l',
  'selector',
  'c',
  'container',
  'image',
  'labels',
  'port',
  'f',
  'filename',
  'restart',
]);
const BOOLEAN = new Set([
  'A',
  'all-namespaces',
  'i',
  'stdin',
  't',
  'tty',
  'overwrite',
  'w',
  'watch',
  'no-headers',
  'show-labels',
  'wide',
]);
const ALIASES: Record<string, string> = {
  n: 'namespace',
  o: 'output',
  l: 'selector',
  c: 'container',
  f: 'filename',
  A: 'all-namespaces',
  i: 'stdin',
  t: 'tty',
  w: 'watch',
};

export interface KubectlArgs {
  readonly positional: string[];
  readonly flags: Record<string, string>;
  /** The words after `--` (exec's command), or null. */
  readonly command: string[] | null;
}

/** Parses kubectl's argv (without `kubectl` itself); an error is kubectl's own message. */
export function parseKubectlArgs(
  argv: readonly string[],
  sub: string,
): { ok: true; value: KubectlArgs } | { ok: false; message: string } {
  const positional: string[] = [];
  const flags: Record<string, string> = Object.create(null) as Record<string, string>;
  let command: string[] | null = null;
  const hint = `See 'kubectl ${sub} --help' for usage.`;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--') {
      command = argv.slice(i + 1);
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      if (WITH_VALUE.has(name)) {
        const v = eq >= 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined)
          return { ok: false, message: `error: flag needs an argument: --${name}\n${hint}` };
        flags[name] = v;
      } else if (BOOLEAN.has(name)) flags[name] = eq >= 0 ? a.slice(eq + 1) : 'true';
      else return { ok: false, message: `error: unknown flag: --${name}\n${hint}` };
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      const body = a.slice(1);
      for (let k = 0; k < body.length; k++) {
        const ch = body[k] ?? '';
        if (WITH_VALUE.has(ch)) {
          const rest = body.slice(k + 1).replace(/^=/, '');
          const v = rest !== '' ? rest : argv[++i];
          if (v === undefined)
            return { ok: false, message: `error: flag needs an argument: '${ch}' in -${ch}\n${hint}` };
          flags[ALIASES[ch] ?? ch] = v;
          break;
        }
        if (BOOLEAN.has(ch)) flags[ALIASES[ch] ?? ch] = 'true';
        else return { ok: false, message: `error: unknown shorthand flag: '${ch}' in -${body}\n${hint}` };
      }
      continue;
    }
    positional.push(a);
  }
  return { ok: true, value: { positional, flags, command } };
}
