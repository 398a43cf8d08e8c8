import { useId, useMemo, useState } from 'react';
import { orderChoices } from '../../lessons/choice-order.ts';
import type { PredictStep } from '../../lessons/lesson-schema.ts';
import { checkPrediction } from '../../lessons/prediction.ts';
import { useLab } from '../../store/useLab.ts';
import { InlineMarkdown } from './Markdown.tsx';
import { CONTROL_CLASS, InputField } from '../shared/Field.tsx';

const ASK_TEXT: Record<PredictStep['ask']['kind'], string> = {
  nextHopDevice: 'the device at hop',
  ip: 'the IP address at hop',
  ttl: 'the TTL at hop',
};

/**
 * "Predict, then reveal": the student commits to an answer before the trace shows it. The
 * revealed trace is shown, not logged as the student's action, so it meets no later task.
 */
export function PredictStepView({
  step,
  seed,
  orderKey,
  onRevealed,
}: {
  step: PredictStep;
  /** This browser's choice-order seed. */
  seed: number;
  /** `lessonId/stepId`: with the seed, fixes the order. */
  orderKey: string;
  onRevealed: (answer: string, correct: boolean) => void;
}) {
  const showTrace = useLab((s) => s.showTrace);
  const seek = useLab((s) => s.seek);
  const [answer, setAnswer] = useState('');
  const [outcome, setOutcome] = useState<{ correct: boolean; message: string } | null>(null);
  const name = useId();
  const choices = useMemo(
    () => orderChoices(step.choices ?? [], seed, orderKey, step.shuffle),
    [step.choices, step.shuffle, seed, orderKey],
  );
  const field = step.ask.kind === 'ip' ? ` (${step.ask.field ?? 'dst'})` : '';

  function reveal() {
    const result = showTrace({
      from: step.trace.from,
      to: step.trace.to,
      protocol: step.trace.protocol,
      ...(step.trace.port !== undefined ? { port: step.trace.port } : {}),
    });
    if (!result.ok) {
      setOutcome({ correct: false, message: `The trace could not run: ${result.error.message}` });
      return;
    }
    const trace =
      'trace' in result ? (result.trace as Parameters<typeof checkPrediction>[2] | undefined) : undefined;
    if (!trace) return;
    const checked = checkPrediction(step.ask, answer, trace);
    seek(step.ask.hop);
    setOutcome(checked);
    onRevealed(answer, checked.correct);
  }

  return (
    <div className="mt-3">
      <p className="text-sm font-semibold">
        Predict {ASK_TEXT[step.ask.kind]} {step.ask.hop + 1}
        {field} of the trace {step.trace.from} → {step.trace.to} ({step.trace.protocol}).
      </p>
      {choices.length > 0 ? (
        <fieldset className="mt-1">
          <legend className="sr-only">Your prediction</legend>
          {choices.map((c) => (
            <label key={c} className="mr-3 inline-flex items-center gap-1 font-mono text-sm">
              <input type="radio" name={name} checked={answer === c} onChange={() => setAnswer(c)} /> {c}
            </label>
          ))}
        </fieldset>
      ) : (
        <InputField
          label="Your prediction"
          fieldClassName="mt-1"
          value={answer}
          onValue={setAnswer}
          className={`${CONTROL_CLASS} w-48 font-mono`}
        />
      )}
      <button
        type="button"
        disabled={answer.trim() === ''}
        onClick={reveal}
        className="mt-2 rounded bg-blue-700 px-3 py-1 text-sm font-semibold text-white disabled:opacity-50"
      >
        Reveal
      </button>
      {outcome ? (
        <div role="status" className="mt-2 text-sm">
          <p className="font-semibold">
            {outcome.correct ? '✓ Your prediction was right' : `✗ ${outcome.message}`}
          </p>
          <p className="mt-1">
            <InlineMarkdown text={step.explanation} />
          </p>
        </div>
      ) : null}
    </div>
  );
}
