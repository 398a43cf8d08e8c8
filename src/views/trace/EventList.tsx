import { useEffect, useRef } from 'react';
import { useLab } from '../../store/useLab.ts';
import { describeEvent } from './describe-event.ts';

/** One row per hop, in step with the animation; choosing a row jumps there. */
export function EventList() {
  const trace = useLab((s) => s.trace);
  const cursor = useLab((s) => s.cursor);
  const seek = useLab((s) => s.seek);
  const current = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    // Keep the current row in view inside the list only: the page itself must not jump.
    const row = current.current;
    const box = list.current;
    if (!row || !box) return;
    const top = row.offsetTop;
    if (top < box.scrollTop) box.scrollTop = top;
    else if (top + row.offsetHeight > box.scrollTop + box.clientHeight)
      box.scrollTop = top + row.offsetHeight - box.clientHeight;
  }, [cursor]);
  if (!trace) return null;
  const total = trace.events.length;
  // The concrete fix stays folded: the reason says what is missing, a lesson may ask the student to find it.
  const fix = trace.result.delivered ? trace.result.reply?.dropFix : trace.result.dropFix;
  const now = trace.events[cursor];
  const verdict = trace.result.delivered
    ? `Delivered${trace.result.reply ? (trace.result.reply.delivered ? ', and the reply came back' : `, but the reply was dropped: ${trace.result.reply.dropReason ?? ''}`) : ''}.`
    : `Dropped: ${trace.result.dropReason ?? 'no reason given'}`;
  return (
    <section aria-labelledby="events-heading" className="min-w-0">
      <h3 id="events-heading" className="text-sm font-semibold">
        Trace events
      </h3>
      <p
        className={`mt-1 text-sm ${trace.result.delivered ? 'text-emerald-800 dark:text-emerald-300' : 'text-red-800 dark:text-red-300'}`}
      >
        {trace.result.delivered ? '✓ ' : '✗ '}
        {verdict}
      </p>
      {fix ? (
        <details className="mt-1 text-sm">
          <summary className="cursor-pointer underline">Show a fix</summary>
          <p className="mt-1 font-mono text-xs break-words">{fix}</p>
        </details>
      ) : null}
      <p aria-live="polite" className="sr-only">
        {now ? describeEvent(now, cursor, total) : ''}
      </p>
      <ol
        ref={list}
        aria-label="Trace events"
        className="relative mt-2 h-72 space-y-0.5 overflow-auto text-xs [contain:strict]"
      >
        {trace.events.map((event, i) => {
          const active = i === cursor;
          return (
            <li key={`${event.leg}-${event.index}`}>
              <button
                type="button"
                ref={active ? current : undefined}
                aria-current={active ? 'step' : undefined}
                onClick={() => seek(i)}
                className={`w-full rounded px-2 py-1 text-left ${active ? 'bg-blue-100 ring-2 ring-blue-700 dark:bg-blue-950' : 'hover:bg-slate-100 dark:hover:bg-slate-800'} ${event.drop ? 'border-l-4 border-red-700' : ''}`}
              >
                <span className="font-mono font-semibold">
                  {i + 1}. {event.leg === 'reply' ? '↩ ' : ''}
                  {event.hop.where} · {event.hop.device}
                </span>
                <span className="block">{event.hop.note}</span>
                {event.drop ? (
                  <span className="block font-semibold text-red-800 dark:text-red-300">
                    Dropped: {event.drop}
                  </span>
                ) : null}
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
