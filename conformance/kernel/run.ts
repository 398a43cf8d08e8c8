/**
 * `npm run test:kernel`: builds every scenario for real (network namespaces, the CNI plugins
 * from /usr/lib/cni) and compares it with what the lab shows. Any difference not listed in
 * known-differences.json fails the run. Without root or netns support it says so and skips.
 *
 * Usage: tsx conformance/kernel/run.ts [--require] [--show SUBJECT] [SCENARIO_NAME_SUBSTRING...]
 *   --require       fail (exit 2) instead of skipping when the machine cannot build namespaces
 *   --show SUBJECT  print both sides of every comparison whose subject contains SUBJECT
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sandboxResult, type ClusterState } from '../../src/engine/index.ts';
import {
  labAnswered,
  labLargestDf,
  labNodeTables,
  labPing,
  labPodTables,
  labTraceroute,
  labUnderlay,
  LabTraffic,
  replayScenario,
  type Scenario,
} from './lab.ts';
import { PLUGIN_DIR, RealCluster, type RealPod } from './build.ts';
import {
  diffLines,
  explain,
  flattenJson,
  macOfLinkLocal,
  maskUnknownMacs,
  Normaliser,
  parseKnown,
  parseTcpdump,
  parseTraceroute,
  solicitedNodeMac,
  type Difference,
  type Subject,
} from './compare.ts';
import { UNDERLAY_GATEWAY_MAC } from '../../src/engine/kernel/node-tables.ts';
import { cleanupAll, inNs, preflight, RUN_PREFIX, startInNs } from './sandbox.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const CONCURRENCY = Number(process.env['KERNEL_CONCURRENCY'] ?? 3);
const MAX_PROBE_PODS = 4;

function loadScenarios(): Scenario[] {
  const out: Scenario[] = [];
  for (const f of readdirSync(join(root, 'lessons')).sort())
    if (f.endsWith('.json') && !f.endsWith('.schema.json'))
      out.push({
        name: `lesson ${basename(f, '.json')}`,
        file: `lessons/${f}`,
        doc: readJson(join(root, 'lessons', f)),
      });
  for (const f of readdirSync(join(here, 'scenarios')).sort())
    if (f.endsWith('.json'))
      out.push({
        name: basename(f, '.json'),
        file: `conformance/kernel/scenarios/${f}`,
        doc: readJson(join(here, 'scenarios', f)),
      });
  return out;
}

function readJson(p: string): Record<string, unknown> {
  return JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>;
}

function lines(s: string): string[] {
  return s.split('\n').filter((l) => l.trim() !== '');
}

/** The lab's and Linux's view of one scenario. */
class Comparison {
  readonly subjects: Subject[] = [];
  readonly norm = new Normaliser();
  readonly labMacs = new Set<string>([UNDERLAY_GATEWAY_MAC]);
  constructor(readonly scenario: string) {}

  add(subject: string, lab: string[], linux: string[]): void {
    // Both sides print trailing blanks (iproute2 ends inet6 lines with one); they are trimmed.
    const trim = (l: string): string => l.replace(/\s+$/, '');
    this.subjects.push({ scenario: this.scenario, subject, lab: lab.map(trim), linux: linux.map(trim) });
  }

  /** Linux lines normalised (random values mapped to the lab's, trailing blanks trimmed). */
  real(out: string): string[] {
    const known = new Set([...this.labMacs, ...[...this.labMacs].map(solicitedNodeMac)]);
    return lines(out).map((l) => maskUnknownMacs(this.norm.line(l), known));
  }
}

function ipOf(state: ClusterState, key: string): string {
  return state.pods[key]?.ip ?? '';
}

