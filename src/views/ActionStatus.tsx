import { useLab } from '../store/useLab.ts';
import { describeOutcome, type Outcome } from './describe-command.ts';
import { LongText } from './shared/LongText.tsx';

const TONE: Record<Outcome, string> = {
  success: 'border-emerald-600 bg-emerald-50 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-50',
  warning: 'border-amber-500 bg-amber-50 text-amber-950 dark:bg-amber-950 dark:text-amber-50',
  error: 'border-red-600 bg-red-50 text-red-950 dark:bg-red-950 dark:text-red-50',
};
const ICON: Record<Outcome, string> = { success: '✓', warning: '⚠', error: '✗' };
const WORD: Record<Outcome, string> = { success: 'Done', warning: 'Warning', error: 'Refused' };

/** Says what the last action did, or why it failed, in a live region coloured by outcome. */
export function ActionStatus() {
  const last = useLab((s) => s.lastAction);
  const cluster = useLab((s) => s.cluster);
  if (!last) return <p role="status" aria-live="polite" className="sr-only" />;
  const { outcome, text } = describeOutcome(last.command, last.result, cluster);
  return (
    <div
      // A new element per action, so the same message twice in a row is announced twice.
      key={last.seq}
      role={outcome === 'error' ? 'alert' : 'status'}
      aria-live={outcome === 'error' ? 'assertive' : 'polite'}
      data-outcome={outcome}
      className={`flex min-w-0 gap-2 rounded border-l-4 px-2 py-1 text-sm ${TONE[outcome]}`}
    >
      <span aria-hidden="true" className="font-bold">
        {ICON[outcome]}
      </span>
      <span className="sr-only">{WORD[outcome]}: </span>
      <LongText text={text} />
    </div>
  );
}
