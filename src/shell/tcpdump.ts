/**
 * `tcpdump -i IF [-nn] [-e] [-c N] [FILTER]`: it waits, and prints the packets of the next
 * traces that cross that interface, in tcpdump 4.99's own format (VXLAN's `OTV` line and
 * IP-in-IP's `(ipip-proto-4)` included). Addresses and ports are always numeric.
 */
import {
  innerIpLength,
  type ClusterState,
  type Packet,
  type TraceHop,
  type TraceResult,
} from '../engine/index.ts';
import { epochAt, timeOfDay } from './clock.ts';
import { fail, type Ctx, type ProgramResult } from './program.ts';
import type { CaptureSpec, Job } from './types.ts';

const HEADER = (iface: string): string =>
  `tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\nlistening on ${iface}, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n`;

const FILTER_WORDS = new Set([
  'icmp',
  'tcp',
  'udp',
  'sctp',
  'port',
  'host',
  'src',
  'dst',
  'and',
  'ip',
  'arp',
  'not',
]);

/** The IP protocols a filter word names. */
const PROTOCOL_WORDS: Readonly<Record<number, string>> = { 1: 'icmp', 6: 'tcp', 17: 'udp', 132: 'sctp' };

/** Checks a filter expression of the primitives the lab understands; a message when it cannot. */
function checkFilter(words: readonly string[]): string | null {
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    if (w === 'port' || w === 'host') {
      const v = words[i + 1];
      if (v === undefined) return 'tcpdump: syntax error';
      i += 1;
      continue;
    }
    if (!FILTER_WORDS.has(w)) return `tcpdump: can't parse filter expression: syntax error`;
  }
  return null;
}

/** `tcpdump ...`: prints its banner and leaves a capture job waiting for packets. */
export function runTcpdump(ctx: Ctx, argv: readonly string[]): ProgramResult | { job: Job; out: string } {
  const ns = ctx.netns;
  if (ns === null) return fail('tcpdump: run it on a node (ssh NODE) or in a pod');
  let iface: string | undefined;
  let ethernet = false;
  let count: number | null = null;
  const filter: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '-i') iface = argv[++i];
    else if (a.startsWith('-i') && a.length > 2) iface = a.slice(2);
    else if (a === '-c') {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 1) return fail(`tcpdump: invalid packet count ${argv[i] ?? ''}`);
      count = v;
    } else if (a.startsWith('-')) {
      for (const f of a.slice(1)) {
        if (f === 'e') ethernet = true;
        else if (f !== 'n' && f !== 'v' && f !== 'l' && f !== 'q')
          return fail(`tcpdump: invalid option -- '${f}'`);
      }
    } else filter.push(a);
  }
  const dev = iface ?? ns.interfaces.find((x) => x.kind !== 'loopback')?.name ?? 'eth0';
  if (!ns.interfaces.some((x) => x.name === dev))
    return fail(`tcpdump: ${dev}: No such device exists\n(SIOCGIFHWADDR: No such device)`);
  const bad = checkFilter(filter);
  if (bad !== null) return fail(bad);
  const where = ns.kind === 'pod' ? `pod/${ns.pod?.name ?? ''}` : ns.where;
  const kind = ns.interfaces.find((x) => x.name === dev)?.kind;
  const tunnel = kind === 'vxlan' || kind === 'ipip' || kind === 'wireguard';
  const spec: CaptureSpec = { where, iface: dev, tunnel, ethernet, count, filter };
  return { job: { kind: 'tcpdump', spec, captured: 0, seen: 0 }, out: HEADER(dev) };
}

