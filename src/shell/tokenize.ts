/**
 * Splitting a command line into words as a POSIX shell does for simple commands: blanks
 * separate words, single quotes keep everything literally, double quotes keep blanks and
 * allow `\"` and `\\`, a backslash outside quotes escapes the next character. No variables,
 * globs or pipes: the lab's shell runs one program per line.
 */

export type TokenizeResult =
  | { readonly ok: true; readonly words: readonly string[]; readonly background: boolean }
  | { readonly ok: false; readonly message: string };

/** Splits `line` into words; an unterminated quote is bash's own error. */
export function tokenize(line: string): TokenizeResult {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const ch = line[i] ?? '';
    if (ch === ' ' || ch === '\t') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i += 1;
      continue;
    }
    if (ch === '#' && !inWord) break;
    inWord = true;
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { ok: false, message: "bash: unexpected EOF while looking for matching `''" };
      word += line.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      let closed = false;
      while (j < line.length) {
        const c = line[j] ?? '';
        if (c === '\\' && (line[j + 1] === '"' || line[j + 1] === '\\')) {
          word += line[j + 1];
          j += 2;
          continue;
        }
        if (c === '"') {
          closed = true;
          break;
        }
        word += c;
        j += 1;
      }
      if (!closed) return { ok: false, message: 'bash: unexpected EOF while looking for matching `"\'' };
      i = j + 1;
      continue;
    }
    if (ch === '\\') {
      word += line[i + 1] ?? '';
      i += 2;
      continue;
    }
    word += ch;
    i += 1;
  }
  if (inWord) words.push(word);
  const last = words[words.length - 1];
  const background = last === '&';
  if (background) words.pop();
  return { ok: true, words, background };
}

/** Splits argv at the first `--`: what comes before, and the words after it (or null). */
export function splitAtDashDash(argv: readonly string[]): { before: string[]; after: string[] | null } {
  const at = argv.indexOf('--');
  if (at < 0) return { before: [...argv], after: null };
  return { before: argv.slice(0, at), after: argv.slice(at + 1) };
}
