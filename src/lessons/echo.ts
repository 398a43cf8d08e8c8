/**
 * Text from a file or a link, as a message shows it: invisible and direction-changing
 * characters spelled out (`U+202E`), and a long value cut to its first 80 characters with
 * its length, so a message stays one readable line whatever was typed.
 */

/** How many characters of a value a message shows. */
export const ECHO_CHARS = 80;

/** Characters a message spells out: C0/C1 controls, bidi controls, marks and zero-width ones. */
// Control characters are what this pattern is for.
// eslint-disable-next-line no-control-regex
const HIDDEN = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

function spell(ch: string): string {
  return `<U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`;
}

/** `value` for a message: hidden characters spelled out, cut after 80 characters with its length. */
export function echo(value: string): string {
  const cut = value.length > ECHO_CHARS;
  // Cut on code points, not in the middle of a surrogate pair.
  const head = cut
    ? Array.from(value.slice(0, ECHO_CHARS + 1))
        .slice(0, ECHO_CHARS)
        .join('')
    : value;
  const shown = head.replace(HIDDEN, spell);
  return cut ? `${shown}… (${value.length.toLocaleString('en-US')} characters)` : shown;
}
