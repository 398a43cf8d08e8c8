/**
 * Trace speed: a 5,000-node flannel (vxlan) cluster, one pod on each of two distant nodes,
 * 1,000 cross-node traces (request and reply); prints the median per trace (target < 5 ms).
 * `benchTrace()` is meant to be called from `scripts/bench-engine.ts`; `tsx scripts/bench-trace.ts`
 * runs it alone.
 */
import { applyCommand, applyCommands, createCluster, type Command } from '../src/engine/index.ts';

/** Builds the cluster, runs the traces and prints the median; returns it (ms per trace). */
export function benchTrace(nodes = 5000, traces = 1000): number {
  const created = createCluster(
    { clusterCIDR: '10.128.0.0/9', underlayCIDR: '172.16.0.0/16', network: { plugin: 'flannel' } },
    42,
  );
  if (!created.ok) throw new Error(JSON.stringify(created.problems));
  const commands: Command[] = Array.from({ length: nodes }, (_, i) => ({
    type: 'addNode',
    name: `node-${i + 1}`,
  }));
  commands.push(
    { type: 'schedulePod', name: 'near', node: 'node-1' },
    { type: 'schedulePod', name: 'far', node: `node-${nodes}` },
  );
  const { state } = applyCommands(created.state, commands);
  const times: number[] = [];
  let delivered = true;
  for (let i = 0; i < traces; i++) {
    const t0 = performance.now();
    const r = applyCommand(state, { type: 'trace', from: 'near', to: 'far', protocol: 'icmp' });
    times.push(performance.now() - t0);
    if (!r.result.ok || !('trace' in r.result) || !r.result.trace.delivered) delivered = false;
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? NaN;
  console.log(
    `trace    ${traces} cross-node flannel traces on ${nodes} nodes: median ${median.toFixed(3)} ms per trace (request + reply), delivered=${delivered} (target < 5 ms)`,
  );
  return median;
}

if (process.argv[1]?.endsWith('bench-trace.ts') === true) benchTrace();
