/**
 * The lab's shell: one line in, its output and the next session out. Pure: it reads the
 * cluster through the host and changes it only through the host's dispatch and trace.
 */
import type { TraceResult } from '../engine/index.ts';
import { runCat, runLs, runSysctl } from './files.ts';
import { runIp } from './ip.ts';
import { runKubectl } from './kubectl.ts';
import { netnsOf } from './netns.ts';
import { pingInterrupt, pingTick, runPing, runTraceroute } from './ping.ts';
import { fail, ok, type Ctx, type Program, type ProgramResult } from './program.ts';
import { captureSummary, feedCapture, runTcpdump } from './tcpdump.ts';
import { tokenize } from './tokenize.ts';
import { runBridge, runCurl, runHostname, runNc, runSs } from './tools.ts';
import { runIptables } from './iptables.ts';
import { currentPlace, type LineResult, type Place, type Session, type ShellHost } from './types.ts';

/** `help`: one line per command, for the place the student is in. */
const HELP: Record<Place['kind'], readonly (readonly [string, string])[]> = {
  workstation: [
    [
      'kubectl get pods|nodes|networkpolicies|events',
      'list objects (-o wide|yaml|json, -n NS, -A, -l SELECTOR, --show-labels)',
    ],
    ['kubectl describe pod|node NAME', 'details: conditions, podCIDR, IPs, events'],
    ['kubectl exec [-it] POD [-c CONTAINER] -- CMD', 'run CMD in the pod (sh opens a shell there)'],
    ['kubectl run NAME --image=IMAGE', 'create a pod (--labels=k=v, --port=N)'],
    [
      'kubectl label pod|namespace NAME k=v [k2-] [--overwrite]',
      'set or remove labels (policies select by them)',
    ],
    ['kubectl create namespace NAME', 'create a namespace (kubectl get namespaces lists them)'],
    [
      'kubectl apply -f - <<EOF ... EOF',
      'create Pods, NetworkPolicies and Namespaces from YAML typed or pasted',
    ],
    ['kubectl delete pod|node|networkpolicy NAME', 'delete an object'],
    ['ssh NODE', 'log in to a node (exit comes back)'],
    ['clear', 'clear the screen (Ctrl-L)'],
    ['help', 'this list'],
  ],
  node: [
    ['ip addr|link|route|neigh', "the node's interfaces, routes and neighbours (-br, -d, route get DST)"],
    ['bridge fdb|link', 'the bridge forwarding table and ports'],
    ['iptables -t nat -S', 'NAT rules (-L -n -v lists them)'],
    ['ping [-c N] [-M do] [-s SIZE] [-t TTL] DST', 'ICMP echo, traced in the drawing'],
    ['traceroute -n DST', 'the routers on the way'],
    ['tcpdump -i IF -nn [-e] [-c N] [FILTER]', 'print the packets of the next trace on IF (Ctrl-C stops)'],
    ['curl URL, nc -zv HOST PORT', 'open a TCP connection'],
    ['cat FILE, ls DIR', '/etc/cni/net.d, /var/lib/cni/networks, /run/flannel/subnet.env, /opt/cni/bin'],
    ['ss -lnt, hostname, sysctl KEY', 'sockets, name, kernel settings'],
    ['exit', 'back to the workstation'],
  ],
  pod: [
    ['ip addr|link|route|neigh', "the pod's network namespace"],
    ['ping, traceroute -n, curl, nc -zv', 'reach other pods, traced in the drawing'],
    ['ss -lnt', "ports the pod's containers listen on (one shared namespace)"],
    ['cat /etc/resolv.conf, hostname -i', "DNS settings, the pod's IP"],
    ['exit', 'leave the pod'],
  ],
};

function help(place: Place): string {
  const rows = HELP[place.kind];
  const w = Math.max(...rows.map(([c]) => c.length)) + 2;
  return rows.map(([c, d]) => `${c.padEnd(w)}${d}\n`).join('');
}

