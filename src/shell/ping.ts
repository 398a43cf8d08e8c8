/**
 * `ping` (iputils) and `traceroute -n` (traceroute 2.1): each runs the engine's tracer once
 * (the trace is shown in the drawing) and prints what the sender would read. Times come from
 * the model in trace-read.ts, never from a clock.
 */
import { parseIpv4, type TraceRequest, type TraceResult } from '../engine/index.ts';
import { fail, ok, type Ctx, type ProgramResult } from './program.ts';
import { answerAddress, dropPlace, replyTtl, routersOf, rttMs } from './trace-read.ts';
import type { Job } from './types.ts';

const PING_USAGE = `
Usage
  ping [options] <destination>

Options:
  <destination>      dns name or ip address
  -c <count>         stop after <count> replies
  -M <pmtud opt>     define mtu discovery, can be one of <do|dont|want>
  -s <size>          use <size> as number of data bytes to be sent
  -t <ttl>           define time to live
  -W <timeout>       time to wait for response
`;

interface PingOptions {
  count: number | null;
  size: number;
  ttl: number;
  df: boolean;
  target: string;
}

function parsePing(argv: readonly string[]): PingOptions | ProgramResult {
  const o: PingOptions = { count: null, size: 56, ttl: 64, df: false, target: '' };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const valueOf = (): string | undefined => (a.length > 2 ? a.slice(2) : argv[++i]);
    if (a.startsWith('-c')) {
      const v = Number(valueOf());
      if (!Number.isInteger(v) || v < 1)
        return fail(
          `ping: invalid argument: '${a.slice(2) || (argv[i] ?? '')}': out of range: 1 <= value <= 9223372036854775807`,
        );
      o.count = v;
    } else if (a.startsWith('-s')) {
      const v = Number(valueOf());
      if (!Number.isInteger(v) || v < 0 || v > 65507)
        return fail(`ping: invalid argument: '${argv[i] ?? ''}': out of range: 0 <= value <= 65507`);
      o.size = v;
    } else if (a.startsWith('-t')) {
      const v = Number(valueOf());
      if (!Number.isInteger(v) || v < 1 || v > 255)
        return fail(`ping: invalid argument: '${argv[i] ?? ''}': out of range: 1 <= value <= 255`);
      o.ttl = v;
    } else if (a.startsWith('-M')) {
      const v = valueOf();
      if (v !== 'do' && v !== 'dont' && v !== 'want' && v !== 'probe')
        return fail(`ping: invalid -M argument: ${v ?? ''}`, 2);
      o.df = v === 'do' || v === 'probe';
    } else if (a.startsWith('-W') || a.startsWith('-i') || a.startsWith('-w')) {
      valueOf();
    } else if (a === '-n' || a === '-q' || a === '-4') {
      continue;
    } else if (a.startsWith('-') && a.length > 1) {
      return fail(`ping: invalid option -- '${a.slice(1, 2)}'${PING_USAGE}`, 2);
    } else o.target = a;
  }
  if (o.target === '') return fail(`ping: usage error: Destination address required`, 1);
  return o;
}

/** Is a drop reason the kernel's "no route" (ENETUNREACH)? */
export function isNoRoute(reason: string | undefined): boolean {
  return /no route to|Network is unreachable/i.test(reason ?? '');
}

/** The place as the tracer names it in hops (`pod/NAME`, `node/NAME`). */
export function hopPlace(ctx: Ctx): string | null {
  if (ctx.place.kind === 'node') return `node/${ctx.place.node}`;
  if (ctx.place.kind === 'pod') {
    const ns = ctx.netns;
    if (ns?.pod === undefined) return null;
    // A hostNetwork pod's packets are the node's: the tracer names its hops `node/NAME`.
    return ns.where.startsWith('node/') ? ns.where : `pod/${ns.pod.name}`;
  }
  return null;
}

/** The place the tracer starts from for a program run in `ctx`. */
export function traceSource(ctx: Ctx): string | null {
  if (ctx.place.kind === 'node') return `node/${ctx.place.node}`;
  if (ctx.place.kind === 'pod') return `pod/${ctx.place.pod}`;
  return null;
}

