import { useState } from 'react';
import { Markdown } from './Markdown.tsx';

/** Hints revealed one at a time, so a student takes only as much help as needed. */
export function Hints({ hints }: { hints: readonly string[] }) {
  const [shown, setShown] = useState(0);
  if (hints.length === 0) return null;
  return (
    <div className="mt-3">
      {hints.slice(0, shown).map((h, i) => (
        // A hint may hold a code block (a whole manifest), so it is block Markdown.
        <div
          key={i}
          className="mt-1 rounded bg-sky-50 px-2 py-1 text-sm text-sky-950 dark:bg-sky-950 dark:text-sky-50"
        >
          <span className="font-semibold">Hint {i + 1}:</span> <Markdown text={h} />
        </div>
      ))}
      {shown < hints.length ? (
        <button type="button" className="mt-2 text-sm underline" onClick={() => setShown(shown + 1)}>
          {shown === 0 ? 'Show a hint' : 'Show another hint'} ({hints.length - shown} left)
        </button>
      ) : null}
    </div>
  );
}