/** What a pod's shell runs: the node's tools without the ones for bridges and iptables. */
const POD_PROGRAMS: Record<string, Program> = {
  ip: runIp,
  ping: runPing,
  traceroute: runTraceroute,
  cat: runCat,
  ls: runLs,
  hostname: runHostname,
  sysctl: runSysctl,
  ss: runSs,
  curl: runCurl,
  nc: runNc,
};
const NODE_PROGRAMS: Record<string, Program> = { ...POD_PROGRAMS, bridge: runBridge, iptables: runIptables };

/** The commands a place knows (for completion and `command not found`). */
export function commandsAt(place: Place): string[] {
  const common = ['clear', 'exit', 'help'];
  if (place.kind === 'workstation') return ['kubectl', 'ssh', ...common];
  const own = Object.keys(place.kind === 'node' ? NODE_PROGRAMS : POD_PROGRAMS);
  return [...own, ...(place.kind === 'node' ? ['tcpdump', 'kubectl'] : []), ...common].sort();
}

function ctxAt(host: ShellHost, session: Session, place: Place, stdin?: string): Ctx {
  const state = host.cluster();
  return {
    host,
    state,
    place,
    netns: netnsOf(state, place),
    session,
    shell: place.kind === 'pod' ? 'sh' : 'bash',
    ...(stdin !== undefined ? { stdin } : {}),
  };
}

/** Runs argv at a place (the shell's own dispatch; kubectl exec comes back here). */
function runArgv(
  host: ShellHost,
  session: Session,
  place: Place,
  argv: readonly string[],
  stdin?: string,
): ProgramResult {
  const ctx = ctxAt(host, session, place, stdin);
  const name = argv[0] ?? '';
  if (place.kind !== 'workstation' && ctx.netns === null) {
    const what = place.kind === 'node' ? `node ${place.node}` : `pod ${place.pod}`;
    return {
      out: `Connection to ${what} closed: it is no longer in the cluster.\n`,
      status: 255,
      session: { ...session, places: [{ kind: 'workstation' }] },
    };
  }
  switch (name) {
    case 'help':
      return ok(help(place));
    case 'clear':
      return { out: '', status: 0, clear: true };
    case 'exit':
    case 'logout': {
      if (session.places.length <= 1) return ok('');
      const leaving = currentPlace(session);
      const bye = leaving.kind === 'node' ? `logout\nConnection to ${leaving.node} closed.\n` : '';
      // Logging out of a node hangs up its background jobs (SIGHUP).
      const background = leaving.kind === 'node' ? [] : session.background;
      return {
        out: bye,
        status: 0,
        session: { ...session, places: session.places.slice(0, -1), background },
      };
    }
    case 'kill':
      return killJob(session, argv);
    case 'echo':
      return ok(`${argv.slice(1).join(' ')}\n`);
    case 'kubectl':
      if (place.kind === 'pod') break;
      return runKubectl(ctx, argv, (p, a) => runArgv(host, session, p, a));
    case 'ssh': {
      if (place.kind !== 'workstation') break;
      const target = (argv.slice(1).find((a) => !a.startsWith('-')) ?? '').replace(/^[^@]*@/, '');
      if (target === '')
        return fail('usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] destination [command [argument ...]]', 255);
      const state = ctx.state;
      const node = Object.hasOwn(state.nodes, target)
        ? state.nodes[target]
        : state.nodeOrder.map((n) => state.nodes[n]).find((n) => n?.ip === target);
      if (node === undefined)
        return fail(`ssh: Could not resolve hostname ${target}: Name or service not known`, 255);
      const rest = argv.slice(argv.indexOf(argv.find((a) => a.replace(/^[^@]*@/, '') === target) ?? '') + 1);
      const nodePlace: Place = { kind: 'node', node: node.name };
      if (rest.length > 0) return runArgv(host, session, nodePlace, rest);
      return {
        out: `Welcome to ${'Ubuntu 24.04.1 LTS'} (GNU/Linux 6.8.0-48-generic x86_64)\n\n`,
        status: 0,
        session: { ...session, places: [...session.places, nodePlace] },
      };
    }
    case 'tcpdump': {
      if (place.kind !== 'node') break;
      const r = runTcpdump(ctx, argv);
      if ('job' in r) return { out: r.out, status: 0, session: { ...session, job: r.job } };
      return r;
    }
    default: {
      const table = place.kind === 'node' ? NODE_PROGRAMS : place.kind === 'pod' ? POD_PROGRAMS : {};
      const program = Object.hasOwn(table, name) ? table[name] : undefined;
      if (program !== undefined) {
        if (place.kind === 'workstation') break;
        return program(ctx, argv);
      }
    }
  }
  return notFound(ctx, name);
}

