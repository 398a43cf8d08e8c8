/**
 * The line being typed: text, cursor and history, as readline keeps them. Pure: the view
 * turns keys into these calls and prints what `render` says.
 */

export interface LineState {
  readonly text: string;
  readonly cursor: number;
  readonly history: readonly string[];
  /** Position in history while browsing with the arrows; history.length = the draft. */
  readonly index: number;
  readonly draft: string;
}

/** How many lines of history are kept. */
export const HISTORY_LIMIT = 500;

export function createLine(history: readonly string[] = []): LineState {
  return { text: '', cursor: 0, history, index: history.length, draft: '' };
}

export function insert(s: LineState, chars: string): LineState {
  let clean = '';
  for (const ch of chars.replace(/[\r\n]+/g, ' ')) {
    const code = ch.charCodeAt(0);
    if (code >= 0x20 && code !== 0x7f) clean += ch;
  }
  if (clean === '') return s;
  return {
    ...s,
    text: s.text.slice(0, s.cursor) + clean + s.text.slice(s.cursor),
    cursor: s.cursor + clean.length,
  };
}

export function backspace(s: LineState): LineState {
  if (s.cursor === 0) return s;
  return { ...s, text: s.text.slice(0, s.cursor - 1) + s.text.slice(s.cursor), cursor: s.cursor - 1 };
}

export function deleteForward(s: LineState): LineState {
  if (s.cursor >= s.text.length) return s;
  return { ...s, text: s.text.slice(0, s.cursor) + s.text.slice(s.cursor + 1) };
}

export function moveCursor(s: LineState, to: number): LineState {
  const cursor = Math.max(0, Math.min(s.text.length, to));
  return cursor === s.cursor ? s : { ...s, cursor };
}

/** Up (-1) or down (+1) through history; the typed draft comes back at the end. */
export function browse(s: LineState, step: -1 | 1): LineState {
  const index = Math.max(0, Math.min(s.history.length, s.index + step));
  if (index === s.index) return s;
  const draft = s.index === s.history.length ? s.text : s.draft;
  const text = index === s.history.length ? draft : (s.history[index] ?? '');
  return { ...s, index, draft, text, cursor: text.length };
}

/** Enter: the line to run, and a fresh line whose history has it (not twice in a row, not blank). */
export function submit(s: LineState): { line: string; next: LineState } {
  const line = s.text;
  const keep = line.trim() !== '' && s.history[s.history.length - 1] !== line;
  const history = keep ? [...s.history, line].slice(-HISTORY_LIMIT) : s.history;
  return { line, next: createLine(history) };
}

/** Replaces the whole text (tab completion), cursor at the end. */
export function replaceText(s: LineState, text: string): LineState {
  return { ...s, text, cursor: text.length };
}

/**
 * The escape sequence that redraws the line after the prompt: back to the prompt's end,
 * erase to the end of the screen, the text, the cursor moved back to its place.
 */
export function renderLine(prompt: string, s: LineState): string {
  const back = s.text.length - s.cursor;
  return `\r\u001b[0J${prompt}${s.text}${back > 0 ? `\u001b[${back}D` : ''}`;
}