function matches(p: Packet, filter: readonly string[]): boolean {
  const ip = p.outer?.ip ?? p.ip;
  const ports: number[] = [];
  if (p.outer?.udp !== undefined) ports.push(p.outer.udp.srcPort, p.outer.udp.dstPort);
  else if (p.l4.kind !== 'icmp') ports.push(p.l4.srcPort, p.l4.dstPort);
  const proto = PROTOCOL_WORDS[ip.protocol] ?? 'other';
  let negate = false;
  for (let i = 0; i < filter.length; i++) {
    const w = filter[i] ?? '';
    let hit = true;
    if (w === 'and' || w === 'ip' || w === 'src' || w === 'dst') continue;
    if (w === 'not') {
      negate = true;
      continue;
    }
    if (w === 'icmp' || w === 'tcp' || w === 'udp' || w === 'sctp') hit = proto === w;
    else if (w === 'arp') hit = false;
    else if (w === 'port') hit = ports.includes(Number(filter[++i]));
    else if (w === 'host') {
      const h = filter[++i];
      hit = ip.src === h || ip.dst === h;
    }
    if (hit === negate) return false;
    negate = false;
  }
  return true;
}

function l4Text(p: Packet, ipLen: number): string {
  const l4 = p.l4;
  if (l4.kind === 'icmp') {
    const len = ipLen - 20;
    if (l4.type === 8) return `ICMP echo request, id ${l4.id}, seq ${l4.seq}, length ${len}`;
    if (l4.type === 0) return `ICMP echo reply, id ${l4.id}, seq ${l4.seq}, length ${len}`;
    if (l4.type === 11) return `ICMP time exceeded in-transit, length ${len}`;
    return `ICMP ${p.ip.src} unreachable, length ${len}`;
  }
  if (l4.kind === 'udp') return `UDP, length ${p.payloadLength}`;
  if (l4.kind === 'sctp') return sctpText(l4.chunk);
  const f = l4.flags;
  const flags = `${f.includes('SYN') ? 'S' : ''}${f.includes('RST') ? 'R' : ''}${f.includes('FIN') ? 'F' : ''}${f.includes('PSH') ? 'P' : ''}${f.includes('ACK') ? '.' : ''}`;
  if (f.includes('RST')) return `Flags [${flags}], seq 0, ack 1000001, win 0, length 0`;
  if (f.includes('SYN') && f.includes('ACK'))
    return `Flags [${flags}], seq 2000000, ack 1000001, win 65160, length 0`;
  return `Flags [${flags}], seq 1000000, win 64240, length 0`;
}

/**
 * An SCTP packet's one chunk as print-sctp.c prints it without -vv: `sctp (1) [INIT] …`, each
 * field followed by a space (so the line ends in one). The tags and TSNs are the lab's fixed
 * stand-ins for the kernel's random ones, as TCP's sequence numbers are; rwnd, OS and MIS
 * are Linux's defaults (rmem_default / 2, 10 streams out, 65535 in, the answer capped by
 * the peer's 10).
 */
function sctpText(chunk: 'INIT' | 'INIT ACK' | 'ABORT'): string {
  if (chunk === 'ABORT') return 'sctp (1) [ABORT] ';
  const [tag, mis] = chunk === 'INIT' ? [1000000, 65535] : [2000000, 10];
  return `sctp (1) [${chunk}] [init tag: ${tag}] [rwnd: 106496] [OS: 10] [MIS: ${mis}] [init TSN: ${tag}] `;
}

function innerLine(p: Packet): string {
  const ipLen = innerIpLength(p);
  const ports = p.l4.kind === 'icmp' ? null : p.l4;
  const src = ports !== null ? `${p.ip.src}.${ports.srcPort}` : p.ip.src;
  const dst = ports !== null ? `${p.ip.dst}.${ports.dstPort}` : p.ip.dst;
  return `${src} > ${dst}: ${l4Text(p, ipLen)}`;
}

function ethPrefix(src: string, dst: string, length: number): string {
  return `${src} > ${dst}, ethertype IPv4 (0x0800), length ${length}: `;
}

