/**
 * Tab completion: commands, kubectl subcommands, resources and flags, pod and node names,
 * interface names (after `-i`, `dev`, `show`) and the files a namespace has.
 */
import { filesOf } from './files.ts';
import { KUBECTL_RESOURCES, KUBECTL_SUBCOMMANDS } from './kubectl.ts';
import { netnsOf } from './netns.ts';
import { commandsAt } from './shell.ts';
import { currentPlace, type Session, type ShellHost } from './types.ts';

/** The completed line and, when the word is ambiguous, the choices (bash lists them on Tab). */
export interface Completion {
  readonly line: string;
  readonly candidates: readonly string[];
}

const FLAGS: Record<string, readonly string[]> = {
  'kubectl get': ['--all-namespaces', '--namespace=', '--output=', '--selector=', '-A', '-l', '-n', '-o'],
  'kubectl describe': ['--namespace=', '-n'],
  'kubectl exec': ['--container=', '--namespace=', '--stdin', '--tty', '-c', '-it', '-n'],
  'kubectl run': ['--image=', '--labels=', '--namespace=', '--port='],
  'kubectl delete': ['--namespace=', '-n'],
  'kubectl label': ['--namespace=', '--overwrite', '-n'],
  'kubectl apply': ['-f'],
  ping: ['-M', '-c', '-s', '-t'],
  tcpdump: ['-c', '-e', '-i', '-nn'],
  traceroute: ['-n'],
  ip: ['-4', '-br', '-d'],
  ss: ['-lnt', '-lnu', '-lnS', '-lntp'],
  nc: ['-zv', '-zvu'],
};

const IP_OBJECTS = ['addr', 'link', 'neigh', 'route'];

function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return '';
  let p = words[0] ?? '';
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

function candidatesFor(
  host: ShellHost,
  session: Session,
  words: readonly string[],
  partial: string,
): string[] {
  const place = currentPlace(session);
  const state = host.cluster();
  const cmd = words[0];
  if (cmd === undefined) return commandsAt(place);
  const ns = netnsOf(state, place);
  const ifaces = ns?.interfaces.map((i) => i.name) ?? [];
  const prev = words[words.length - 1] ?? '';
  const nodes = state.nodeOrder;
  const namespace = ((): string => {
    const at = words.findIndex((w) => w === '-n' || w === '--namespace');
    const eq = words.find((w) => w.startsWith('--namespace='));
    return at >= 0 ? (words[at + 1] ?? 'default') : eq !== undefined ? eq.slice(12) : 'default';
  })();
  const pods = (): string[] =>
    state.podOrder.filter((k) => k.startsWith(`${namespace}/`)).map((k) => k.slice(namespace.length + 1));
  if (partial.startsWith('-')) {
    const key = cmd === 'kubectl' ? `kubectl ${words[1] ?? ''}` : cmd;
    return [...(FLAGS[key] ?? [])];
  }
  if (cmd === 'kubectl') {
    if (words.length === 1) return [...KUBECTL_SUBCOMMANDS];
    const sub = words[1];
    if (prev === '-n' || prev === '--namespace')
      return [...new Set(state.podOrder.map((k) => k.split('/')[0] ?? ''))];
    if (prev === '-o' || prev === '--output') return ['json', 'name', 'wide', 'yaml'];
    if (sub === 'exec') return words.slice(2).some((w) => !w.startsWith('-')) ? [] : pods();
    if (sub === 'get' || sub === 'describe' || sub === 'delete' || sub === 'label') {
      const rest = words.slice(2).filter((w) => !w.startsWith('-'));
      if (rest.length === 0) return [...KUBECTL_RESOURCES];
      const r = rest[0] ?? '';
      if (r.startsWith('po')) return pods();
      if (r.startsWith('no')) return [...nodes];
      if (r.startsWith('netpol') || r.startsWith('networkpolic'))
        return Object.values(state.policies)
          .filter((p) => p.metadata.namespace === namespace)
          .map((p) => p.metadata.name);
    }
    return [];
  }
  if (cmd === 'ssh') return words.length === 1 ? [...nodes] : [];
  if (prev === '-i' || prev === 'dev' || prev === 'show') return ifaces;
  if (cmd === 'ip') {
    const objs = words.slice(1).filter((w) => !w.startsWith('-'));
    if (objs.length === 0) return IP_OBJECTS;
    if (objs.length === 1)
      return objs[0]?.startsWith('r') === true
        ? ['get', 'show']
        : ['show', ...(objs[0]?.startsWith('a') || objs[0]?.startsWith('l') ? ifaces : [])];
    return [];
  }
  if (cmd === 'bridge') return words.length === 1 ? ['fdb', 'link'] : [];
  if ((cmd === 'cat' || cmd === 'ls') && ns !== null) {
    const dir = partial.includes('/') ? partial.slice(0, partial.lastIndexOf('/') + 1) : '/';
    const out = new Set<string>();
    for (const f of filesOf(state, ns)) {
      if (!f.path.startsWith(dir)) continue;
      const rest = f.path.slice(dir.length);
      const slash = rest.indexOf('/');
      out.add(dir + (slash >= 0 ? rest.slice(0, slash + 1) : rest));
    }
    return [...out];
  }
  return [];
}

/** Completes the last word of `line` (the cursor is at its end). */
export function completeLine(host: ShellHost, session: Session, line: string): Completion {
  const endsWithSpace = line === '' || /\s$/.test(line);
  const words = line.trim() === '' ? [] : line.trim().split(/\s+/);
  const partial = endsWithSpace ? '' : (words.pop() ?? '');
  const all = candidatesFor(host, session, words, partial)
    .filter((c) => c.startsWith(partial))
    .sort();
  const unique = [...new Set(all)];
  if (unique.length === 0) return { line, candidates: [] };
  const head = line.slice(0, line.length - partial.length);
  if (unique.length === 1) {
    const only = unique[0] ?? '';
    const suffix = only.endsWith('/') || only.endsWith('=') ? '' : ' ';
    return { line: `${head}${only}${suffix}`, candidates: [] };
  }
  const common = commonPrefix(unique);
  return { line: `${head}${common.length > partial.length ? common : partial}`, candidates: unique };
}
