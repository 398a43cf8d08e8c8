import { useId, useMemo, useState } from 'react';
import { orderChoices } from '../../lessons/choice-order.ts';
import type { QuizStep } from '../../lessons/lesson-schema.ts';
import { InlineMarkdown } from './Markdown.tsx';

/**
 * A quiz: one or several right answers. A wrong answer is explained without marking the
 * right one; the right answers and every explanation show once the student gets it, or
 * asks to see the answer.
 */
export function QuizStepView({
  step,
  seed,
  orderKey,
  onAnswered,
}: {
  step: QuizStep;
  /** This browser's choice-order seed. */
  seed: number;
  /** `lessonId/stepId`: with the seed, fixes the order. */
  orderKey: string;
  onAnswered: (choiceIds: string[], correct: boolean) => void;
}) {
  const [picked, setPicked] = useState<string[]>([]);
  const [checked, setChecked] = useState<string[] | null>(null);
  const [revealed, setRevealed] = useState(false);
  const name = useId();
  const choices = useMemo(
    () => orderChoices(step.choices, seed, orderKey, step.shuffle),
    [step.choices, step.shuffle, seed, orderKey],
  );
  const multiple = step.multiple ?? step.choices.filter((c) => c.correct).length > 1;
  const right = step.choices.filter((c) => c.correct).map((c) => c.id);
  const isRight = (ids: readonly string[]) =>
    ids.length === right.length && right.every((id) => ids.includes(id));
  const solved = checked !== null && isRight(checked);
  const open = solved || revealed;
  const wrongPicked = checked ? step.choices.filter((c) => !c.correct && checked.includes(c.id)) : [];

  function toggle(id: string) {
    setChecked(null);
    setPicked(multiple ? (picked.includes(id) ? picked.filter((p) => p !== id) : [...picked, id]) : [id]);
  }

  return (
    <fieldset className="mt-3">
      <legend className="text-sm font-semibold">
        {multiple ? 'Choose every right answer' : 'Choose one answer'}
      </legend>
      <ul className="mt-1 space-y-1">
        {choices.map((c) => {
          // Before the answer is open, only a checked wrong choice says why it is wrong.
          const explain = open || (checked !== null && checked.includes(c.id) && !c.correct);
          return (
            <li key={c.id}>
              <label className="flex items-start gap-2 text-sm">
                <input
                  type={multiple ? 'checkbox' : 'radio'}
                  name={name}
                  checked={picked.includes(c.id)}
                  disabled={open}
                  onChange={() => toggle(c.id)}
                  className="mt-1"
                />
                <span>
                  <InlineMarkdown text={c.text} />
                  {explain ? (
                    <span
                      className={`block text-xs ${c.correct ? 'text-emerald-800 dark:text-emerald-300' : 'text-red-800 dark:text-red-300'}`}
                    >
                      {c.correct ? '✓ Right. ' : '✗ Not right. '}
                      <InlineMarkdown text={c.explanation} />
                    </span>
                  ) : null}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
      {open ? null : (
        <div className="mt-2 flex flex-wrap gap-2">
          <button
            type="button"
            disabled={picked.length === 0}
            className="rounded bg-blue-700 px-3 py-1 text-sm font-semibold text-white disabled:opacity-50"
            onClick={() => {
              setChecked(picked);
              onAnswered(picked, isRight(picked));
            }}
          >
            Check answer
          </button>
          {checked !== null ? (
            <button
              type="button"
              className="rounded border border-slate-400 px-3 py-1 text-sm dark:border-slate-500"
              onClick={() => setRevealed(true)}
            >
              Show the answer
            </button>
          ) : null}
        </div>
      )}
      {checked !== null || revealed ? (
        <p role="status" className="mt-2 text-sm font-semibold">
          {solved
            ? '✓ Correct.'
            : revealed
              ? 'The right answer is marked ✓, with why each choice is right or wrong.'
              : wrongPicked.length > 0
                ? '✗ Not quite: read why, and try again.'
                : '✗ Not quite: what you chose is right, but a right answer is missing. Try again.'}
        </p>
      ) : null}
    </fieldset>
  );
}