function notFound(ctx: Ctx, name: string): ProgramResult {
  return ctx.shell === 'sh'
    ? fail(`sh: ${name}: not found`, 127)
    : fail(`bash: ${name}: command not found`, 127);
}

/**
 * Runs one typed line. Text with newlines (a lesson's exec action, a pasted block) runs as
 * its lines in turn, so a here-document can come in one piece.
 */
export function runLine(host: ShellHost, session: Session, line: string): LineResult {
  if (!line.includes('\n')) return runOneLine(host, session, line);
  let output = '';
  let r: LineResult = { output: '', session, status: 0 };
  let command: string | undefined;
  for (const part of line.replace(/\n$/, '').split('\n')) {
    r = runOneLine(host, r.session, part);
    output += r.output;
    if (r.command !== undefined) command = r.command;
  }
  return { ...r, output, ...(command !== undefined ? { command } : {}) };
}

/** `<<EOF`, `<<'EOF'`, `<< EOF`, `<<-EOF` (the tokenizer has already removed the quotes). */
function heredocOf(
  words: readonly string[],
): { words: string[]; delimiter: string; stripTabs: boolean } | { error: string } | null {
  const at = words.findIndex((w) => w.startsWith('<<'));
  if (at < 0) return null;
  const op = words[at] ?? '';
  const stripTabs = op.startsWith('<<-');
  const inline = op.slice(stripTabs ? 3 : 2);
  const delimiter = inline !== '' ? inline : (words[at + 1] ?? '');
  if (delimiter === '') return { error: "bash: syntax error near unexpected token `newline'" };
  const rest = [...words.slice(0, at), ...words.slice(at + (inline !== '' ? 1 : 2))];
  return { words: rest, delimiter, stripTabs };
}

function runOneLine(host: ShellHost, session: Session, line: string): LineResult {
  if (session.job !== null) return { output: '', session, status: 0 };
  const doc = session.heredoc;
  if (doc != null) {
    const text = doc.stripTabs ? line.replace(/^\t+/, '') : line;
    const typed = `${doc.typed}\n${line}`;
    if (text !== doc.delimiter)
      return {
        output: '',
        session: { ...session, heredoc: { ...doc, lines: [...doc.lines, text], typed } },
        status: 0,
      };
    const waiting: Session = { ...session, heredoc: null };
    const stdin = doc.lines.length === 0 ? '' : `${doc.lines.join('\n')}\n`;
    const r = runArgv(host, waiting, currentPlace(waiting), doc.words, stdin);
    return {
      output: r.out,
      session: r.session ?? waiting,
      status: r.status,
      command: typed,
      ...(r.clear === true ? { clear: true } : {}),
    };
  }
  const t = tokenize(line);
  if (!t.ok) return { output: `${t.message}\n`, session, status: 2 };
  if (t.words.length === 0) return { output: '', session, status: 0 };
  const here = heredocOf(t.words);
  if (here !== null) {
    if ('error' in here) return { output: `${here.error}\n`, session, status: 2 };
    return { output: '', session: { ...session, heredoc: { ...here, lines: [], typed: line } }, status: 0 };
  }
  const place = currentPlace(session);
  if (t.background) return runBackground(host, session, place, t.words);
  const r = runArgv(host, session, place, t.words);
  const next = r.session ?? session;
  return { output: r.out, session: next, status: r.status, ...(r.clear === true ? { clear: true } : {}) };
}

