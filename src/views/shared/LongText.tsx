import { useState } from 'react';

/** Longer messages than this are cut to their start, with a "Show all" toggle. */
const SHORT = 220;

/** A message that wraps inside its box; a long one shows its start until the student asks for all of it. */
export function LongText({ text }: { text: string }) {
  const [all, setAll] = useState(false);
  const long = text.length > SHORT;
  return (
    <span className="min-w-0 break-words [overflow-wrap:anywhere]">
      {long && !all ? `${text.slice(0, SHORT).trimEnd()}…` : text}
      {long ? (
        <>
          {' '}
          <button
            type="button"
            aria-expanded={all}
            className="font-semibold whitespace-nowrap underline"
            onClick={() => setAll(!all)}
          >
            {all ? 'Show less' : 'Show all'}
          </button>
        </>
      ) : null}
    </span>
  );
}
