/**
 * Turns zod issues into problems an author can act on: the JSON path of the bad value and
 * a sentence that says what is wrong and what to write instead.
 */
import type { z } from 'zod';
import { unknownFieldMessage } from '../engine/spec/suggest.ts';
import { echo } from './echo.ts';
import { describeJsonType, formatPath, joinPath, valueAt, type LessonProblem } from './problems.ts';

type Issue = z.core.$ZodIssue;

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
};

function quoteList(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

/** A value as a message quotes it: a string cut to 80 characters, hidden characters spelled out. */
function show(value: unknown): string {
  if (typeof value === 'string') return `"${echo(value)}"`;
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return echo(text);
}

function lastKey(path: readonly PropertyKey[]): string {
  const key = path[path.length - 1];
  return typeof key === 'string' ? `"${key}"` : 'this value';
}

function sizeMessage(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>, value: unknown): string {
  const small = issue.code === 'too_small';
  const bound = Number(small ? issue.minimum : issue.maximum);
  switch (issue.origin) {
    case 'array':
      return small
        ? `needs at least ${bound} item${bound === 1 ? '' : 's'} (it has ${Array.isArray(value) ? value.length : 0})`
        : `may have at most ${bound} items`;
    case 'string':
      if (small && bound === 1) return 'must not be empty';
      return small
        ? `must be at least ${bound} characters long`
        : `must be at most ${bound.toLocaleString('en-US')} characters long (it is ${show(value)})`;
    default:
      return `must be ${small ? 'at least' : 'at most'} ${bound} (it is ${show(value)})`;
  }
}

function messageFor(issue: Issue, input: unknown): string {
  const value = valueAt(input, issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      if (value === undefined) return `${lastKey(issue.path)} is missing: add it (${expected})`;
      return `must be ${expected}, but it is ${describeJsonType(value)}`;
    }
    case 'invalid_union': {
      if ('discriminator' in issue && typeof issue.discriminator === 'string') {
        const options = 'options' in issue && Array.isArray(issue.options) ? issue.options : [];
        if (value === undefined)
          return `"${issue.discriminator}" is missing: it must be one of ${quoteList(options)}`;
        return `unknown ${issue.discriminator} ${show(value)}: use one of ${quoteList(options)}`;
      }
      return `does not match any allowed shape (${issue.message})`;
    }
    case 'invalid_value':
      if (value === undefined)
        return `${lastKey(issue.path)} is missing: it must be ${issue.values.length === 1 ? show(issue.values[0]) : `one of ${quoteList(issue.values)}`}`;
      return issue.values.length === 1
        ? `must be ${show(issue.values[0])} (it is ${show(value)})`
        : `must be one of ${quoteList(issue.values)} (it is ${show(value)})`;
    case 'too_small':
    case 'too_big':
      return sizeMessage(issue, value);
    case 'invalid_format':
      return `${show(value)} ${issue.message}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'unrecognized_keys':
      return ''; // expanded per key by zodIssuesToProblems
    default:
      return issue.message;
  }
}

/** The parts of a zod schema's definition the key lookup walks (zod 4's `_zod.def`). */
interface SchemaDef {
  readonly type: string;
  readonly shape?: Readonly<Record<string, SchemaLike>>;
  readonly innerType?: SchemaLike;
  readonly element?: SchemaLike;
  readonly options?: readonly SchemaLike[];
  readonly discriminator?: string;
  readonly getter?: () => SchemaLike;
  readonly in?: SchemaLike;
}
interface SchemaLike {
  readonly _zod: { readonly def: SchemaDef };
}

/** The object schemas `schema` can be at `value` (a discriminated union picks its variant by the value). */
function objectSchemas(schema: SchemaLike, value: unknown, depth = 0): SchemaDef[] {
  const def = schema._zod.def;
  if (depth > 20) return [];
  switch (def.type) {
    case 'object':
      return [def];
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      return def.innerType ? objectSchemas(def.innerType, value, depth + 1) : [];
    case 'lazy':
      return def.getter ? objectSchemas(def.getter(), value, depth + 1) : [];
    case 'pipe':
      return def.in ? objectSchemas(def.in, value, depth + 1) : [];
    case 'union': {
      const options = def.options ?? [];
      const key = def.discriminator;
      const tag =
        key !== undefined && typeof value === 'object' && value !== null && Object.hasOwn(value, key)
          ? (value as Record<string, unknown>)[key]
          : undefined;
      const all = options.flatMap((o) => objectSchemas(o, value, depth + 1));
      const picked = all.filter((d) => {
        const lit = key === undefined ? undefined : d.shape?.[key]?._zod.def;
        return lit !== undefined && (lit as { values?: readonly unknown[] }).values?.includes(tag) === true;
      });
      return picked.length > 0 ? picked : all;
    }
    default:
      return [];
  }
}

/** The field names the schema knows for the object at `path` of `input`. */
function knownKeysAt(schema: SchemaLike, input: unknown, path: readonly PropertyKey[]): string[] {
  let current: SchemaLike[] = [schema];
  let value: unknown = input;
  for (const segment of path) {
    value = valueAt(value, [segment]);
    const next: SchemaLike[] = [];
    for (const s of current) {
      const parentValue = value;
      for (const def of objectSchemas(s, parentValue)) {
        const child = typeof segment === 'string' ? def.shape?.[segment] : undefined;
        if (child) next.push(child);
      }
      const def = s._zod.def;
      const arrayOf = def.type === 'array' ? def.element : undefined;
      const inner = def.innerType?._zod.def.type === 'array' ? def.innerType._zod.def.element : undefined;
      if (typeof segment === 'number' && (arrayOf ?? inner)) next.push((arrayOf ?? inner) as SchemaLike);
    }
    current = next;
  }
  return [
    ...new Set(current.flatMap((s) => objectSchemas(s, value).flatMap((d) => Object.keys(d.shape ?? {})))),
  ];
}

/**
 * One bound per value: `z.int().max(4294967295)` reports both its own limit and the safe
 * integer range for 1e300; only the tighter one is said.
 */
function tightestBounds(issues: readonly Issue[]): Issue[] {
  const best = new Map<string, Issue>();
  const keyOf = (i: Issue) => `${i.code}\u0000${formatPath(i.path)}`;
  const bound = (i: Issue) =>
    Number(i.code === 'too_big' ? i.maximum : i.code === 'too_small' ? i.minimum : 0);
  for (const issue of issues) {
    if (issue.code !== 'too_big' && issue.code !== 'too_small') continue;
    const seen = best.get(keyOf(issue));
    const tighter =
      seen === undefined ||
      (issue.code === 'too_big' ? bound(issue) < bound(seen) : bound(issue) > bound(seen));
    if (tighter) best.set(keyOf(issue), issue);
  }
  return issues.filter((i) => (i.code !== 'too_big' && i.code !== 'too_small') || best.get(keyOf(i)) === i);
}

/** One problem per issue (one per unknown key), paths joined under `prefix`. */
export function zodIssuesToProblems(
  issues: readonly Issue[],
  input: unknown,
  prefix = '',
  schema?: SchemaLike,
): LessonProblem[] {
  const problems: LessonProblem[] = [];
  for (const issue of tightestBounds(issues)) {
    if (issue.code === 'unrecognized_keys') {
      const known = schema === undefined ? [] : knownKeysAt(schema, input, issue.path);
      for (const key of issue.keys) {
        problems.push({
          path: joinPath(prefix, formatPath([...issue.path, key])),
          message: unknownFieldMessage(key, known),
        });
      }
      continue;
    }
    problems.push({ path: joinPath(prefix, formatPath(issue.path)), message: messageFor(issue, input) });
  }
  return problems;
}