/** Teaches the normaliser the random values of one pod: names, MACs, netns. */
async function learnPod(c: Comparison, state: ClusterState, real: RealPod): Promise<void> {
  const pod = state.pods[real.key];
  const sb = pod?.sandbox;
  if (sb === undefined) return;
  c.norm.map(real.ns, basename(sb.netns));
  c.norm.map(`/var/run/netns/${real.ns}`, sb.netns);
  const lab = sandboxResult(sb).interfaces ?? [];
  for (const i of lab) if (i.mac !== undefined) c.labMacs.add(i.mac);
  // A Result need not carry the host end's MAC (calico's names it only): take it from the
  // lab's node tables, where the lab keeps it.
  const node = pod?.node ?? null;
  const hostEnd =
    node === null
      ? undefined
      : labNodeTables(state, node)?.interfaces.find((i) => i.index === sb.hostIfIndex && i.kind === 'veth');
  if (hostEnd !== undefined) c.labMacs.add(hostEnd.mac);
  const got = (real.result?.['interfaces'] ?? []) as { name?: string; mac?: string; sandbox?: string }[];
  const labHost = lab.filter((i) => i.sandbox === undefined);
  const realHost = got.filter((i) => i.sandbox === undefined);
  realHost.forEach((i, n) => {
    const l = labHost.find((x) => x.name === i.name) ?? labHost[n];
    c.norm.map(i.name, l?.name);
    c.norm.map(i.mac, l?.mac);
  });
  const mac = await inNs(real.ns, 'cat', ['/sys/class/net/eth0/address']);
  c.norm.map(mac.stdout.trim(), lab.find((i) => i.sandbox !== undefined)?.mac);
}

/**
 * A bridge nobody pinned (isGateway off) shows its lowest port's MAC, and the MAC it was
 * created with only in its link-local address: that one is mapped from the link-local.
 */
async function learnUnpinnedBridges(
  c: Comparison,
  state: ClusterState,
  node: string,
  ns: string,
): Promise<void> {
  for (const d of Object.values(state.nodes[node]?.devices ?? {})) {
    if (d.ports === undefined) continue;
    const out = (await inNs(ns, 'ip', ['-6', 'addr', 'show', 'dev', d.name, 'scope', 'link'])).stdout;
    const ll = /inet6 (fe80::\S+)/.exec(out)?.[1];
    c.norm.map(ll === undefined ? undefined : macOfLinkLocal(ll), d.mac);
  }
}

async function ping(
  ns: string,
  ip: string,
  extra: string[] = [],
): Promise<{ answered: boolean; ttl: number | null; out: string }> {
  const r = await inNs(ns, 'ping', ['-n', '-c', '1', '-W', '1', ...extra, ip], { timeoutMs: 5000 });
  const m = /ttl=(\d+)/.exec(r.stdout);
  return {
    answered: r.code === 0,
    ttl: m?.[1] === undefined ? null : Number(m[1]),
    out: r.stdout + r.stderr,
  };
}

/**
 * The servers of a real pod: for each port its containers declare, a TCP server that
 * accepts and closes, or a UDP socket that echoes each datagram back (plain node, the
 * runtime this suite already runs on, started inside the pod's namespace). That is what the
 * lab assumes a declared port does: a SYN is answered with a SYN-ACK, a datagram with one.
 */
const LISTENER = `
const net = require('node:net');
const dgram = require('node:dgram');
const specs = process.argv.slice(1);
let left = specs.length;
const up = () => { if (--left === 0) process.stderr.write('listening on ' + specs.join(' ') + '\\n'); };
for (const s of specs) {
  const [proto, port] = s.split(':');
  if (proto === 'tcp') net.createServer((c) => c.end()).listen(Number(port), '0.0.0.0', up);
  else {
    const u = dgram.createSocket('udp4');
    u.on('message', (m, r) => u.send(m, r.port, r.address));
    u.bind(Number(port), '0.0.0.0', up);
  }
}
`;

/** One datagram and a second to wait for the echo: exit 0 when one came back. */
const UDP_PROBE = `
const u = require('node:dgram').createSocket('udp4');
const t = setTimeout(() => process.exit(1), 1000);
u.on('message', () => { clearTimeout(t); process.exit(0); });
u.on('error', () => process.exit(1));
u.send('probe', Number(process.argv[2]), process.argv[1]);
`;

