/**
 * `npm run bench`: the runner as a user runs it, whole process, for each data plane.
 *
 * For every plugin (flannel, Calico, Weave, and the core bridge, ptp and macvlan) a scenario
 * of 5,000 nodes, 150,000 `schedulePod` actions and one cross-node trace is written to a
 * file, then `npm run --silent lab -- run FILE --summary --timings` and the minimal floor
 * (`bench-floor.mjs`: reads the same file, does the same allocation, prints the same core
 * report) run back to back, alternating, BENCH_RUNS times (default 3) in one session. It
 * prints, per plugin, the median wall time and peak RSS of each, the median of the per-run
 * ratios to the floor and to flannel (run i against run i), the spread (min–max), the median
 * of each phase of `--timings` and the phase that dominates, the CPU time of each process (steadier
 * than wall time on a shared machine) and its ratios; then the start time of an empty
 * scenario. BENCH_NODES, BENCH_PODS and BENCH_PLUGINS (comma-separated) narrow it down.
 * `npm run bench:engine` is the in-process engine benchmark.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_NETWORKS, benchScenario } from './bench-scenario.mjs';
import { ensureLabBundle } from './lab-bundle.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NODES = Number(process.env['BENCH_NODES'] ?? 5000);
const PODS = Number(process.env['BENCH_PODS'] ?? 150_000);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const PLUGINS = (process.env['BENCH_PLUGINS'] ?? Object.keys(BENCH_NETWORKS).join(','))
  .split(',')
  .filter((p) => p in BENCH_NETWORKS);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** One whole-process run: wall time, and what its `--timings` line says. */
