import fc from 'fast-check';
import { checkEngineOn } from './fuzz-check.ts';
import { clusterArb, commandArb } from './scenario-arbitrary.ts';
for (const [c, cmds] of fc.sample(
  fc.tuple(clusterArb, fc.array(commandArb, { minLength: 1000, maxLength: 3000 })),
  { seed: 20261202, numRuns: 3 },
)) {
  const t0 = performance.now();
  try {
    checkEngineOn(c, cmds);
  } catch (e) {
    console.log('FAIL', String(e).slice(0, 500));
  }
  console.log(
    'case',
    cmds.length,
    (performance.now() - t0).toFixed(0),
    'ms',
    JSON.stringify(c).slice(0, 200),
  );
}