/** Resolves a destination the tools would accept: an IPv4 literal or localhost. */
export function resolveHost(target: string): string | null {
  if (target === 'localhost') return '127.0.0.1';
  return parseIpv4(target) === null ? null : target;
}

function runTrace(ctx: Ctx, request: TraceRequest): { trace: TraceResult } | { error: string } {
  const r = ctx.host.trace(request);
  if (!r.ok) return { error: r.error.message };
  return 'trace' in r ? { trace: r.trace } : { error: 'the tracer gave no trace' };
}

/** One probe's answer line, or null when nothing came back. */
function answerLine(
  ctx: Ctx,
  trace: TraceResult,
  src: string,
  dst: string,
  size: number,
  seq: number,
): { line: string | null; error: boolean } {
  if (trace.delivered) {
    const ttl = replyTtl(trace);
    if (ttl === null) return { line: null, error: false };
    return {
      line: `${size + 8} bytes from ${dst}: icmp_seq=${seq} ttl=${ttl} time=${rttMs(trace, seq).toFixed(3)} ms`,
      error: false,
    };
  }
  const reason = trace.dropReason ?? '';
  const at = dropPlace(trace);
  // Dropped on the wire: the underlay gateway, a router with no route to pods, answers.
  const router = at?.startsWith('node/')
    ? answerAddress(ctx.state, at.slice(5), src)
    : at === 'underlay' && reason.includes('underlay gateway')
      ? ctx.state.config.underlayGateway
      : null;
  if (router === null) return { line: null, error: false };
  if (reason.startsWith('TTL exceeded'))
    return { line: `From ${router} icmp_seq=${seq} Time to live exceeded`, error: true };
  if (reason.startsWith('needs fragmentation')) {
    const mtu = /MTU (\d+)/.exec(reason)?.[1] ?? '';
    return { line: `From ${router} icmp_seq=${seq} Frag needed and DF set (mtu = ${mtu})`, error: true };
  }
  if (isNoRoute(reason))
    return { line: `From ${router} icmp_seq=${seq} Destination Net Unreachable`, error: true };
  if (reason.includes('ARP'))
    return { line: `From ${router} icmp_seq=${seq} Destination Host Unreachable`, error: true };
  return { line: null, error: false };
}

function statistics(
  dst: string,
  sent: number,
  received: number,
  errors: number,
  times: readonly number[],
): string {
  const loss = sent === 0 ? 0 : Math.round(((sent - received) * 100) / sent);
  const err = errors > 0 ? `, +${errors} errors` : '';
  const total = sent <= 1 ? 0 : (sent - 1) * 1029;
  let out = `\n--- ${dst} ping statistics ---\n${sent} packets transmitted, ${received} received${err}, ${loss}% packet loss, time ${total}ms\n`;
  if (times.length > 0) {
    const min = Math.min(...times);
    const max = Math.max(...times);
    const avg = times.reduce((a, b) => a + b, 0) / times.length;
    const mdev = Math.sqrt(times.reduce((a, b) => a + b * b, 0) / times.length - avg * avg);
    out += `rtt min/avg/max/mdev = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)}/${mdev.toFixed(3)} ms\n`;
  } else out += '\n';
  return out;
}

