/**
 * The goal in the picture: which pods, nodes and devices a task's goal is about, each
 * marked "to do" or "met" as the lab checks its part of the goal. References use the
 * lesson's highlight syntax (`pod/NAME`, `node/NAME`, `device/NODE/DEV`), so the drawing
 * marks them as it marks a narrative step's highlight.
 */
import type { Goal } from './goal-schema.ts';
import type { GoalContext } from './goal-context.ts';
import { evaluateGoal, type GoalStatus } from './goals.ts';
import { parseEndpointRef } from './refs.ts';

/** One part of a goal (a leaf under `all`/`any`), its status and what it is about. */
export interface GoalPart {
  readonly status: GoalStatus;
  readonly refs: readonly string[];
}

function endpointRef(text: string): string | null {
  const ref = parseEndpointRef(text);
  if (ref.kind === 'node') return `node/${ref.name}`;
  if (ref.kind === 'pod') return `pod/${ref.namespace === null ? '' : `${ref.namespace}/`}${ref.name}`;
  return null;
}

/**
 * What a goal names, read from its fields rather than its type, so a goal type added later
 * is marked by the same rule: `pod`, the trace ends `from` and `to`, `device` (on `node`), `node`.
 */
function refsOf(goal: Goal): string[] {
  const fields = goal as unknown as Record<string, unknown>;
  const text = (key: string) => (typeof fields[key] === 'string' ? (fields[key] as string) : undefined);
  const refs: string[] = [];
  const pod = text('pod');
  if (pod !== undefined) refs.push(...[endpointRef(pod)].filter((r) => r !== null));
  for (const key of ['from', 'to']) {
    const end = text(key);
    const ref = end === undefined ? null : endpointRef(end);
    if (ref !== null) refs.push(ref);
  }
  const node = text('node');
  const device = text('device');
  if (device !== undefined && node !== undefined) refs.push(`device/${node}/${device}`);
  else if (node !== undefined) refs.push(`node/${node}`);
  return refs;
}

function leaves(goal: Goal): Goal[] {
  return goal.type === 'all' || goal.type === 'any' ? goal.goals.flatMap(leaves) : [goal];
}

/** The parts of a goal, each checked on its own: the checklist beside the text. */
export function goalParts(goal: Goal, ctx: GoalContext): GoalPart[] {
  return leaves(goal).map((leaf) => ({ status: evaluateGoal(leaf, ctx), refs: refsOf(leaf) }));
}

/**
 * The drawing's marks for a goal: `met` for what every part naming it has reached, `goal`
 * for the rest. A reference named by a met and an unmet part stays "to do".
 */
export function goalMarksOf(parts: readonly GoalPart[]): { goal: string[]; met: string[] } {
  const todo = new Set(parts.filter((p) => !p.status.met).flatMap((p) => p.refs));
  const met = new Set(parts.filter((p) => p.status.met).flatMap((p) => p.refs));
  return { goal: [...todo], met: [...met].filter((r) => !todo.has(r)) };
}
