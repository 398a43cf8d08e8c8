/**
 * Turns zod issues into problems an author can act on: the JSON path of the bad value and
 * a sentence that says what is wrong and what to write instead.
 */
import type { z } from 'zod';
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

function show(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
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
      return small ? `must be at least ${bound} characters long` : `must be at most ${bound} characters long`;
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

/** One problem per issue (one per unknown key), paths joined under `prefix`. */
export function zodIssuesToProblems(issues: readonly Issue[], input: unknown, prefix = ''): LessonProblem[] {
  const problems: LessonProblem[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push({
          path: joinPath(prefix, formatPath([...issue.path, key])),
          message: `unknown field "${key}": remove it or check its spelling`,
        });
      }
      continue;
    }
    problems.push({ path: joinPath(prefix, formatPath(issue.path)), message: messageFor(issue, input) });
  }
  return problems;
}
