import { own } from '../../engine/util/dict.ts';
import type { CourseEntry } from '../course-index.ts';
import { useStore } from 'zustand';
import { previewProgressStore, progressStore } from '../progress-storage.ts';

/** A lesson on the course page, with the student's progress; a file that cannot be listed shows why. */
export function LessonCard({
  entry,
  number,
  problems = [],
  alsoIn = [],
  preview = false,
}: {
  entry: CourseEntry;
  number: number | null;
  /** What the full validation of a preview found: shown first, before the title. */
  problems?: readonly string[];
  /** Other files with the same lesson id. */
  alsoIn?: readonly string[];
  /** A previewed file: its progress is the preview's, never the saved course lesson's of that id. */
  preview?: boolean;
}) {
  const saved = useStore(preview ? previewProgressStore : progressStore, (s) =>
    entry.ok ? own(s.progress.lessons, entry.id) : undefined,
  );
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
    <li
      className={`rounded border p-3 ${problems.length > 0 ? 'border-red-300 dark:border-red-800' : 'border-slate-200 dark:border-slate-700'}`}
    >
      {problems.length > 0 ? (
        <div className="mb-2 text-sm text-red-800 dark:text-red-300">
          <p className="font-semibold">
            {entry.file} has {problems.length} problem{problems.length === 1 ? '' : 's'}; it will not open
            until they are fixed:
          </p>
          <ul className="list-disc pl-5 font-mono text-xs">
            {problems.slice(0, 10).map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {alsoIn.length > 0 ? (
        <p className="mb-1 text-xs text-amber-900 dark:text-amber-200">
          Lesson id "{entry.id}" is in {entry.file} and in {alsoIn.join(', ')}
          {number === null
            ? ': this preview opens instead of the other.'
            : ': a preview with it opens instead.'}
        </p>
      ) : null}
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