/** One packet as tcpdump prints it (one or two lines, no timestamp). */
export function formatPacket(p: Packet, ethernet: boolean): string {
  const innerIpLen = innerIpLength(p);
  const inner = innerLine(p);
  const innerEth = (q: string): string =>
    ethernet && p.eth !== undefined ? `${ethPrefix(p.eth.src, p.eth.dst, 14 + innerIpLen)}${q}` : `IP ${q}`;
  const o = p.outer;
  if (o === undefined) return innerEth(inner);
  const outerLen =
    o.vxlan !== undefined
      ? 20 + 8 + 8 + 14 + innerIpLen
      : o.udp !== undefined
        ? 20 + 8 + 14 + innerIpLen
        : 20 + innerIpLen;
  const outerHead = (q: string): string =>
    ethernet && o.eth !== undefined ? `${ethPrefix(o.eth.src, o.eth.dst, 14 + outerLen)}${q}` : `IP ${q}`;
  if (o.vxlan !== undefined && o.udp !== undefined)
    return `${outerHead(`${o.ip.src}.${o.udp.srcPort} > ${o.ip.dst}.${o.udp.dstPort}: OTV, flags [I] (0x${o.vxlan.flags.toString(16).padStart(2, '0')}), overlay 0, instance ${o.vxlan.vni}`)}\n${innerEth(inner)}`;
  if (o.udp !== undefined)
    return outerHead(
      `${o.ip.src}.${o.udp.srcPort} > ${o.ip.dst}.${o.udp.dstPort}: UDP, length ${outerLen - 28}`,
    );
  return outerHead(`${o.ip.src} > ${o.ip.dst}: IP ${inner} (ipip-proto-4)`);
}

/** The hops of a trace (request, then reply) that are on `iface` at `where`, one per crossing. */
export function crossings(trace: TraceResult, where: string, iface: string): TraceHop[] {
  const out: TraceHop[] = [];
  for (const leg of [trace.hops, trace.reply?.hops ?? []]) {
    let prev: TraceHop | undefined;
    for (const h of leg) {
      if (h.where === where && h.device === iface && !(prev?.where === where && prev.device === iface))
        out.push(h);
      prev = h;
    }
  }
  return out;
}

function withoutOuter(p: Packet): Packet {
  if (p.outer === undefined) return p;
  const { outer: _outer, ...inner } = p;
  return inner;
}

/** What a capture prints for a trace, and whether it has seen its `-c` packets. */
export function feedCapture(
  state: ClusterState,
  job: Extract<Job, { kind: 'tcpdump' }>,
  trace: TraceResult,
): { out: string; job: Extract<Job, { kind: 'tcpdump' }>; done: boolean } {
  let out = '';
  let captured = job.captured;
  const seen = job.seen + 1;
  let k = 0;
  for (const h of crossings(trace, job.spec.where, job.spec.iface)) {
    if (job.spec.count !== null && captured >= job.spec.count) break;
    const packet = job.spec.tunnel ? withoutOuter(h.packet) : h.packet;
    if (!matches(packet, job.spec.filter)) continue;
    const ts = timeOfDay(epochAt(state.tick, seen), 562297 + k * 55 + seen * 1000);
    out += `${ts} ${formatPacket(packet, job.spec.ethernet)}\n`;
    captured += 1;
    k += 1;
  }
  const next = { ...job, captured, seen };
  const done = job.spec.count !== null && captured >= job.spec.count;
  return { out: done ? out + captureSummary(next) : out, job: next, done };
}

/** `n packet(s)`, as tcpdump's PLURAL_SUFFIX writes it: only 1 is singular. */
const packets = (n: number): string => `${n} packet${n === 1 ? '' : 's'}`;

/** The summary tcpdump prints when it stops. */
export function captureSummary(job: Extract<Job, { kind: 'tcpdump' }>): string {
  return `${packets(job.captured)} captured\n${packets(job.captured)} received by filter\n${packets(0)} dropped by kernel\n`;
}
