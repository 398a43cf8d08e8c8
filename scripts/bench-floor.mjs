/**
 * The whole-process floor for `npm run bench`: a deliberately minimal program that reads the
 * same scenario file, does the same allocation (node CIDRs and underlay IPs by index, pods on
 * the node with the fewest pods in round-robin order, pod IPs per node in host-local order,
 * container ids, netns names, veth names and MACs from a seeded mulberry32) and prints the
 * same core report (`--summary` shape: nodes, pods, results, traces, events) as
 * `lab run FILE --summary`. Plain JavaScript, no validation, no CNI, no immutability.
 * `node scripts/bench-floor.mjs FILE [--timings]`; --timings prints phases and peak RSS on stderr.
 */
import { readFileSync } from 'node:fs';

const t0 = performance.now();
const [file, flag] = process.argv.slice(2);
const input = JSON.parse(readFileSync(file, 'utf8'));
const tParse = performance.now();

const ip = (n) => `${n >>> 24}.${(n >>> 16) & 0xff}.${(n >>> 8) & 0xff}.${n & 0xff}`;
const parseIp = (s) => s.split('.').reduce((a, o) => a * 256 + Number(o), 0);
let rng = 42 ^ 0x9e3779b9;
function u32() {
  rng = (rng + 0x6d2b79f5) >>> 0;
  let t = rng;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}
const HEX = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const codes = [[], [], [], [], [], [], [], [], []].map((_, w) => new Array(w * 8).fill(48));
/** `words` random words as hex, built flat from char codes. */
const hex = (words) => {
  const out = codes[words];
  for (let i = 0; i < words; i++) {
    const w = u32();
    for (let j = 0; j < 8; j++) out[i * 8 + j] = HEX[(w >>> (28 - 4 * j)) & 15];
  }
  return String.fromCharCode(...out);
};

const [cidrNet, cidrBits] = (input.cluster.clusterCIDR ?? '10.244.0.0/16').split('/');
const clusterBase = parseIp(cidrNet);
const underlayBase = parseIp((input.cluster.underlayCIDR ?? '192.168.56.0/24').split('/')[0]);
void cidrBits;
const nodes = [];
const byName = new Map();
for (const [i, spec] of (input.cluster.nodes ?? []).entries()) {
  const base = (clusterBase + i * 256) >>> 0;
  const node = {
    name: spec.name,
    ip: ip(underlayBase + 11 + i),
    podCIDR: `${ip(base)}/24`,
    base,
    next: 2,
    files: new Map(),
    pods: [],
    mac: hex(2),
  };
  nodes.push(node);
  byName.set(node.name, node);
}
const pods = new Map();
const results = [];
const traces = [];
let cursor = 0;
for (const a of input.actions) {
  if (a.type === 'schedulePod') {
    // Fewest pods among the next few nodes, round robin (the scheduler's shape, not its sample size).
    let best = nodes[cursor % nodes.length];
    for (let k = 1; k < 4; k++) {
      const n = nodes[(cursor + k) % nodes.length];
      if (n.pods.length < best.pods.length) best = n;
    }
    cursor++;
    const podIp = ip(best.base + best.next++);
    const containerId = hex(8);
    const key = `default/${a.name}`;
    best.files.set(podIp, `${containerId}\r\neth0`);
    best.pods.push(key);
    pods.set(key, {
      name: a.name,
      namespace: 'default',
      node: best.name,
      ip: podIp,
      phase: 'Running',
      containerId,
      netns: `/var/run/netns/cni-${hex(4)}`,
      veth: `veth${hex(1)}`,
      mac: hex(2),
    });
    results.push({ type: a.type, ok: true });
  } else if (a.type === 'trace') {
    const from = pods.get(`default/${a.from}`);
    const to = pods.get(`default/${a.to}`);
    traces.push({
      from: a.from,
      to: a.to,
      protocol: a.protocol,
      delivered: from !== undefined && to !== undefined,
    });
    results.push({ type: a.type, ok: true });
  } else results.push({ type: a.type, ok: false });
}
const tEngine = performance.now();
const report = {
  nodes: nodes.map((n) => ({
    name: n.name,
    ip: n.ip,
    podCIDR: n.podCIDR,
    ready: true,
    podCount: n.pods.length,
    events: [],
  })),
  pods: [...pods.values()].map((p) => ({
    name: p.name,
    namespace: p.namespace,
    node: p.node,
    ip: p.ip,
    phase: p.phase,
  })),
  results,
  traces,
  events: [],
};
const text = `${JSON.stringify(report, null, 2)}\n`;
const tReport = performance.now();
process.stdout.write(text);
const tPrint = performance.now();
if (flag === '--timings') {
  const ms = (a, b) => `${(b - a).toFixed(0)} ms`;
  const usage = process.resourceUsage();
  const cpu = (usage.userCPUTime + usage.systemCPUTime) / 1000;
  process.stderr.write(
    `timings: parse+read ${ms(t0, tParse)}, engine ${ms(tParse, tEngine)}, report ${ms(tEngine, tReport)}, print ${ms(tReport, tPrint)}; total ${tPrint.toFixed(0)} ms, cpu ${cpu.toFixed(0)} ms; peak RSS ${(usage.maxRSS / 1024).toFixed(0)} MB\n`,
  );
}
