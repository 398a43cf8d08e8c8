import { useLab } from '../store/useLab.ts';

/** Tells the student what the lab did on its own, and why a link's setting was not used. */
export function NoticeBar({ linkProblems }: { linkProblems: readonly string[] }) {
  const notice = useLab((s) => s.notice);
  const notify = useLab((s) => s.notify);
  return (
    <>
      {linkProblems.length > 0 ? (
        <div
          role="alert"
          className="rounded border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-50"
        >
          <p className="font-semibold">Some settings in this link were not understood:</p>
          <ul className="list-disc pl-5">
            {linkProblems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {notice ? (
        <div
          role={notice.tone === 'error' ? 'alert' : 'status'}
          className={`flex items-start justify-between gap-2 rounded px-3 py-2 text-sm ${notice.tone === 'error' ? 'bg-red-50 text-red-950 dark:bg-red-950 dark:text-red-50' : 'bg-sky-50 text-sky-950 dark:bg-sky-950 dark:text-sky-50'}`}
        >
          <p>{notice.text}</p>
          <button type="button" className="underline" onClick={() => notify(null)}>
            Dismiss
          </button>
        </div>
      ) : null}
    </>
  );
}