function runOnce(cmd, args, outFile) {
  const fd = openSync(outFile, 'w');
  const t0 = performance.now();
  const p = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - t0;
  closeSync(fd);
  if (p.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${p.status}): ${p.stderr}`);
  const line = p.stderr.split('\n').find((l) => l.startsWith('timings: ')) ?? '';
  const phases = {};
  for (const m of line.matchAll(/([a-z+]+) (\d+) ms/g)) if (m[1] !== 'cpu') phases[m[1]] = Number(m[2]);
  const rss = Number(/peak RSS (\d+) MB/.exec(line)?.[1] ?? NaN);
  // CPU time of the runner's own process: steadier than wall time on a shared machine.
  const cpu = Number(/cpu (\d+) ms/.exec(line)?.[1] ?? NaN);
  return { ms, cpu, rss, phases };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 === 1 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const spread = (xs) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
const ratios = (xs, ys) => xs.map((x, i) => x / ys[i]);
const fmtRatio = (rs) =>
  `${median(rs).toFixed(2)}x (${Math.min(...rs).toFixed(2)}–${Math.max(...rs).toFixed(2)})`;

await ensureLabBundle(root); // built before timing, so no run pays for it
const dir = mkdtempSync(join(tmpdir(), 'lab-bench-'));
const files = {};
for (const plugin of PLUGINS) {
  files[plugin] = join(dir, `${plugin}.json`);
  writeFileSync(files[plugin], JSON.stringify(benchScenario(plugin, NODES, PODS)));
}
const empty = join(dir, 'empty.json');
writeFileSync(empty, JSON.stringify({ cluster: {}, actions: [] }));
const out = join(dir, 'out.json');

const lab = (file) =>
  runOnce(npm, ['run', '--silent', 'lab', '--', 'run', file, '--summary', '--timings'], out);
const floor = (file) => runOnce(process.execPath, ['scripts/bench-floor.mjs', file, '--timings'], out);

const samples = Object.fromEntries(PLUGINS.map((p) => [p, { lab: [], floor: [] }]));
const emptyLab = [];
const emptyNode = [];
const emptyDirect = [];
const emptyNpm = [];
try {
  for (let r = 0; r < RUNS; r++) {
    for (const plugin of PLUGINS) {
      samples[plugin].floor.push(floor(files[plugin]));
      samples[plugin].lab.push(lab(files[plugin]));
    }
    emptyNode.push(runOnce(process.execPath, ['-e', '0'], out));
    // npm's own share: `npm run env` starts npm, reads package.json and runs one command.
    emptyNpm.push(runOnce(npm, ['run', '--silent', 'env'], out));
    emptyDirect.push(runOnce(process.execPath, ['scripts/lab.mjs', 'run', empty], out));
    emptyLab.push(lab(empty));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log(
  `bench: npm run --silent lab -- run FILE --summary, whole process; ${NODES} nodes, ${PODS} schedulePod, one trace; ${RUNS} alternating runs per plugin; medians, (min–max)`,
);
const base = samples['flannel'];
for (const plugin of PLUGINS) {
  const s = samples[plugin];
  const ms = s.lab.map((x) => x.ms);
  const fms = s.floor.map((x) => x.ms);
  const phaseNames = Object.keys(s.lab[0]?.phases ?? {}).filter((k) => k !== 'total');
  const phases = phaseNames.map((k) => [k, median(s.lab.map((x) => x.phases[k] ?? 0))]);
  const total = median(s.lab.map((x) => x.phases['total'] ?? 0));
  const top = [...phases].sort((a, b) => b[1] - a[1])[0];
  console.log(
    `\n${plugin.padEnd(8)} lab   ${median(ms).toFixed(0).padStart(6)} ms (${spread(ms)})  peak RSS ${median(s.lab.map((x) => x.rss)).toFixed(0)} MB`,
  );
  console.log(
    `${''.padEnd(8)} floor ${median(fms).toFixed(0).padStart(6)} ms (${spread(fms)})  peak RSS ${median(s.floor.map((x) => x.rss)).toFixed(0)} MB`,
  );
  const cpu = s.lab.map((x) => x.cpu);
  const fcpu = s.floor.map((x) => x.cpu);
  console.log(`${''.padEnd(8)} lab / floor ${fmtRatio(ratios(ms, fms))}   (target for flannel ≤ 2x)`);
  console.log(
    `${''.padEnd(8)} cpu   lab ${median(cpu).toFixed(0)} ms (${spread(cpu)}), floor ${median(fcpu).toFixed(0)} ms (${spread(fcpu)}), lab / floor ${fmtRatio(ratios(cpu, fcpu))}`,
  );
  if (plugin !== 'flannel' && base !== undefined) {
    const whole = ratios(
      ms,
      base.lab.map((x) => x.ms),
    );
    const engine = ratios(
      s.lab.map((x) => x.phases['engine'] ?? NaN),
      base.lab.map((x) => x.phases['engine'] ?? NaN),
    );
    const cpuRatio = ratios(
      cpu,
      base.lab.map((x) => x.cpu),
    );
    console.log(
      `${''.padEnd(8)} / flannel: whole ${fmtRatio(whole)}, cpu ${fmtRatio(cpuRatio)}, engine ${fmtRatio(engine)}   (target ≤ 3x)`,
    );
  }
  console.log(`${''.padEnd(8)} phases ${phases.map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')} ms`);
  if (top !== undefined)
    console.log(
      `${''.padEnd(8)} dominant phase: ${top[0]} (${((100 * top[1]) / total).toFixed(0)} % of ${total.toFixed(0)} ms)`,
    );
}
const eLab = emptyLab.map((x) => x.ms);
const eNode = emptyNode.map((x) => x.ms);
const eDirect = emptyDirect.map((x) => x.ms);
const eNpm = emptyNpm.map((x) => x.ms);
console.log(
  `\nempty scenario: npm run lab ${median(eLab).toFixed(0)} ms (${spread(eLab)}), target < 300 ms; node scripts/lab.mjs ${median(eDirect).toFixed(0)} ms (${spread(eDirect)}); bare node -e 0 ${median(eNode).toFixed(0)} ms (${spread(eNode)}); npm run env (npm alone) ${median(eNpm).toFixed(0)} ms (${spread(eNpm)})`,
);
console.log(
  `${''.padEnd(15)}the runner's own start-up (lab.mjs - node -e 0): ${median(eDirect.map((x, i) => x - eNode[i])).toFixed(0)} ms (median of per-run differences)`,
);
