/**
 * The headless runner: `npm run --silent lab -- run FILE [--summary]`.
 * Exit 0: the file is valid (failed actions are in the report); 1: invalid file, with the
 * JSON path of the problem; 2: usage error.
 */
import { readFileSync } from 'node:fs';
import {
  runParsedScenario,
  runScenario,
  scenarioTopProblems,
  type Command,
  type ScenarioOptions,
} from '../engine/index.ts';
import { execOnState, runShellScenario, type ScenarioAction } from '../shell/index.ts';
import { loadLesson } from '../lessons/load-lesson.ts';
import { runLessonSolution } from '../lessons/run-lesson.ts';
import { parseJsonSafely } from '../lessons/safe-json.ts';
import { checkLessonFiles } from './check-lessons.ts';

const USAGE = `usage: npm run --silent lab -- run FILE [--summary] [--timings]
       npm run lab -- check LESSON.json...

  run FILE   FILE is a scenario { "cluster": {...}, "actions": [...], "seed"?: n }
             or a lesson file: its cluster and solution are used, and the report
             adds goals: [{ step, met, detail }], one per task goal
  --summary  leave out per-node and per-pod route lists
  --timings  print on stderr the time of each phase (read, parse, validate, lesson,
             engine, report, stringify, print) and the peak memory
  check      validates lesson files; prints every problem as FILE: PATH: message

run prints one JSON report on stdout. Exit 0 valid file, 1 invalid file, 2 usage error.`;

/** Does the scenario or lesson have an exec action? */
function hasExec(input: unknown): boolean {
  if (typeof input !== 'object' || input === null) return false;
  const doc = input as Record<string, unknown>;
  const list = doc['actions'] ?? doc['solution'];
  return (
    Array.isArray(list) &&
    list.some(
      (a: unknown) => typeof a === 'object' && a !== null && (a as { type?: unknown }).type === 'exec',
    )
  );
}

/** A lesson file is recognised by its schemaVersion. */
function isLessonFile(input: unknown): boolean {
  return typeof input === 'object' && input !== null && Object.hasOwn(input, 'schemaVersion');
}

/** Scenarios may be larger than lessons (thousands of actions); the same parser, BOM accepted. */
export const SCENARIO_MAX_CHARS = 32 * 1024 * 1024;

/** Times the runner's phases for `--timings` (wall clock, milliseconds). */
class PhaseClock {
  private last = performance.now();
  /** Node's start-up and loading the runner come first (the clock starts with the process). */
  readonly phases: Array<[string, number]> = [['start', this.last]];

  /** Ends the phase `name` now. */
  mark(name: string): void {
    const now = performance.now();
    this.phases.push([name, now - this.last]);
    this.last = now;
  }

  /** One line: each phase, the total, the peak resident set and the heap in use. */
  line(): string {
    const total = performance.now();
    const parts = this.phases.map(([n, ms]) => `${n} ${ms.toFixed(0)} ms`);
    const usage = process.resourceUsage();
    const rss = usage.maxRSS / 1024;
    const cpu = (usage.userCPUTime + usage.systemCPUTime) / 1000;
    const heap = process.memoryUsage().heapUsed / 2 ** 20;
    return `timings: ${parts.join(', ')}; total ${total.toFixed(0)} ms, cpu ${cpu.toFixed(0)} ms; peak RSS ${rss.toFixed(0)} MB, heap used ${heap.toFixed(0)} MB`;
  }
}

