/**
 * Parses untrusted JSON text (a lesson file, imported progress) with limits on size and
 * nesting depth, so a hostile or broken file gives a clear error instead of a frozen tab
 * or a stack overflow.
 */

/** Lesson files larger than this are refused (characters of text). */
export const MAX_JSON_CHARS = 512 * 1024;
/**
 * A file larger than this many bytes is refused unread (by `lab check` and the browser
 * alike): its text would hold more than MAX_JSON_CHARS characters whatever its encoding.
 */
export const MAX_READ_BYTES = 4 * MAX_JSON_CHARS;

/** The problem of a file too large to read, or null: the same words as `parseJsonSafely`'s. */
export function fileTooLargeToRead(bytes: number): string | null {
  return bytes > MAX_READ_BYTES
    ? `the file is too large (${bytes} bytes; at most ${MAX_JSON_CHARS} characters are accepted): split it into smaller lessons`
    : null;
}

/** Deeper nesting of arrays and objects than this is refused. */
export const MAX_JSON_DEPTH = 64;

export interface JsonLimits {
  readonly maxChars?: number;
  readonly maxDepth?: number;
  /** What the text is, for the messages (default a lesson). */
  readonly subject?: JsonSubject;
}

/** The kinds of text read through here; each message speaks of its own. */
export type JsonSubject = 'lesson' | 'scenario' | 'progress' | 'link';

const SUBJECT: Record<JsonSubject, { file: string; tooLarge: string; empty: string }> = {
  lesson: { file: 'the file', tooLarge: 'split it into smaller lessons', empty: 'a lesson is a JSON object' },
  scenario: {
    file: 'the file',
    tooLarge: 'split it into smaller scenarios',
    empty: 'a scenario is a JSON object',
  },
  progress: {
    file: 'the progress file',
    tooLarge: 'a progress file exported by the lab is far smaller: check that this is one',
    empty: 'a progress file is a JSON object',
  },
  link: { file: "the link's data", tooLarge: 'the link was not made by the lab', empty: 'it holds nothing' },
};

/** Is `value` a plain record (an object, not null, not an array)? */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type SafeJsonResult = { ok: true; value: unknown } | { ok: false; message: string };

/** The deepest nesting of `[` and `{` outside strings, stopping early once past `limit`. */
export function measureJsonDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

function lineAndColumn(text: string, position: number): string {
  let line = 1;
  let column = 1;
  for (let i = 0; i < position && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      column = 1;
    } else column++;
  }
  return `line ${line}, column ${column}`;
}

function describeSyntaxError(text: string, error: unknown, file: string): string {
  const raw = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(raw);
  const where = position?.[1] === undefined ? '' : ` at ${lineAndColumn(text, Number(position[1]))}`;
  const what = raw.replace(/\s*(in JSON )?at position \d+.*$/s, '').replace(/^JSON\.parse: /, '');
  return `${file} is not valid JSON${where}: ${what}. Check for a missing comma, quote or bracket`;
}

/** Parses JSON text within the limits; never throws. */
export function parseJsonSafely(text: string, limits: JsonLimits = {}): SafeJsonResult {
  const maxChars = limits.maxChars ?? MAX_JSON_CHARS;
  const maxDepth = limits.maxDepth ?? MAX_JSON_DEPTH;
  const subject = SUBJECT[limits.subject ?? 'lesson'];
  if (text.length > maxChars) {
    return {
      ok: false,
      message: `${subject.file} is too large (${text.length.toLocaleString('en-US')} characters; at most ${maxChars.toLocaleString('en-US')} are accepted): ${subject.tooLarge}`,
    };
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return { ok: false, message: `${subject.file} is empty: ${subject.empty}` };
  const depth = measureJsonDepth(body, maxDepth);
  if (depth > maxDepth) {
    return {
      ok: false,
      message: `${subject.file} nests arrays and objects more than ${maxDepth} levels deep: flatten it`,
    };
  }
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (error) {
    return { ok: false, message: describeSyntaxError(body, error, subject.file) };
  }
}
