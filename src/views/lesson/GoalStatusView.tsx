import type { GoalPart } from '../../lessons/goal-marks.ts';
import type { GoalStatus } from '../../lessons/goals.ts';

/**
 * The task's goal, checked live: met or not, with what is still missing, and a checklist of
 * its parts when it has several (the drawing marks the same parts).
 */
export function GoalStatusView({ status, parts }: { status: GoalStatus; parts: readonly GoalPart[] }) {
  return (
    <div
      role="status"
      aria-live="polite"
      data-testid="goal-status"
      className={`mt-3 rounded border px-2 py-1.5 text-sm ${status.met ? 'border-emerald-600 bg-emerald-50 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-50' : 'border-slate-300 bg-white dark:border-slate-600 dark:bg-slate-900'}`}
    >
      <span className="font-semibold">{status.met ? '✓ Goal met' : '○ Goal not met yet'}</span>
      {parts.length > 1 ? (
        <ul aria-label="Parts of the goal" className="mt-1 space-y-0.5">
          {parts.map((part, i) => (
            <li key={i}>
              <span aria-hidden="true">{part.status.met ? '✓ ' : '○ '}</span>
              <span className="sr-only">{part.status.met ? 'done: ' : 'to do: '}</span>
              {part.status.detail}
            </li>
          ))}
        </ul>
      ) : (
        <span className="block">{status.detail}</span>
      )}
      {parts.some((p) => p.refs.length > 0) ? (
        <span className="mt-1 block text-xs text-slate-600 dark:text-slate-300">
          The drawing outlines the pods, nodes and devices the goal names (once they exist), green once met.
        </span>
      ) : null}
    </div>
  );
}