/** The listeners started for a scenario's pods, by netns (a pod made again gets a new one). */
class Listeners {
  private readonly started = new Map<string, () => Promise<string>>();

  /** Starts the servers of every running real pod that has declared ports and none yet. */
  async ensure(real: RealCluster, state: ClusterState): Promise<void> {
    for (const [key, p] of real.pods) {
      if (p.result === null || this.started.has(p.ns)) continue;
      const specs = (state.pods[key]?.containers ?? []).flatMap((c) =>
        (c.ports ?? [])
          .filter((port) => (port.protocol ?? 'TCP') !== 'SCTP')
          .map((port) => `${(port.protocol ?? 'TCP').toLowerCase()}:${port.containerPort}`),
      );
      if (specs.length === 0) continue;
      const server = startInNs(p.ns, process.execPath, ['-e', LISTENER, ...specs]);
      await server.ready;
      this.started.set(p.ns, server.stop);
    }
  }

  async stopAll(): Promise<void> {
    for (const stop of this.started.values()) await stop();
    this.started.clear();
  }
}

/**
 * A TCP connect (bash's /dev/tcp) or a UDP datagram from a namespace: true when a server
 * answered (the connection opened, the echo came back); a RST, an ICMP port unreachable or
 * silence is false.
 */
async function probe(ns: string, protocol: 'tcp' | 'udp', ip: string, port: number): Promise<boolean> {
  const r =
    protocol === 'tcp'
      ? await inNs(ns, 'timeout', ['2', 'bash', '-c', `exec 3<>/dev/tcp/${ip}/${port}`], { timeoutMs: 5000 })
      : await inNs(ns, process.execPath, ['-e', UDP_PROBE, ip, String(port)], { timeoutMs: 5000 });
  return r.code === 0;
}

