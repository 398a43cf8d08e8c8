/**
 * Meaning checks on a lesson whose structure is valid: the cluster and the solution through
 * the engine's own parsers, unique ids and names, references, CIDRs, quiz and prediction
 * consistency. Every problem is reported, each with its JSON path.
 */
import { Address4 } from 'ip-address/dist/ipv4.js';
import type { Goal } from './goal-schema.ts';
import { collectKnownNames, RefChecker } from './lesson-refs-check.ts';
import type { LessonOf } from './lesson-parser.ts';
import type { LessonInput, PredictStep, QuizStep } from './lesson-schema.ts';
import { isSameAnswer } from './prediction.ts';
import { joinPath, type LessonProblem } from './problems.ts';

/** What the engine's `parseClusterSpec` and `parseCommand` return. */
export type EngineParsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly { readonly path: string; readonly message: string }[] };

/** The engine's validators, injected so this layer can be tested without the engine. */
export interface LessonEngine<Spec, Cmd> {
  parseClusterSpec(input: unknown, path?: string): EngineParsed<Spec>;
  parseCommand(input: unknown, path?: string): EngineParsed<Cmd>;
  /**
   * Last, on a lesson valid so far: builds the cluster with the engine and replays the
   * solution; one problem per goal or prediction it does not meet (naming the step).
   */
  checkReplay?(lesson: LessonOf<Spec, Cmd>): readonly LessonProblem[];
}

function checkDuplicates(
  values: readonly string[],
  path: (i: number) => string,
  what: string,
): LessonProblem[] {
  const first = new Map<string, number>();
  const problems: LessonProblem[] = [];
  values.forEach((value, i) => {
    const earlier = first.get(value);
    if (earlier === undefined) first.set(value, i);
    else
      problems.push({
        path: path(i),
        message: `${what} "${value}" is already used by ${path(earlier)}: ${what}s must be unique`,
      });
  });
  return problems;
}

/** Parses a CIDR for a check; an error message when it does not parse or has host bits set. */
export function checkCidr(text: string): { ok: true; address: Address4 } | { ok: false; message: string } {
  if (!text.includes('/') || !Address4.isValid(text)) {
    return {
      ok: false,
      message: `"${text}" is not an IPv4 CIDR: write it as a.b.c.d/n, e.g. "10.244.1.0/24"`,
    };
  }
  const address = new Address4(text);
  const start = address.startAddress().correctForm();
  if (start !== new Address4(text.slice(0, text.indexOf('/'))).correctForm()) {
    return {
      ok: false,
      message: `"${text}" has host bits set: the network is "${start}/${address.subnetMask}"`,
    };
  }
  return { ok: true, address };
}

function checkGoalValues(goal: Goal, path: string, problems: LessonProblem[]): void {
  if (goal.type === 'podHasIpIn') {
    const parsed = checkCidr(goal.cidr);
    if (!parsed.ok) problems.push({ path: `${path}.cidr`, message: parsed.message });
  }
  if (goal.type === 'traceEncapsulated' && goal.kind === 'ipip' && goal.vni !== undefined) {
    problems.push({ path: `${path}.vni`, message: 'IP-in-IP has no VNI: remove "vni" or use kind "vxlan"' });
  }
  if (goal.type === 'all' || goal.type === 'any')
    goal.goals.forEach((g, i) => checkGoalValues(g, `${path}.goals[${i}]`, problems));
}

function checkQuiz(step: QuizStep, path: string, problems: LessonProblem[]): void {
  problems.push(
    ...checkDuplicates(
      step.choices.map((c) => c.id),
      (i) => `${path}.choices[${i}].id`,
      'choice id',
    ),
  );
  const correct = step.choices.filter((c) => c.correct).length;
  if (correct === 0)
    problems.push({
      path: `${path}.choices`,
      message: 'no choice is marked "correct": true; mark the right answer',
    });
  else if (correct > 1 && step.multiple !== true) {
    problems.push({
      path: `${path}.choices`,
      message: `${correct} choices are correct but "multiple" is not true: set "multiple": true or keep one right answer`,
    });
  }
}

