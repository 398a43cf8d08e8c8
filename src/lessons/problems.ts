/**
 * Problems an author can act on: a JSON path (`steps[3].goal.pod`) and a sentence.
 */

/** One problem found in a lesson, at a JSON path ("" is the whole file). */
export interface LessonProblem {
  readonly path: string;
  readonly message: string;
}

/** Formats a path of keys and indices as `steps[3].goal.pod`. */
export function formatPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][\w$]*$/.test(segment))
      out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

/** Joins a parent path and a child path: `joinPath('solution[2]', 'node')` → `solution[2].node`. */
export function joinPath(parent: string, child: string): string {
  if (child === '') return parent;
  if (parent === '') return child;
  if (child === parent || child.startsWith(`${parent}.`) || child.startsWith(`${parent}[`)) return child;
  return child.startsWith('[') ? `${parent}${child}` : `${parent}.${child}`;
}

/** Reads the value at a path of keys and indices, or undefined. */
export function valueAt(root: unknown, segments: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    if (typeof segment === 'symbol') return undefined;
    const key = String(segment);
    if (!Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The JSON type name of a value, as an author would say it. */
export function describeJsonType(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a whole number' : 'a number';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** A problem as one line, the way the browser lists it (`steps[3].goal.pod: …`; the CLI adds `FILE: `). */
export function formatProblem(problem: LessonProblem): string {
  return problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`;
}