/** `ping`: a job (until Ctrl-C) without `-c`. */
export function runPing(ctx: Ctx, argv: readonly string[]): ProgramResult {
  const parsed = parsePing(argv);
  if ('out' in parsed) return parsed;
  const from = traceSource(ctx);
  if (from === null || ctx.netns === null)
    return fail('ping: run it on a node (ssh NODE) or in a pod (kubectl exec POD -- ping ...)');
  const dst = resolveHost(parsed.target);
  if (dst === null) return fail(`ping: unknown host ${parsed.target}`, 2);
  const head = `PING ${dst} (${dst}) ${parsed.size}(${parsed.size + 28}) bytes of data.\n`;
  const src = ctx.netns.pod?.ip ?? ctx.netns.node?.ip ?? '';
  // iputils refuses locally when DF is set and the packet does not fit the route's device.
  if (parsed.df && dst !== '127.0.0.1') {
    const mtuErr = localMtu(ctx, dst, parsed.size + 28);
    if (mtuErr !== null) {
      const n = parsed.count ?? 1;
      const errs = Array.from(
        { length: n },
        () => `ping: local error: message too long, mtu=${mtuErr}\n`,
      ).join('');
      return fail(`${head}${errs}${statistics(dst, n, 0, n, [])}`);
    }
  }
  if (dst === '127.0.0.1') return loopbackPing(head, dst, parsed);
  const t = runTrace(ctx, { from, to: dst, protocol: 'icmp', size: parsed.size, ttl: parsed.ttl });
  if ('error' in t) return fail(`ping: ${t.error}`, 2);
  const trace = t.trace;
  if (!trace.delivered && dropPlace(trace) === hopPlace(ctx) && isNoRoute(trace.dropReason))
    return fail('ping: connect: Network is unreachable', 2);
  if (parsed.count === null) {
    const first = answerLine(ctx, trace, src, dst, parsed.size, 1);
    const job: Job = {
      kind: 'ping',
      target: dst,
      sent: 1,
      received: first.line !== null && !first.error ? 1 : 0,
      errors: first.error ? 1 : 0,
      line: first.line === null ? null : first.line,
      rtt: trace.delivered ? rttMs(trace, 1) : 0,
      times: trace.delivered && first.line !== null ? [rttMs(trace, 1)] : [],
    };
    return {
      out: `${head}${first.line !== null ? `${first.line}\n` : ''}`,
      status: 0,
      session: { ...ctx.session, job },
    };
  }
  let out = head;
  let received = 0;
  let errors = 0;
  const times: number[] = [];
  for (let seq = 1; seq <= parsed.count; seq++) {
    const a = answerLine(ctx, trace, src, dst, parsed.size, seq);
    if (a.line !== null) out += `${a.line}\n`;
    if (a.error) errors += 1;
    else if (a.line !== null) {
      received += 1;
      times.push(rttMs(trace, seq));
    }
  }
  out += statistics(dst, parsed.count, received, errors, times);
  return { out, status: received > 0 ? 0 : 1 };
}

/** One more second of a `ping` job: the next probe's line (the path does not change meanwhile). */
export function pingTick(ctx: Ctx, job: Extract<Job, { kind: 'ping' }>): { out: string; job: Job } {
  const seq = job.sent + 1;
  const line = job.line?.replace(/icmp_seq=\d+/, `icmp_seq=${seq}`) ?? null;
  const isReply = line !== null && line.includes('bytes from');
  const rtt = isReply ? Math.round(job.rtt * 1000 * ((0.9 + (((seq * 37) % 11) - 5) / 50) / 1.55)) / 1000 : 0;
  const printed = isReply && line !== null ? line.replace(/time=[\d.]+/, `time=${rtt.toFixed(3)}`) : line;
  void ctx;
  return {
    out: printed !== null ? `${printed}\n` : '',
    job: {
      ...job,
      sent: seq,
      received: job.received + (isReply ? 1 : 0),
      errors: job.errors + (line !== null && !isReply ? 1 : 0),
      times: isReply ? [...job.times, rtt] : job.times,
    },
  };
}

/** Ctrl-C on a ping job: iputils prints its statistics. */
export function pingInterrupt(job: Extract<Job, { kind: 'ping' }>): string {
  return `^C${statistics(job.target, job.sent, job.received, job.errors, job.times)}`;
}

function loopbackPing(head: string, dst: string, o: PingOptions): ProgramResult {
  const n = o.count ?? 1;
  let out = head;
  const times: number[] = [];
  for (let seq = 1; seq <= n; seq++) {
    const t = seq === 1 ? 0.035 : 0.028 + (seq % 3) / 1000;
    times.push(t);
    out += `${o.size + 8} bytes from ${dst}: icmp_seq=${seq} ttl=64 time=${t.toFixed(3)} ms\n`;
  }
  return ok(out + statistics(dst, n, n, 0, times));
}

