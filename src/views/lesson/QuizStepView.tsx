import { useId, useState } from 'react';
import type { QuizStep } from '../../lessons/lesson-schema.ts';
import { InlineMarkdown } from './Markdown.tsx';

/** A quiz: one or several right answers, and an explanation for each choice once checked. */
export function QuizStepView({
  step,
  onAnswered,
}: {
  step: QuizStep;
  onAnswered: (choiceIds: string[], correct: boolean) => void;
}) {
  const [picked, setPicked] = useState<string[]>([]);
  const [checked, setChecked] = useState(false);
  const name = useId();
  const multiple = step.multiple ?? step.choices.filter((c) => c.correct).length > 1;
  const right = step.choices.filter((c) => c.correct).map((c) => c.id);
  const pickedRight = picked.length === right.length && right.every((id) => picked.includes(id));
  const correct = checked && pickedRight;

  function toggle(id: string) {
    setChecked(false);
    setPicked(multiple ? (picked.includes(id) ? picked.filter((p) => p !== id) : [...picked, id]) : [id]);
  }

  return (
    <fieldset className="mt-3">
      <legend className="text-sm font-semibold">
        {multiple ? 'Choose every right answer' : 'Choose one answer'}
      </legend>
      <ul className="mt-1 space-y-1">
        {step.choices.map((c) => (
          <li key={c.id}>
            <label className="flex items-start gap-2 text-sm">
              <input
                type={multiple ? 'checkbox' : 'radio'}
                name={name}
                checked={picked.includes(c.id)}
                onChange={() => toggle(c.id)}
                className="mt-1"
              />
              <span>
                <InlineMarkdown text={c.text} />
                {checked && (picked.includes(c.id) || c.correct) ? (
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
        ))}
      </ul>
      <button
        type="button"
        disabled={picked.length === 0}
        className="mt-2 rounded bg-blue-700 px-3 py-1 text-sm font-semibold text-white disabled:opacity-50"
        onClick={() => {
          setChecked(true);
          onAnswered(picked, pickedRight);
        }}
      >
        Check answer
      </button>
      {checked ? (
        <p role="status" className="mt-2 text-sm font-semibold">
          {correct ? '✓ Correct.' : '✗ Not quite: read the explanations and try again.'}
        </p>
      ) : null}
    </fieldset>
  );
}