/** Runs the CLI; returns the exit code. */
export function main(argv: readonly string[], out: (s: string) => void, err: (s: string) => void): number {
  const [cmd, ...rest] = argv;
  if (cmd === 'check') {
    const checked = checkLessonFiles(rest);
    (checked.exitCode === 0 ? out : err)(
      checked.output.replace(/\n$/, '') + (checked.exitCode === 0 ? '\n' : ''),
    );
    return checked.exitCode;
  }
  const summary = rest.includes('--summary');
  const clock = rest.includes('--timings') ? new PhaseClock() : null;
  const files = rest.filter((a) => a !== '--summary' && a !== '--timings');
  const unknown = files.find((a) => a.startsWith('-'));
  if (cmd !== 'run' || files.length !== 1 || unknown !== undefined) {
    if (unknown !== undefined) err(`unknown option: ${unknown}`);
    err(USAGE);
    return 2;
  }
  const file = files[0] ?? '';
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    err(`${file}: cannot read: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  clock?.mark('read');
  return runText(file, text, summary, out, err, clock);
}

/**
 * `run` on a file's text: exit 0 with the report on `out`, 1 with `FILE: PATH: message`
 * lines on `err`. A lesson goes through the validation `check` and the browser use.
 */
export function runText(
  file: string,
  text: string,
  summary: boolean,
  out: (s: string) => void,
  err: (s: string) => void,
  clock: PhaseClock | null = null,
): 0 | 1 {
  const json = parseJsonSafely(text, { maxChars: SCENARIO_MAX_CHARS, subject: 'scenario' });
  if (!json.ok) {
    err(`${file}: : ${json.message}`);
    return 1;
  }
  const input = json.value;
  clock?.mark('parse');
  const opts: ScenarioOptions = clock === null ? { summary } : { summary, mark: (p) => clock.mark(p) };
  let r: ReturnType<typeof runScenario>;
  let extra: { goals: StepRow[]; predictions: StepRow[] } | null = null;
  if (isLessonFile(input)) {
    const loaded = loadLesson({ name: file, text });
    if (!loaded.ok) {
      for (const p of loaded.problems) err(`${file}: ${p.path}: ${p.message}`);
      return 1;
    }
    const { lesson } = loaded;
    const run = runLessonSolution(lesson, execOnState);
    if (run.ok) {
      const rows = (kind: 'goal' | 'prediction'): StepRow[] =>
        run.checks
          .filter((c) => c.kind === kind)
          .map((c) => ({ step: c.step, met: c.met, ...(c.detail ? { detail: c.detail } : {}) }));
      extra = { goals: rows('goal'), predictions: rows('prediction') };
    }
    clock?.mark('lesson');
    // Validated with the lesson: the scenario phase has nothing left to check.
    clock?.mark('validate');
    // Terminal lines (exec actions) run in the shell; without any, the engine's runner.
    r = hasExec(input)
      ? runShellScenario(input, { summary })
      : runParsedScenario(
          { cluster: lesson.cluster, actions: lesson.solution.filter(isCommand), seed: lesson.seed },
          opts,
        );
  } else {
    const top = scenarioTopProblems(input);
    r =
      top.length > 0
        ? { ok: false, problems: top }
        : hasExec(input)
          ? runShellScenario(input, { summary })
          : runScenario(input, opts);
  }
  if (!r.ok) {
    for (const p of r.problems) err(`${file}: ${p.path}: ${p.message}`);
    return 1;
  }
  const report = extra ? { ...r.report, ...extra } : r.report;
  const body = `${JSON.stringify(report, null, 2)}\n`;
  clock?.mark('stringify');
  out(body);
  if (clock !== null) {
    clock.mark('print');
    err(clock.line());
  }
  return 0;
}

/** An engine command (a lesson without exec actions has only these). */
function isCommand(a: ScenarioAction): a is Command {
  return a.type !== 'exec';
}

/** A lesson step's verdict in the report. */
interface StepRow {
  step: string;
  met: boolean;
  detail?: string;
}

const isEntry = process.argv[1] !== undefined && /[\\/]cli[\\/]main\.ts$/.test(process.argv[1]);
if (isEntry) {
  process.exitCode = main(
    process.argv.slice(2),
    (s) => process.stdout.write(s),
    (s) => process.stderr.write(`${s}\n`),
  );
}
