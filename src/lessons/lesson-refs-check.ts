/**
 * Meaning checks on references: every pod and node a goal, step, highlight, prediction or
 * solution trace names must exist in the cluster or be created by the solution.
 */
import type { Goal } from './goal-schema.ts';
import type { LessonInput } from './lesson-schema.ts';
import type { LessonProblem } from './problems.ts';
import { DEFAULT_NAMESPACE, parseEndpointRef } from './refs.ts';

/** The pods (`namespace/name`) and nodes a lesson can refer to. */
export interface KnownNames {
  readonly pods: ReadonlySet<string>;
  readonly podNames: ReadonlySet<string>;
  readonly nodes: ReadonlySet<string>;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Names from `cluster.nodes`, `cluster.pods` and the solution's addNode / schedulePod commands. */
export function collectKnownNames(lesson: LessonInput): KnownNames {
  const pods = new Set<string>();
  const podNames = new Set<string>();
  const nodes = new Set<string>();
  const addPod = (name: string | undefined, namespace: string | undefined): void => {
    if (name === undefined) return;
    pods.add(`${namespace ?? DEFAULT_NAMESPACE}/${name}`);
    podNames.add(name);
  };
  for (const node of lesson.cluster.nodes ?? []) nodes.add(node.name);
  for (const pod of lesson.cluster.pods ?? []) addPod(pod.name, pod.namespace);
  for (const command of lesson.solution) {
    if (command.type === 'addNode') {
      const name = str(command['name']);
      if (name !== undefined) nodes.add(name);
    }
    if (command.type === 'schedulePod') addPod(str(command['name']), str(command['namespace']));
  }
  return { pods, podNames, nodes };
}

function list(names: ReadonlySet<string>): string {
  if (names.size === 0) return 'there are none';
  const all = [...names];
  return `known: ${all.slice(0, 12).join(', ')}${all.length > 12 ? ', …' : ''}`;
}

/** Checks one reference and records a problem at `path` when it names nothing. */
export class RefChecker {
  readonly problems: LessonProblem[] = [];
  constructor(private readonly known: KnownNames) {}

  node(name: string, path: string): void {
    if (this.known.nodes.has(name)) return;
    this.problems.push({
      path,
      message: `node "${name}" is neither in cluster.nodes nor added by the solution: check the name (${list(this.known.nodes)})`,
    });
  }

  pod(ref: string, path: string): void {
    const parsed = parseEndpointRef(ref);
    if (parsed.kind !== 'pod') {
      this.problems.push({ path, message: `"${ref}" is not a pod: name a pod, e.g. "web" or "pod/web"` });
      return;
    }
    const found =
      parsed.namespace === null
        ? this.known.podNames.has(parsed.name)
        : this.known.pods.has(`${parsed.namespace}/${parsed.name}`);
    if (found) return;
    this.problems.push({
      path,
      message: `pod "${ref}" is neither in cluster.pods nor scheduled by the solution: check the name (${list(this.known.pods)})`,
    });
  }

  /** A trace endpoint: a pod, `node/NAME`, or (when `allowIp`) an IPv4 address. */
  endpoint(ref: string, path: string, allowIp: boolean): void {
    const parsed = parseEndpointRef(ref);
    if (parsed.kind === 'node') this.node(parsed.name, path);
    else if (parsed.kind === 'pod') this.pod(ref, path);
    else if (!allowIp)
      this.problems.push({ path, message: `a trace starts at a pod or a node, not at the address ${ref}` });
  }

  /** A highlight: `node/NAME`, `pod/NAME` or `device/NODE/DEVICE`. */
  highlight(ref: string, path: string): void {
    const [kind, first = '', ...rest] = ref.split('/');
    if (kind === 'node') this.node(first, path);
    else if (kind === 'pod') this.pod([first, ...rest].join('/'), path);
    else if (kind === 'device') this.node(first, path);
  }

  goal(goal: Goal, path: string): void {
    switch (goal.type) {
      case 'podHasIpIn':
      case 'podRunning':
      case 'podPending':
        this.pod(goal.pod, `${path}.pod`);
        return;
      case 'traceDelivered':
      case 'traceDropped':
      case 'tracePassedDevice':
      case 'traceEncapsulated':
      case 'traceArrivedWithSourceIp':
        if (goal.from !== undefined) this.endpoint(goal.from, `${path}.from`, false);
        if (goal.to !== undefined) this.endpoint(goal.to, `${path}.to`, true);
        if (goal.type === 'tracePassedDevice' && goal.node !== undefined)
          this.node(goal.node, `${path}.node`);
        return;
      case 'nodeHasRoute':
        this.node(goal.node, `${path}.node`);
        return;
      case 'actionFailed':
        return;
      case 'all':
      case 'any':
        goal.goals.forEach((g, i) => this.goal(g, `${path}.goals[${i}]`));
        return;
    }
  }

  lesson(lesson: LessonInput): void {
    lesson.cluster.pods?.forEach((pod, i) => {
      if (pod.node !== undefined) this.node(pod.node, `cluster.pods[${i}].node`);
    });
    lesson.steps.forEach((step, i) => {
      const path = `steps[${i}]`;
      if (step.type === 'narrative')
        step.highlight?.forEach((ref, j) => this.highlight(ref, `${path}.highlight[${j}]`));
      if (step.type === 'task') this.goal(step.goal, `${path}.goal`);
      if (step.type === 'predict') {
        this.endpoint(step.trace.from, `${path}.trace.from`, false);
        this.endpoint(step.trace.to, `${path}.trace.to`, true);
      }
    });
  }
}
