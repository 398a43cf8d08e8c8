/**
 * The fuzz properties, shared by `npm test` (a few hundred seeded cases) and `npm run fuzz`
 * (as many as asked for): the runner on hostile file text, and the engine on hostile
 * commands with its invariants checked after every action.
 */
import fc from 'fast-check';
import {
  applyCommand,
  createCluster,
  parseScenario,
  type ClusterState,
  type Command,
} from '../engine/index.ts';
import { brokenInvariants } from './engine-invariants.ts';
import { runText } from './main.ts';
import { anyCommandArb, clusterArb, commandArb, scenarioTextArb } from './scenario-arbitrary.ts';

/** What a stack trace or an uncaught JS error looks like in output. */
const CRASH =
  /\n\s+at |\b(TypeError|ReferenceError|RangeError|SyntaxError|InternalError)\b|Maximum call stack/;

/** Runs the runner on `text`; throws (fails the property) on anything but a clean exit 0 or 1. */
export function checkRunnerOn(text: string): void {
  let out = '';
  let err = '';
  let code: number;
  try {
    code = runText(
      'fuzz.json',
      text,
      true,
      (s) => (out += s),
      (s) => (err += `${s}\n`),
    );
  } catch (e) {
    throw new Error(`the runner threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`, {
      cause: e,
    });
  }
  if (code !== 0 && code !== 1) throw new Error(`exit ${code}`);
  if (CRASH.test(out) || CRASH.test(err)) throw new Error(`a stack trace or JS error in the output:\n${err}`);
  if (code === 0) {
    JSON.parse(out);
    if (err !== '') throw new Error(`exit 0 with stderr: ${err}`);
  } else {
    if (err === '') throw new Error('exit 1 without a message');
    for (const line of err.trimEnd().split('\n'))
      if (!line.startsWith('fuzz.json: ')) throw new Error(`a message without the file name: ${line}`);
  }
}

/**
 * Builds the cluster (when it is valid) and applies each command alone: a failed command
 * returns the very state it was given, unchanged; the invariants hold after every command.
 */
export function checkEngineOn(cluster: unknown, commands: readonly unknown[], seed = 1): void {
  const parsed = parseScenario({ cluster, actions: [] });
  if (!parsed.ok) return;
  const created = createCluster(parsed.value.cluster, seed);
  if (!created.ok) return;
  let state: ClusterState = created.state;
  const first = brokenInvariants(state);
  if (first.length > 0) throw new Error(`after createCluster: ${first.join('; ')}`);
  commands.forEach((command, i) => {
    const before = state;
    const snapshot = JSON.stringify(before);
    const { state: next, result } = applyCommand(before, command as Command);
    if (!result.ok) {
      if (next !== before)
        throw new Error(`action ${i} failed (${result.error.code}) but returned another state`);
      if (JSON.stringify(before) !== snapshot)
        throw new Error(`action ${i} failed but changed the state it was given`);
    } else if (JSON.stringify(before) !== snapshot)
      throw new Error(`action ${i} changed the state it was given`);
    const broken = brokenInvariants(next);
    if (broken.length > 0)
      throw new Error(`after action ${i} ${JSON.stringify(command)}: ${broken.slice(0, 3).join('; ')}`);
    state = next;
  });
}

/** The runner property: any file text gives exit 0 or 1 and never a stack trace. */
export const runnerProperty = fc.property(scenarioTextArb, (text) => checkRunnerOn(text));

/** The engine property: any commands on any valid cluster keep the invariants. */
export const engineProperty = fc.property(
  clusterArb,
  fc.array(anyCommandArb, { maxLength: 40 }),
  fc.nat(),
  (cluster, commands, seed) => checkEngineOn(cluster, commands, seed),
);

/** Long runs: thousands of well-formed commands in random order. */
export const longEngineProperty = fc.property(
  clusterArb,
  fc.array(commandArb, { minLength: 1000, maxLength: 3000 }),
  (cluster, commands) => checkEngineOn(cluster, commands),
);
