/**
 * A small validator toolkit for `unknown` input: each check reports problems with the
 * JSON path of the bad value (`actions[2].node: expected a string`).
 */
import { dict } from '../util/dict.ts';
import { closestName, unknownFieldMessage } from './suggest.ts';
import type { Problem } from './result.ts';

/** A validator: returns the value or `undefined` after pushing problems. */
export type Check<T> = (value: unknown, path: string, problems: Problem[]) => T | undefined;

/** Joins a path and a key the way the runner prints them. */
export function at(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** How a bad value is named in a message: `number 7`, `an array`, `nothing`. */
export function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  const text = JSON.stringify(v) ?? String(v);
  return `${typeof v} ${text.length > 80 ? `${text.slice(0, 77)}...` : text}`;
}

/** A string, optionally matching a pattern (with a human description). */
export function str(pattern?: RegExp, what?: string): Check<string> {
  return (v, path, problems) => {
    if (typeof v !== 'string') {
      problems.push({ path, message: `expected a string, got ${describe(v)}` });
      return undefined;
    }
    if (pattern !== undefined && !pattern.test(v)) {
      const shown = v.length > 80 ? `${v.slice(0, 77)}...` : v;
      problems.push({
        path,
        message: `expected ${what ?? `a string matching ${String(pattern)}`}, got ${JSON.stringify(shown)}`,
      });
      return undefined;
    }
    return v;
  };
}

/** An integer in [min, max]. */
export function int(min: number, max: number): Check<number> {
  return (v, path, problems) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      problems.push({ path, message: `expected an integer from ${min} to ${max}, got ${describe(v)}` });
      return undefined;
    }
    return v;
  };
}

/** A boolean. */
export const bool: Check<boolean> = (v, path, problems) => {
  if (typeof v !== 'boolean') {
    problems.push({ path, message: `expected true or false, got ${describe(v)}` });
    return undefined;
  }
  return v;
};

/** One of some literals. */
export function oneOf<T extends string>(values: readonly T[]): Check<T> {
  return (v, path, problems) => {
    if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
      const near = typeof v === 'string' ? closestName(v, values) : undefined;
      problems.push({
        path,
        message: `expected one of ${values.map((x) => `"${x}"`).join(', ')}, got ${describe(v)}${near === undefined ? '' : `; did you mean "${near}"?`}`,
      });
      return undefined;
    }
    return v as T;
  };
}

/** An array of items; with `limit`, one that is longer is refused before any item is read. */
export function arrayOf<T>(item: Check<T>, limit?: { max: number; what: string; why: string }): Check<T[]> {
  return (v, path, problems) => {
    if (!Array.isArray(v)) {
      problems.push({ path, message: `expected an array, got ${describe(v)}` });
      return undefined;
    }
    if (limit !== undefined && v.length > limit.max) {
      const n = (x: number) => x.toLocaleString('en-US');
      problems.push({
        path,
        message: `${n(v.length)} ${limit.what}; a cluster holds at most ${n(limit.max)} ${limit.what} (${limit.why})`,
      });
      return undefined;
    }
    const before = problems.length;
    let same = true;
    const out = v.map((x, i) => {
      const r = item(x, at(path, i), problems);
      if (r !== x) same = false;
      return r;
    });
    if (problems.length !== before) return undefined;
    return (same ? v : out) as T[];
  };
}

/** A record of string values. */
export function stringMap(): Check<Record<string, string>> {
  return (v, path, problems) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      problems.push({ path, message: `expected an object of strings, got ${describe(v)}` });
      return undefined;
    }
    const out: Record<string, string> = dict();
    for (const [k, x] of Object.entries(v)) {
      if (typeof x !== 'string')
        problems.push({ path: at(path, k), message: `expected a string, got ${describe(x)}` });
      else out[k] = x;
    }
    return out;
  };
}

type Fields = Record<string, { check: Check<unknown>; required: boolean }>;
type Out<F extends Fields> = {
  [K in keyof F as F[K]['required'] extends true ? K : never]: F[K]['check'] extends Check<infer T>
    ? T
    : never;
} & {
  [K in keyof F as F[K]['required'] extends true ? never : K]?: F[K]['check'] extends Check<infer T>
    ? T
    : never;
};

/** A required field. */
export function req<T>(check: Check<T>): { check: Check<T>; required: true } {
  return { check, required: true };
}
/** An optional field (absent keys stay absent). */
export function opt<T>(check: Check<T>): { check: Check<T>; required: false } {
  return { check, required: false };
}

/** An object with known fields; unknown fields are reported. */
export function object<F extends Fields>(fields: F, allowExtra: readonly string[] = []): Check<Out<F>> {
  return (v, path, problems) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      problems.push({ path, message: `expected an object, got ${describe(v)}` });
      return undefined;
    }
    const before = problems.length;
    const input = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    // The input itself is returned when it is already exactly the validated shape.
    let same = true;
    for (const k of Object.keys(fields)) {
      const f = fields[k];
      if (f === undefined) continue;
      const value = Object.hasOwn(input, k) ? input[k] : undefined;
      if (value === undefined) {
        if (Object.hasOwn(input, k)) same = false;
        if (f.required) problems.push({ path: at(path, k), message: 'is required' });
        continue;
      }
      const r = f.check(value, at(path, k), problems);
      if (r !== undefined) out[k] = r;
      if (r !== value) same = false;
    }
    for (const k of Object.keys(input)) {
      if (!Object.hasOwn(fields, k) && !allowExtra.includes(k))
        problems.push({
          path: at(path, k),
          message: unknownFieldMessage(k, [...Object.keys(fields), ...allowExtra]),
        });
    }
    if (problems.length !== before) return undefined;
    return (same ? input : out) as Out<F>;
  };
}
