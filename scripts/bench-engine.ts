/**
 * `npm run bench:engine`: a 5,000-node cluster with 150,000 pods through the engine, next to a
 * deliberately minimal plain-mutable implementation of the same allocation (node CIDRs by
 * index, pod IPs per node in host-local order, the same pod records), in the same run.
 * Prints medians of time and memory and the ratio engine / floor.
 */
import {
  applyCommand,
  applyCommands,
  createCluster,
  nodeTables,
  type ClusterState,
  type Command,
} from '../src/engine/index.ts';
import { RandomSource } from '../src/engine/util/prng.ts';
import { benchTrace } from './bench-trace.ts';

const NODES = Number(process.env['BENCH_NODES'] ?? 5000);
const PODS = Number(process.env['BENCH_PODS'] ?? 150_000);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
const gc = (globalThis as { gc?: () => void }).gc;

interface Sample {
  ms: number;
  /** Heap retained by the result after a full GC (MB). */
  retainedMb: number;
  /** Highest heapUsed seen at the checkpoints, relative to the baseline (MB). */
  peakMb: number;
}

function heapMb(): number {
  return process.memoryUsage().heapUsed / 1e6;
}

function measure(label: string, body: (checkpoint: () => void) => unknown): Sample {
  gc?.();
  gc?.(); // a second pass clears WeakMap entries freed by the first
  const base = heapMb();
  let peak = base;
  const checkpoint = (): void => {
    peak = Math.max(peak, heapMb());
  };
  const t0 = performance.now();
  const keep = body(checkpoint);
  const ms = performance.now() - t0;
  checkpoint();
  gc?.();
  gc?.();
  const retained = heapMb() - base;
  if (keep === undefined) throw new Error(`${label} returned nothing`);
  return { ms, retainedMb: retained, peakMb: peak - base };
}

const traceMs: number[] = [];
const traceOk: boolean[] = [];

function engineRun(checkpoint: () => void): ClusterState {
  const created = createCluster({ clusterCIDR: '10.128.0.0/9', underlayCIDR: '172.16.0.0/16' }, 42);
  if (!created.ok) throw new Error(JSON.stringify(created.problems));
  const nodes: Command[] = Array.from({ length: NODES }, (_, i) => ({
    type: 'addNode',
    name: `node-${i + 1}`,
  }));
  let state = applyCommands(created.state, nodes).state;
  checkpoint();
  const pods: Command[] = Array.from({ length: PODS }, (_, i) => ({
    type: 'schedulePod',
    name: `pod-${i + 1}`,
  }));
  const r = applyCommands(state, pods);
  state = r.state;
  checkpoint();
  const failed = r.results.filter((x) => !x.ok).length;
  if (failed > 0) throw new Error(`${failed} schedulePod commands failed`);
  const tables = nodeTables(state, `node-${Math.ceil(NODES / 2)}`);
  if (tables === null || tables.ipRoute.length === 0) throw new Error('no tables');
  checkpoint();
  // One cross-node trace (pod-1 and pod-2 are on different nodes), timed on its own.
  const t0 = performance.now();
  const traced = applyCommand(state, { type: 'trace', from: 'pod-1', to: 'pod-2', protocol: 'icmp' });
  traceMs.push(performance.now() - t0);
  traceOk.push(traced.result.ok);
  return state;
}

interface FloorNode {
  name: string;
  ip: string;
  podCIDR: string;
  base: number;
  next: number;
  files: Map<string, string>;
  pods: string[];
}

function ip(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 0xff}.${(n >>> 8) & 0xff}.${n & 0xff}`;
}

/** The floor: plain mutable maps, no validation, no CNI, no immutability. */
function floorRun(checkpoint: () => void): unknown {
  const rng = new RandomSource(42);
  const nodes: FloorNode[] = [];
  const clusterBase = 0x0a800000;
  const underlayBase = 0xac100000;
  for (let i = 0; i < NODES; i++) {
    const base = (clusterBase + i * 256) >>> 0;
    nodes.push({
      name: `node-${i + 1}`,
      ip: ip(underlayBase + 11 + i),
      podCIDR: `${ip(base)}/24`,
      base,
      next: 2,
      files: new Map(),
      pods: [],
    });
  }
  checkpoint();
  const pods = new Map<
    string,
    {
      key: string;
      name: string;
      namespace: string;
      node: string;
      ip: string;
      containerId: string;
      netns: string;
      veth: string;
      mac: string;
    }
  >();
  for (let i = 0; i < PODS; i++) {
    const node = nodes[i % NODES];
    if (node === undefined) throw new Error('no node');
    const podIp = ip(node.base + node.next++);
    const containerId = rng.hex(32);
    const name = `pod-${i + 1}`;
    const key = `default/${name}`;
    node.files.set(podIp, `${containerId}\r\neth0`);
    node.pods.push(key);
    pods.set(key, {
      key,
      name,
      namespace: 'default',
      node: node.name,
      ip: podIp,
      containerId,
      netns: `/var/run/netns/cni-${rng.uuid()}`,
      veth: `veth${rng.hex(4)}`,
      mac: rng.mac(),
    });
  }
  checkpoint();
  return { nodes, pods };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

const engine: Sample[] = [];
const floor: Sample[] = [];
for (let r = 0; r < RUNS; r++) {
  floor.push(measure('floor', floorRun));
  engine.push(measure('engine', engineRun));
}
const row = (label: string, xs: Sample[]): string =>
  `${label.padEnd(8)} time ${median(xs.map((x) => x.ms))
    .toFixed(0)
    .padStart(7)} ms   retained ${median(xs.map((x) => x.retainedMb))
    .toFixed(0)
    .padStart(5)} MB   peak ${median(xs.map((x) => x.peakMb))
    .toFixed(0)
    .padStart(5)} MB`;
console.log(
  `bench: ${NODES} nodes, ${PODS} pods, median of ${RUNS} runs${gc ? '' : ' (no --expose-gc: memory figures are rough)'}`,
);
console.log(row('engine', engine));
console.log(row('floor', floor));
// Ratios are taken per run (floor and engine measured back to back), then the median.
const ratio = (f: (x: Sample) => number): string =>
  median(engine.map((e, i) => f(e) / f(floor[i] ?? e))).toFixed(2);
console.log(
  `ratio    time ${ratio((x) => x.ms)}x   retained ${ratio((x) => x.retainedMb)}x   peak ${ratio((x) => x.peakMb)}x   (target ≤ 3x; per-run ratios, median)`,
);
console.log(
  `trace    pod-1 → pod-2 (cross-node) ${median(traceMs).toFixed(1)} ms, ok=${traceOk.every(Boolean)} (included in the engine time)`,
);

// Trace speed on its own cluster: a trace must not materialise every node's tables.
benchTrace();
