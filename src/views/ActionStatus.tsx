import { useLab } from '../store/useLab.ts';
import { describeCommand } from './describe-command.ts';

/** Says what the last action did, or why it failed, in a live region. */
export function ActionStatus() {
  const last = useLab((s) => s.lastAction);
  if (!last) return <p role="status" aria-live="polite" className="sr-only" />;
  const { command, result } = last;
  return (
    <p
      // A new element per action, so the same message twice in a row is announced twice.
      key={last.seq}
      role={result.ok ? 'status' : 'alert'}
      aria-live={result.ok ? 'polite' : 'assertive'}
      className={`rounded px-2 py-1 text-sm ${result.ok ? 'bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100' : 'bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-100'}`}
    >
      {describeCommand(command, result)}
    </p>
  );
}
