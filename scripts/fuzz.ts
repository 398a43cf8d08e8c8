/**
 * `npm run fuzz`: the fuzz properties of `src/cli/fuzz.test.ts` with many more cases.
 * FUZZ_RUNS (default 5000) scales all three; FUZZ_SEED replays a run. A failure prints the
 * seed and the shrunk counterexample: pin it as a named test in fuzz.test.ts.
 */
import fc from 'fast-check';
import { engineProperty, longEngineProperty, runnerProperty } from '../src/cli/fuzz-check.ts';

const runs = Number(process.env['FUZZ_RUNS'] ?? 5000);
const seed = Number(process.env['FUZZ_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
type Check = (params: fc.Parameters<unknown>) => fc.RunDetails<unknown>;
const plan: ReadonlyArray<{ name: string; check: Check; numRuns: number }> = [
  { name: 'runner on any file text', check: (p) => fc.check(runnerProperty, p), numRuns: runs },
  { name: 'engine on any commands', check: (p) => fc.check(engineProperty, p), numRuns: runs },
  {
    name: 'engine on thousands of actions',
    check: (p) => fc.check(longEngineProperty, p),
    numRuns: Math.max(1, Math.round(runs / 100)),
  },
];
console.log(`fuzz: seed ${seed}`);
let failed = false;
for (const { name, check, numRuns } of plan) {
  const t0 = performance.now();
  const result = check({
    seed,
    numRuns,
    interruptAfterTimeLimit: 10 * 60_000,
    markInterruptAsFailure: false,
  });
  const s = ((performance.now() - t0) / 1000).toFixed(1);
  if (result.failed) {
    failed = true;
    console.log(
      `FAIL ${name}: after ${result.numRuns} cases (${s} s), seed ${seed}, path ${result.counterexamplePath ?? ''}`,
    );
    console.log(String(result.errorInstance ?? '').slice(0, 2000));
    console.log(`counterexample: ${JSON.stringify(result.counterexample).slice(0, 4000)}`);
  } else
    console.log(
      `ok   ${name}: ${result.numRuns} cases in ${s} s${result.interrupted ? ' (time limit)' : ''}`,
    );
}
process.exitCode = failed ? 1 : 0;