/** Ctrl-C while a here-document is typed: bash drops the command and prints a fresh prompt. */
export function cancelHeredoc(session: Session): Session {
  return session.heredoc == null ? session : { ...session, heredoc: null };
}

/** `CMD &`: tcpdump keeps capturing while the student types; other programs just run. */
function runBackground(
  host: ShellHost,
  session: Session,
  place: Place,
  words: readonly string[],
): LineResult {
  const r = runArgv(host, session, place, words);
  const next = r.session ?? session;
  const job = next.job;
  const id = (session.background[session.background.length - 1]?.id ?? 0) + 1;
  if (job === null || job.kind !== 'tcpdump')
    return {
      output: `[${id}] ${4240 + id}\n${r.out}[${id}]+  Done                    ${words.join(' ')}\n`,
      session: next,
      status: 0,
    };
  return {
    output: `[${id}] ${4240 + id}\n${r.out}`,
    session: {
      ...next,
      job: null,
      background: [...next.background, { id, spec: job.spec, captured: 0, seen: 0 }],
    },
    status: 0,
  };
}

/** Ctrl-C: stops the running job (ping prints its statistics, tcpdump its counts), else a fresh prompt. */
export function interrupt(session: Session): { output: string; session: Session } {
  const job = session.job;
  if (job === null) return { output: '^C\n', session };
  if (job.kind === 'ping') return { output: pingInterrupt(job), session: { ...session, job: null } };
  return { output: `^C\n${captureSummary(job)}`, session: { ...session, job: null } };
}

/** What a trace printed: all of it, and the part of each capture (the foreground job, background ids). */
export interface FedTrace {
  readonly output: string;
  readonly session: Session;
  /** What the foreground job (tcpdump) printed. */
  readonly job: string;
  /** What each background capture printed, by job id (its `Done` line included). */
  readonly background: readonly { readonly id: number; readonly output: string }[];
}

/** A trace ran (here or in the forms): a waiting tcpdump prints the packets on its interface. */
export function feedTrace(host: Pick<ShellHost, 'cluster'>, session: Session, trace: TraceResult): FedTrace {
  let output = '';
  let jobOut = '';
  const background: { id: number; output: string }[] = [];
  let next = session;
  const job = session.job;
  if (job !== null && job.kind === 'tcpdump') {
    const r = feedCapture(host.cluster(), job, trace);
    jobOut = r.out;
    output += r.out;
    next = { ...next, job: r.done ? null : r.job };
  }
  if (session.background.length > 0) {
    const kept = [];
    for (const b of session.background) {
      const r = feedCapture(host.cluster(), { kind: 'tcpdump', ...b }, trace);
      let out = r.out;
      if (r.done) out += `[${b.id}]+  Done                    tcpdump\n`;
      else kept.push({ id: b.id, spec: r.job.spec, captured: r.job.captured, seen: r.job.seen });
      if (out !== '') background.push({ id: b.id, output: out });
      output += out;
    }
    next = { ...next, background: kept };
  }
  return { output, session: next, job: jobOut, background };
}

/** `kill %N`: stops background capture N (it prints its counts). */
function killJob(session: Session, argv: readonly string[]): ProgramResult {
  const ref = argv[1] ?? '';
  const id = Number(ref.replace(/^%/, ''));
  const b = session.background.find((x) => x.id === id);
  if (b === undefined) return fail(`bash: kill: ${ref}: no such job`);
  return {
    out: `${captureSummary({ kind: 'tcpdump', ...b })}[${b.id}]+  Terminated              tcpdump\n`,
    status: 0,
    session: { ...session, background: session.background.filter((x) => x !== b) },
  };
}

/** One second passes for a running `ping` without `-c`. */
export function tickJob(host: ShellHost, session: Session): { output: string; session: Session } {
  const job = session.job;
  if (job === null || job.kind !== 'ping') return { output: '', session };
  const r = pingTick(ctxAt(host, session, currentPlace(session)), job);
  return { output: r.out, session: { ...session, job: r.job } };
}
