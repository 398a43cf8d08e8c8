import type { CourseEntry } from '../course-index.ts';
import { useProgress } from '../progress-storage.ts';

/** A lesson on the course page, with the student's progress; a file that cannot be listed shows why. */
export function LessonCard({ entry, number }: { entry: CourseEntry; number: number | null }) {
  const saved = useProgress((s) => (entry.ok ? s.progress.lessons[entry.id] : undefined));
  if (!entry.ok) {
    return (
      <li className="rounded border border-red-300 p-3 dark:border-red-800">
        <p className="font-semibold">{entry.file}</p>
        <p className="text-sm text-red-800 dark:text-red-300">
          This lesson cannot be opened: {entry.problem}
        </p>
      </li>
    );
  }
  const done = saved ? saved.completed.filter((id) => entry.stepIds.includes(id)).length : 0;
  const total = entry.stepIds.length;
  const resume = saved ? Math.min(saved.step + 1, total) : 1;
  return (
    <li className="rounded border border-slate-200 p-3 dark:border-slate-700">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h4 className="font-semibold">
          <a
            href={`#/lesson/${entry.id}/${resume}`}
            className="underline decoration-dotted hover:decoration-solid"
          >
            {number === null ? '' : `${number}. `}
            {entry.title}
          </a>
          {number === null ? (
            <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs text-amber-950">preview</span>
          ) : null}
        </h4>
        <span className="text-xs">
          {done === total && total > 0 ? '✓ completed' : `${done} of ${total} steps done`}
        </span>
      </div>
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">{entry.summary}</p>
      <div className="mt-2 h-1.5 rounded bg-slate-200 dark:bg-slate-700" aria-hidden="true">
        <div
          className="h-1.5 rounded bg-blue-700"
          style={{ width: `${total ? (100 * done) / total : 0}%` }}
        />
      </div>
    </li>
  );
}
