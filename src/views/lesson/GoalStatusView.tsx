import type { GoalStatus } from '../../lessons/goals.ts';

/** The task's goal, checked live: met or not, with what is still missing. */
export function GoalStatusView({ status }: { status: GoalStatus }) {
  return (
    <div
      role="status"
      aria-live="polite"
      data-testid="goal-status"
      className={`mt-3 rounded border px-2 py-1.5 text-sm ${status.met ? 'border-emerald-600 bg-emerald-50 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-50' : 'border-slate-300 bg-white dark:border-slate-600 dark:bg-slate-900'}`}
    >
      <span className="font-semibold">{status.met ? '✓ Goal met' : '○ Goal not met yet'}</span>
      <span className="block">{status.detail}</span>
    </div>
  );
}