function checkPredict(step: PredictStep, path: string, problems: LessonProblem[]): void {
  if (step.ask.kind === 'ip' && step.ask.field === undefined) {
    problems.push({
      path: `${path}.ask.field`,
      message: 'kind "ip" needs "field": "src" or "dst" (which address to predict)',
    });
  }
  if (step.ask.kind !== 'ip' && step.ask.field !== undefined) {
    problems.push({
      path: `${path}.ask.field`,
      message: `"field" applies only to kind "ip": remove it for kind "${step.ask.kind}"`,
    });
  }
  if (step.choices && !step.choices.some((c) => isSameAnswer(c, step.answer))) {
    problems.push({
      path: `${path}.answer`,
      message: `the answer "${step.answer}" is not one of the choices: add it to "choices"`,
    });
  }
  if (step.trace.protocol === 'icmp' && step.trace.port !== undefined) {
    problems.push({
      path: `${path}.trace.port`,
      message: 'ICMP has no ports: remove "port" or use tcp, udp or sctp',
    });
  }
}

function checkClusterCidrs(cluster: LessonInput['cluster'], problems: LessonProblem[]): void {
  const fields = ['clusterCIDR', 'serviceCIDR', 'underlayCIDR'] as const;
  const parsed: { field: string; text: string; address: Address4 }[] = [];
  for (const field of fields) {
    const text = cluster[field];
    if (text === undefined) continue;
    // Whether a CIDR parses, and what host bits mean, is the engine's to say (createCluster,
    // in the replay); here a CIDR with host bits counts as its network.
    if (text.includes('/') && Address4.isValid(text))
      parsed.push({ field, text, address: new Address4(text) });
  }
  for (let i = 0; i < parsed.length; i++) {
    for (let j = i + 1; j < parsed.length; j++) {
      const a = parsed[i];
      const b = parsed[j];
      if (!a || !b) continue;
      if (a.address.isInSubnet(b.address) || b.address.isInSubnet(a.address)) {
        problems.push({
          path: `cluster.${b.field}`,
          message: `${b.field} ${b.text} overlaps ${a.field} ${a.text}: pods, services and nodes need separate ranges`,
        });
      }
    }
  }
}

/** Runs every meaning check; returns the problems and the engine's parsed cluster and commands. */
export function validateLessonMeaning<Spec, Cmd>(
  lesson: LessonInput,
  engine: LessonEngine<Spec, Cmd>,
): { problems: LessonProblem[]; cluster: Spec | null; solution: Cmd[] | null } {
  const problems: LessonProblem[] = [];

  const cluster = engine.parseClusterSpec(lesson.cluster, 'cluster');
  if (!cluster.ok)
    problems.push(
      ...cluster.problems.map((p) => ({ path: joinPath('cluster', p.path), message: p.message })),
    );
  checkClusterCidrs(lesson.cluster, problems);
  problems.push(
    ...checkDuplicates(
      (lesson.cluster.nodes ?? []).map((n) => n.name),
      (i) => `cluster.nodes[${i}].name`,
      'node name',
    ),
  );
  const podKeys = (lesson.cluster.pods ?? []).map((p) => `${p.namespace ?? 'default'}/${p.name}`);
  problems.push(...checkDuplicates(podKeys, (i) => `cluster.pods[${i}].name`, 'pod'));

  const solution: Cmd[] = [];
  lesson.solution.forEach((command, i) => {
    const path = `solution[${i}]`;
    const parsed = engine.parseCommand(command, path);
    if (parsed.ok) solution.push(parsed.value);
    else problems.push(...parsed.problems.map((p) => ({ path: joinPath(path, p.path), message: p.message })));
  });

  problems.push(
    ...checkDuplicates(
      lesson.steps.map((s) => s.id),
      (i) => `steps[${i}].id`,
      'step id',
    ),
  );
  lesson.steps.forEach((step, i) => {
    const path = `steps[${i}]`;
    if (step.type === 'task') checkGoalValues(step.goal, `${path}.goal`, problems);
    if (step.type === 'quiz') checkQuiz(step, path, problems);
    if (step.type === 'predict') checkPredict(step, path, problems);
  });
  if (!lesson.steps.some((s) => s.type === 'task') && lesson.solution.length > 0) {
    problems.push({
      path: 'solution',
      message: 'the lesson has a solution but no task step: add a task or remove the solution',
    });
  }

  const refs = new RefChecker(collectKnownNames(lesson));
  refs.lesson(lesson);
  problems.push(...refs.problems);

  const ok = problems.length === 0;
  return { problems, cluster: ok && cluster.ok ? cluster.value : null, solution: ok ? solution : null };
}