async function realLargestDf(ns: string, ip: string, guess: number | null): Promise<number | null> {
  const ok = async (size: number): Promise<boolean> =>
    (await ping(ns, ip, ['-M', 'do', '-s', String(size)])).answered;
  if (guess !== null && (await ok(guess)) && !(await ok(guess + 1))) return guess;
  if (!(await ok(0))) return null;
  let lo = 0;
  let hi = 9000;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (await ok(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function nsOfSource(real: RealCluster, state: ClusterState, from: string): string | null {
  if (from.startsWith('node/')) return real.nodes.get(from.slice(5))?.ns ?? null;
  const name = from.replace(/^pod\//, '');
  const key = name.includes('/') ? name : `default/${name}`;
  const pod = state.pods[key];
  if (pod === undefined) return null;
  // A hostNetwork pod has no netns of its own: it sends from its node's.
  if (pod.hostNetwork === true) return pod.node === null ? null : (real.nodes.get(pod.node)?.ns ?? null);
  return real.pods.get(key)?.ns ?? null;
}

function targetIp(state: ClusterState, to: string): string {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(to)) return to;
  const key = to.includes('/') ? to : `default/${to}`;
  return state.pods[key]?.ip ?? '';
}

/** Waits (at most 3 s) until IPv6 duplicate address detection is over in these namespaces. */
async function settle(namespaces: string[]): Promise<void> {
  for (let i = 0; i < 30; i++) {
    let busy = false;
    for (const ns of namespaces)
      if ((await inNs(ns, 'ip', ['-6', 'addr', 'show', 'tentative'])).stdout.trim() !== '') busy = true;
    if (!busy) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Builds one scenario for real and compares. */
async function runScenario(s: Scenario, index: number): Promise<Subject[]> {
  const c = new Comparison(s.name);
  const lab = replayScenario(s);
  const cannot = RealCluster.buildable(lab.initial);
  if (cannot !== null) {
    c.add('build', [], [cannot]);
    return c.subjects;
  }
  const real = new RealCluster(`s${index}`, lab.initial.config.network.plugin);
  const listeners = new Listeners();
  for (const n of Object.values(lab.initial.nodes)) {
    c.labMacs.add(n.mac);
    for (const d of Object.values(n.devices)) c.labMacs.add(d.mac);
  }
  await real.init(lab.initial);
  let state = lab.initial;
  for (const step of lab.steps) {
    if (!step.result.ok) continue;
    const cmd = step.command;
    state = step.after;
    for (const n of Object.values(state.nodes)) {
      c.labMacs.add(n.mac);
      for (const d of Object.values(n.devices)) c.labMacs.add(d.mac);
    }
    if (cmd.type === 'addNode') await real.addNode(state, cmd.name);
    if (cmd.type === 'removeNode') await real.removeNode(cmd.name);
    await real.syncDataPlane(state);
    await real.syncStaticRoutes(state);
    const keys = new Set([...step.before.podOrder, ...state.podOrder, ...real.pods.keys()]);
    for (const key of keys) await real.syncPod(state, key);
    if (cmd.type === 'applyNetworkPolicy' && state.config.network.plugin === 'calico')
      c.add(`step ${step.index + 1} applyNetworkPolicy`, [], ['not built: Felix policy programming']);
    if (cmd.type === 'trace') {
      const subject = `step ${step.index + 1} trace ${cmd.from} -> ${cmd.to} (${cmd.protocol})`;
      const ns = nsOfSource(real, state, cmd.from);
      const ip = targetIp(state, cmd.to);
      if (cmd.protocol === 'sctp') {
        c.add(subject, [], ['not probed: this kernel has no sctp module']);
      } else if (cmd.protocol !== 'icmp') {
        if (ns !== null && ip !== '' && cmd.port !== undefined) {
          await listeners.ensure(real, state);
          const t = new LabTraffic(step.before).trace(cmd.from, cmd.to, {
            protocol: cmd.protocol,
            port: cmd.port,
          });
          const answered = await probe(ns, cmd.protocol, ip, cmd.port);
          c.add(subject, [`answered ${labAnswered(t)}`], [`answered ${answered}`]);
        }
      } else if (ns !== null && ip !== '') {
        // The step's own trace (on the state before it) answers as the lab's log did.
        const l = labPing(new LabTraffic(step.before), cmd.from, cmd.to);
        const r = await ping(ns, ip);
        c.add(subject, [`answered ${l.answered}`], [`answered ${r.answered}`]);
      }
    }
  }
  await listeners.stopAll();
  // Neighbour tables at rest, read at once: an entry the steps' traffic left goes from DELAY
  // to PROBE 5 s after it was used (delay_first_probe_time), so waiting would change them.
  const restNeigh = new Map<string, string>();
  for (const [name, n] of real.nodes)
    restNeigh.set(`node ${name}`, (await inNs(n.ns, 'ip', ['neigh'])).stdout);
  for (const [key, p] of real.pods)
    if (p.result !== null) restNeigh.set(`pod ${key}`, (await inNs(p.ns, 'ip', ['neigh'])).stdout);
  // ADD errors of pods still Pending.
  for (const [key, p] of real.pods) {
    if (p.result !== null) continue;
    const labMsg = state.pods[key]?.message ?? '';
    const m = /plugin type="([^"]+)" name="[^"]*" failed \(add\): (.*)$/.exec(labMsg);
    c.add(
      `pod ${key}: ADD error`,
      [m === null ? labMsg : `plugin type="${m[1]}" failed (add): ${m[2]}`],
      [p.error ?? ''],
    );
  }
  for (const p of real.pods.values()) await learnPod(c, state, p);
  for (const [name, n] of real.nodes) await learnUnpinnedBridges(c, state, name, n.ns);
  // Results.
  for (const [key, p] of real.pods) {
    const sb = state.pods[key]?.sandbox;
    if (p.result === null || sb === undefined) continue;
    c.add(
      `pod ${key}: CNI Result`,
      flattenJson(sandboxResult(sb)),
      flattenJson(p.result).map((l) => c.norm.line(l)),
    );
  }
  // Tables at rest, before any probe.
  const tables = async (): Promise<void> => {
    for (const [name, n] of real.nodes) {
      const t = labNodeTables(state, name);
      if (t === null) continue;
      c.add(`node ${name}: ip addr`, lines(t.ipAddr), c.real((await inNs(n.ns, 'ip', ['addr'])).stdout));
      c.add(`node ${name}: ip route`, t.ipRoute, c.real((await inNs(n.ns, 'ip', ['route'])).stdout));
      c.add(`node ${name}: ip neigh`, t.ipNeigh, c.real(restNeigh.get(`node ${name}`) ?? ''));
      c.add(
        `node ${name}: bridge fdb`,
        t.bridgeFdb,
        c.real((await inNs(n.ns, 'bridge', ['fdb', 'show'])).stdout),
      );
      c.add(
        `node ${name}: iptables -t nat -S`,
        t.iptablesNat,
        c.real((await inNs(n.ns, 'iptables', ['-t', 'nat', '-S'])).stdout),
      );
      const files = real.hostLocalFiles(name);
      c.add(
        `node ${name}: host-local files`,
        t.files
          .filter((f) => f.path.startsWith('/var/lib/cni/networks/'))
          .map((f) => `${f.path} = ${JSON.stringify(f.content)}`),
        [...files].map(([p, v]) => `${p} = ${JSON.stringify(v)}`),
      );
    }
    for (const [key, p] of real.pods) {
      if (p.result === null) continue;
      const t = labPodTables(state, key);
      if (t === null) continue;
      c.add(`pod ${key}: ip addr`, lines(t.ipAddr), c.real((await inNs(p.ns, 'ip', ['addr'])).stdout));
      c.add(`pod ${key}: ip route`, t.ipRoute, c.real((await inNs(p.ns, 'ip', ['route'])).stdout));
      c.add(`pod ${key}: ip neigh`, t.ipNeigh, c.real(restNeigh.get(`pod ${key}`) ?? ''));
    }
  };
  await settle([...[...real.nodes.values()].map((n) => n.ns), ...[...real.pods.values()].map((p) => p.ns)]);
  await tables();
  // Probes: each is a trace on the lab's side too, which learns what the real packets teach.
  const traffic = new LabTraffic(state);
  const running = state.podOrder.filter((k) => real.pods.get(k)?.result != null).slice(0, MAX_PROBE_PODS);
  const nodeOf = (k: string): string => state.pods[k]?.node ?? '';
  const name = (k: string): string => state.pods[k]?.name ?? k;
  const from = (k: string): string => `pod/${name(k)}`;
  for (const a of running)
    for (const b of running) {
      if (a === b) continue;
      const l = labPing(traffic, from(a), name(b));
      const r = await ping(real.pods.get(a)?.ns ?? '', ipOf(state, b));
      c.add(
        `${name(a)} -> ${name(b)}: ping`,
        [`answered ${l.answered} ttl=${l.ttl ?? '-'}`],
        [`answered ${r.answered} ttl=${r.ttl ?? '-'}`],
      );
    }
  for (const k of running) {
    const n = real.nodes.get(nodeOf(k));
    if (n === undefined) continue;
    const l = labPing(traffic, `node/${nodeOf(k)}`, name(k));
    const r = await ping(n.ns, ipOf(state, k));
    c.add(
      `node/${nodeOf(k)} -> ${name(k)}: ping`,
      [`answered ${l.answered} ttl=${l.ttl ?? '-'}`],
      [`answered ${r.answered} ttl=${r.ttl ?? '-'}`],
    );
  }
  const pairs: [string, string, string][] = [];
  const cross = running.flatMap((a) =>
    running.filter((b) => nodeOf(b) !== nodeOf(a)).map((b) => [a, b] as const),
  )[0];
  const same = running.flatMap((a) =>
    running.filter((b) => b !== a && nodeOf(b) === nodeOf(a)).map((b) => [a, b] as const),
  )[0];
  if (cross !== undefined) pairs.push([from(cross[0]), cross[1], 'across nodes']);
  if (same !== undefined) pairs.push([from(same[0]), same[1], 'same node']);
  if (running[0] !== undefined) pairs.push([`node/${nodeOf(running[0])}`, running[0], 'host to own pod']);
  for (const [src, dstKey, label] of pairs) {
    const ns = nsOfSource(real, state, src);
    if (ns === null) continue;
    const dst = name(dstKey);
    const ip = ipOf(state, dstKey);
    const l = labLargestDf(traffic, src, dst);
    const r = await realLargestDf(ns, ip, l);
    c.add(`${src} -> ${dst} (${label}): largest DF payload`, [String(l)], [String(r)]);
    const lh = labTraceroute(traffic, src, dst, 6);
    const max = Math.min(6, Math.max(3, lh.length + 1));
    const tr = await inNs(ns, 'traceroute', ['-n', '-q', '1', '-w', '1', '-m', String(max), ip], {
      timeoutMs: 15000,
    });
    c.add(
      `${src} -> ${dst} (${label}): traceroute -n`,
      lh.filter((h, i, a) => !(h === '*' && a.slice(i).every((x) => x === '*'))),
      parseTraceroute(tr.stdout),
    );
  }
  // What one ping puts on the underlay: across nodes, and from a node to its own pod (which
  // must not leave the node, except with macvlan, where it goes to the default gateway).
  const wirePairs: [string, string][] = [];
  if (cross !== undefined) wirePairs.push([from(cross[0]), cross[1]]);
  if (running[0] !== undefined) wirePairs.push([`node/${nodeOf(running[0])}`, running[0]]);
  for (const [src, dstKey] of wirePairs) {
    const ns = nsOfSource(real, state, src);
    if (ns === null) continue;
    const dump = startInNs(real.underlay, 'tcpdump', ['-nn', '-l', '-i', 'br0', 'not arp and not ip6']);
    await dump.ready;
    await ping(ns, ipOf(state, dstKey));
    await new Promise((r) => setTimeout(r, 300));
    const out = await dump.stop();
    c.add(
      `${src} -> ${name(dstKey)}: underlay headers (tcpdump)`,
      labUnderlay(traffic, src, name(dstKey)),
      parseTcpdump(out),
    );
  }
  // Neighbours after the probes, which the lab traced too. The probes take seconds, so a
  // real entry is REACHABLE, STALE, DELAY or PROBE by when it was last confirmed (and an
  // unanswered one INCOMPLETE or FAILED); the lab's clock has no seconds inside a tick: the
  // state word is compared as one class of each.
  const nud = (l: string): string =>
    l
      .replace(/ (REACHABLE|STALE|DELAY|PROBE)$/, ' REACHABLE|STALE|DELAY')
      .replace(/ (INCOMPLETE|FAILED)$/, ' INCOMPLETE|FAILED');
  for (const [nodeName, n] of real.nodes) {
    const t = labNodeTables(traffic.state, nodeName);
    if (t === null) continue;
    const neigh = c.real((await inNs(n.ns, 'ip', ['neigh'])).stdout).map(nud);
    c.add(`node ${nodeName}: ip neigh after pings`, t.ipNeigh.map(nud), neigh);
  }
  for (const [key, p] of real.pods) {
    const t = p.result === null ? null : labPodTables(traffic.state, key);
    if (t === null) continue;
    const neigh = c.real((await inNs(p.ns, 'ip', ['neigh'])).stdout).map(nud);
    c.add(`pod ${key}: ip neigh after pings`, t.ipNeigh.map(nud), neigh);
  }
  return c.subjects;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const require = args.includes('--require') || process.env['KERNEL_SUITE'] === 'require';
  const showAt = args.indexOf('--show');
  const show = showAt >= 0 ? (args[showAt + 1] ?? '') : null;
  const filters = args.filter((a, i) => !a.startsWith('--') && (showAt < 0 || i !== showAt + 1));
  const why = await preflight(PLUGIN_DIR);
  if (why !== null) {
    const msg = `kernel suite SKIPPED: ${why}. It builds each scenario in network namespaces with the CNI plugins in ${PLUGIN_DIR}: run it as root on Linux with containernetworking-plugins, iproute2, iptables, iputils-ping, traceroute and tcpdump installed.`;
    const bar = '!'.repeat(Math.min(100, msg.length));
    console.error(`${bar}\n${msg}\n${bar}`);
    process.exit(require ? 2 : 0);
  }
  const known = parseKnown(readJson(join(here, 'known-differences.json'))['differences']);
  if (!known.ok) {
    console.error(`conformance/kernel/known-differences.json: ${known.message}`);
    process.exit(1);
  }
  const all = loadScenarios();
  const chosen = filters.length === 0 ? all : all.filter((s) => filters.some((f) => s.name.includes(f)));
  const t0 = Date.now();
  console.log(`kernel suite: ${chosen.length} scenarios, prefix ${RUN_PREFIX}, ${CONCURRENCY} at a time`);
  const results: Subject[][] = new Array(chosen.length);
  const failures: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < chosen.length) {
      const i = next++;
      const s = chosen[i];
      if (s === undefined) continue;
      const t = Date.now();
      try {
        results[i] = await runScenario(s, i);
      } catch (e) {
        failures.push(`${s.name}: ${(e as Error).stack ?? String(e)}`);
        results[i] = [];
      }
      console.log(
        `  ${s.name}: ${results[i]?.length ?? 0} comparisons, ${((Date.now() - t) / 1000).toFixed(1)} s`,
      );
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, CONCURRENCY) }, worker));
  cleanupAll();
  const diffs: Difference[] = results.flat().flatMap(diffLines);
  const { explained, unexplained } = explain(diffs, known.known);
  const subjects = results.flat();
  if (show !== null)
    for (const sub of subjects.filter((x) => x.subject.includes(show))) {
      console.log(`\n${sub.scenario} | ${sub.subject}`);
      for (const l of sub.lab) console.log(`  lab    ${l}`);
      for (const l of sub.linux) console.log(`  linux  ${l}`);
    }
  console.log(
    `\n${subjects.length} comparisons, ${subjects.filter((s) => diffLines(s).length === 0).length} identical`,
  );
  console.log(
    `normalised: MACs, veth names and netns names Linux drew (mapped to the lab's for the same device), the link-local address and solicited-node MAC derived from a mapped MAC, the VXLAN source port, trailing blanks; after the probes, the NUD state of a neighbour entry (REACHABLE, STALE, DELAY, PROBE as one class; INCOMPLETE, FAILED as another)`,
  );
  console.log(`known differences (${explained.size} of ${known.known.length} entries seen):`);
  for (const k of known.known) {
    const n = explained.get(k.id)?.length ?? 0;
    console.log(`  ${n > 0 ? String(n).padStart(4) : '   -'}  ${k.id}: ${k.reason}`);
  }
  const stale =
    filters.length === 0 ? known.known.filter((k) => !explained.has(k.id) && k.intermittent !== true) : [];
  if (unexplained.length > 0) {
    console.log(`\nUNEXPLAINED DIFFERENCES (${unexplained.length}):`);
    let last = '';
    for (const d of unexplained) {
      const head = `${d.scenario} | ${d.subject}`;
      if (head !== last) console.log(`  ${head}`);
      last = head;
      console.log(`    ${d.side === 'lab' ? 'lab only  ' : 'linux only'} ${d.line}`);
    }
  }
  for (const k of stale) console.log(`STALE known difference (never seen; remove it): ${k.id}`);
  for (const f of failures) console.log(`FAILED TO BUILD: ${f}`);
  console.log(`\nkernel suite: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  process.exit(unexplained.length > 0 || stale.length > 0 || failures.length > 0 ? 1 : 0);
}

void main();