function localMtu(ctx: Ctx, dst: string, ipLength: number): number | null {
  const ns = ctx.netns;
  if (ns === null) return null;
  // The device the route to dst leaves by.
  const dev = routeDevice(ns.ipRoute, dst) ?? 'eth0';
  const mtu = ns.interfaces.find((i) => i.name === dev)?.mtu;
  return mtu !== undefined && ipLength > mtu ? mtu : null;
}

function routeDevice(routeLines: readonly string[], dst: string): string | null {
  // Longest prefix over the printed table (small: a pod or node's own routes).
  const ip = parseIpv4(dst);
  if (ip === null) return null;
  let best: { prefix: number; dev: string } | null = null;
  for (const l of routeLines) {
    const words = l.split(' ');
    const d = words[0] === 'blackhole' || words[0] === 'unreachable' ? (words[1] ?? '') : (words[0] ?? '');
    const devAt = words.indexOf('dev');
    if (devAt < 0) continue;
    const [net, p] = d === 'default' ? ['0.0.0.0', '0'] : d.split('/');
    const prefix = p === undefined ? 32 : Number(p);
    const n = parseIpv4(net ?? '');
    if (n === null) continue;
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    if ((ip & mask) >>> 0 === (n & mask) >>> 0 && (best === null || prefix > best.prefix))
      best = { prefix, dev: words[devAt + 1] ?? '' };
  }
  return best?.dev ?? null;
}

/** `traceroute [-n] DST`: one line per router, from the same trace the drawing shows. */
export function runTraceroute(ctx: Ctx, argv: readonly string[]): ProgramResult {
  const args = argv.slice(1);
  const numeric = args.includes('-n');
  const target = args.find((a) => !a.startsWith('-'));
  if (target === undefined)
    return fail(
      'Usage:\n  traceroute [ -46dFITnreAUDV ] [ -f first_ttl ] [ -m max_ttl ] host [ packetlen ]',
      2,
    );
  const from = traceSource(ctx);
  if (from === null || ctx.netns === null) return fail('traceroute: run it on a node or in a pod');
  const dst = resolveHost(target);
  if (dst === null)
    return fail(
      `${target}: Name or service not known\nCannot handle "host" cmdline arg \`${target}' on position 1 (argc 2)`,
      2,
    );
  const src = ctx.netns.pod?.ip ?? ctx.netns.node?.ip ?? '';
  const t = runTrace(ctx, { from, to: dst, protocol: 'icmp' });
  if ('error' in t) return fail(`traceroute: ${t.error}`, 2);
  const trace = t.trace;
  if (!trace.delivered && dropPlace(trace) === hopPlace(ctx) && isNoRoute(trace.dropReason))
    return fail('connect: Network is unreachable', 2);
  const name = (ip: string): string => (numeric ? ip : `${ip} (${ip})`);
  let out = `traceroute to ${dst} (${dst}), 30 hops max, 60 byte packets\n`;
  const routers = routersOf(trace.hops, 64);
  let hop = 0;
  const probe = (h: number, k: number): string =>
    ((40 + ((h * 31 + k * 17) % 50) + h * 15) / 1000).toFixed(3);
  const line = (addr: string, mark = ''): string => {
    hop += 1;
    return `${String(hop).padStart(2)}  ${name(addr)}  ${probe(hop, 0)} ms${mark}  ${probe(hop, 1)} ms${mark}  ${probe(hop, 2)} ms${mark}\n`;
  };
  for (const r of routers) {
    if (trace.delivered || r !== routers[routers.length - 1] || !(dropPlace(trace) ?? '').endsWith(r))
      out += line(answerAddress(ctx.state, r, src));
    else {
      const reason = trace.dropReason ?? '';
      const mark = isNoRoute(reason) ? ' !N' : reason.includes('ARP') ? ' !H' : '';
      if (mark !== '') {
        out += line(answerAddress(ctx.state, r, src), mark);
        return fail(out);
      }
      out += line(answerAddress(ctx.state, r, src));
    }
  }
  if (trace.delivered && replyTtl(trace) !== null) {
    out += line(dst);
    return ok(out);
  }
  while (hop < 30) {
    hop += 1;
    out += `${String(hop).padStart(2)}  * * *\n`;
  }
  return fail(out);
}
