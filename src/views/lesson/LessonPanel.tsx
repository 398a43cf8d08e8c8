import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { evaluateGoal } from '../../lessons/goals.ts';
import { goalMarksOf, goalParts } from '../../lessons/goal-marks.ts';
import { glossaryFor } from '../../lessons/glossary.ts';
import { NO_GOAL_MARKS } from '../../store/lesson-slice.ts';
import { createGoalContext } from '../../lessons/run-lesson.ts';
import type { Command } from '../../engine/index.ts';
import type { ExecAction } from '../../shell/exec-action.ts';
import { verb } from '../describe-command.ts';
import type { Lesson } from '../../lessons/load-lesson.ts';
import { useChoiceSeed } from '../../store/prefs-store.ts';
import { useLab } from '../../store/useLab.ts';
import { keyOf, shortcutOf } from '../shared/shortcuts.ts';
import { GoalStatusView } from './GoalStatusView.tsx';
import { Hints } from './Hints.tsx';
import { Markdown } from './Markdown.tsx';
import { PredictStepView } from './PredictStepView.tsx';
import { QuizStepView } from './QuizStepView.tsx';
import { useSolutionPrefix } from './useSolutionPrefix.ts';

export interface LessonPanelProps {
  readonly lesson: Lesson;
  /** The step shown, counted from 0. */
  readonly index: number;
  readonly onStep: (index: number) => void;
  /** Called when the student completes a step (a goal met, a quiz answered right, a prediction revealed). */
  readonly onComplete: (stepId: string) => void;
  readonly onAnswer: (stepId: string, answer: readonly string[]) => void;
  /** More lesson actions, shown beside "Show solution" (Copy link). */
  readonly tools?: ReactNode;
}

/** The current lesson step beside the topology: text, the live goal, quiz or prediction, hints. */
export function LessonPanel({ lesson, index, onStep, onComplete, onAnswer, tools }: LessonPanelProps) {
  const step = lesson.steps[index];
  const cluster = useLab((s) => s.cluster);
  const log = useLab((s) => s.log);
  const terminalLog = useLab((s) => s.terminalLog);
  const setHighlight = useLab((s) => s.setHighlight);
  const reset = useLab((s) => s.reset);
  const replaySolutionPrefix = useLab((s) => s.replaySolutionPrefix);
  const notify = useLab((s) => s.notify);
  // Show solution replays what this step and the ones before it need, not the later steps.
  // (null while the shell loads to run the solution's terminal lines, which some steps need).
  const solutionCount = useSolutionPrefix(lesson, index + 1);
  function showSolution_() {
    if (solutionCount === null) return;
    reset();
    replaySolutionPrefix(solutionCount);
    const actions = (lesson.solution as readonly (Command | ExecAction)[]).slice(0, solutionCount);
    const total = lesson.solution.length;
    notify({
      tone: 'info',
      text:
        solutionCount === 0
          ? `Steps 1 to ${index + 1} need no action of the solution: the lesson's cluster was rebuilt as it starts.`
          : `Replayed ${solutionCount} of the solution's ${total} action${total === 1 ? '' : 's'}, what steps 1 to ${index + 1} need: ${actions.map((a) => (a.type === 'exec' ? `Run "${a.command}" on ${a.on}` : verb(a))).join('; ')}.${solutionCount < total ? ' The later steps are left to you.' : ''}`,
    });
  }
  const choiceSeed = useChoiceSeed();
  const [confirming, setConfirming] = useState(false);
  // Where the focus goes after the student acts: the new step's heading after Back or Next (the
  // pressed button may be disabled or replaced), "Show solution" after the dialog closes.
  const heading = useRef<HTMLHeadingElement>(null);
  const showSolution = useRef<HTMLButtonElement>(null);
  // Opening a lesson puts the keyboard on its step heading: the panel is where the student starts.
  const focusNext = useRef<'heading' | 'show-solution' | null>('heading');
  useEffect(() => {
    const target = focusNext.current;
    focusNext.current = null;
    if (target === 'heading') heading.current?.focus();
    else if (target === 'show-solution') showSolution.current?.focus();
  }, [index, confirming]);
  function goTo(next: number) {
    focusNext.current = 'heading';
    onStep(next);
  }
  const stepCount = lesson.steps.length;
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const action = shortcutOf(event);
      if (action === 'next-step' && index < stepCount - 1) {
        event.preventDefault();
        focusNext.current = 'heading';
        onStep(index + 1);
      } else if (action === 'previous-step' && index > 0) {
        event.preventDefault();
        focusNext.current = 'heading';
        onStep(index - 1);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [index, stepCount, onStep]);
  function closeDialog() {
    focusNext.current = 'show-solution';
    setConfirming(false);
  }

  const { status, parts } = useMemo(() => {
    if (step?.type !== 'task') return { status: null, parts: [] };
    const ctx = createGoalContext(cluster, log, terminalLog);
    return { status: evaluateGoal(step.goal, ctx), parts: goalParts(step.goal, ctx) };
  }, [step, cluster, log, terminalLog]);
  const setGoalMarks = useLab((s) => s.setGoalMarks);
  useEffect(() => {
    // The goal in the picture: what the task is about, marked in the drawing, ticked as met.
    setGoalMarks(parts.length > 0 ? goalMarksOf(parts) : NO_GOAL_MARKS);
  }, [parts, setGoalMarks]);
  const stepId = step?.id;
  const met = status?.met ?? false;
  useEffect(() => {
    if (met && stepId) onComplete(stepId);
  }, [met, stepId, onComplete]);
  useEffect(() => {
    setHighlight(step?.type === 'narrative' ? (step.highlight ?? []) : []);
    // Reading a narrative step is all it asks.
    if (step?.type === 'narrative') onComplete(step.id);
  }, [step, setHighlight, onComplete]);

  if (!step) return <p>This lesson has no step {index + 1}.</p>;
  const last = index === lesson.steps.length - 1;
  return (
    <section aria-labelledby="step-heading" className="flex flex-col gap-2">
      <p className="text-xs font-medium tracking-wide text-slate-600 uppercase dark:text-slate-300">
        {lesson.title} · step {index + 1} of {lesson.steps.length}
      </p>
      <h2 id="step-heading" ref={heading} tabIndex={-1} className="text-lg font-semibold">
        {step.title}
      </h2>
      <Markdown text={step.body} className="text-sm" />
      <StepGlossary text={step.body} />
      {step.type === 'task' && status ? <GoalStatusView status={status} parts={parts} /> : null}
      {step.type === 'quiz' ? (
        <QuizStepView
          key={step.id}
          step={step}
          seed={choiceSeed}
          orderKey={`${lesson.id}/${step.id}`}
          onAnswered={(ids, correct) => {
            onAnswer(step.id, ids);
            if (correct) onComplete(step.id);
          }}
        />
      ) : null}
      {step.type === 'predict' ? (
        <PredictStepView
          key={step.id}
          step={step}
          seed={choiceSeed}
          orderKey={`${lesson.id}/${step.id}`}
          onRevealed={(answer) => {
            onAnswer(step.id, [answer]);
            onComplete(step.id);
          }}
        />
      ) : null}
      <Hints key={`hints-${step.id}`} hints={step.hints ?? []} />
      <nav aria-label="Lesson steps" className="mt-3 flex items-center justify-between gap-2">
        <button
          type="button"
          disabled={index === 0}
          onClick={() => goTo(index - 1)}
          aria-keyshortcuts={keyOf('previous-step')}
          className="rounded border border-slate-300 px-3 py-1.5 text-sm disabled:opacity-40 dark:border-slate-600"
        >
          Back
          <kbd aria-hidden="true" className="ml-1.5 font-mono text-xs opacity-70">
            {keyOf('previous-step')}
          </kbd>
        </button>
        {last ? (
          <a href="#/" className="rounded bg-blue-700 px-3 py-1.5 text-sm font-semibold text-white">
            Back to the course
          </a>
        ) : (
          <button
            type="button"
            onClick={() => goTo(index + 1)}
            aria-keyshortcuts={keyOf('next-step')}
            className="rounded bg-blue-700 px-3 py-1.5 text-sm font-semibold text-white"
          >
            Next
            <kbd aria-hidden="true" className="ml-1.5 font-mono text-xs opacity-80">
              {keyOf('next-step')}
            </kbd>
          </button>
        )}
      </nav>
      <div className="mt-2 border-t border-slate-200 pt-2 text-sm dark:border-slate-700">
        {confirming ? (
          <div
            role="alertdialog"
            aria-label="Show the solution?"
            className="rounded border border-amber-500 p-2"
          >
            <p>
              Show the solution up to this step?{' '}
              {solutionCount === null
                ? 'Counting the actions these steps need…'
                : solutionCount === 0
                  ? `The lesson's cluster is rebuilt as it starts: steps 1 to ${index + 1} need no action.`
                  : `The lesson's cluster is rebuilt and the ${solutionCount} action${solutionCount === 1 ? '' : 's'} of its solution that steps 1 to ${index + 1} need replayed.`}{' '}
              What you did in this lesson's cluster is replaced.
            </p>
            <div className="mt-2 flex gap-2">
              <button
                type="button"
                className="rounded bg-amber-700 px-2 py-1 font-semibold text-white disabled:opacity-60"
                disabled={solutionCount === null}
                onClick={() => {
                  closeDialog();
                  showSolution_();
                }}
              >
                Replay the solution
              </button>
              <button type="button" className="rounded border px-2 py-1" onClick={closeDialog} autoFocus>
                Cancel
              </button>
            </div>
          </div>
        ) : (
          <div className="flex flex-wrap items-center justify-between gap-2">
            <button
              ref={showSolution}
              type="button"
              className="underline"
              onClick={() => setConfirming(true)}
            >
              Show solution
            </button>
            {tools}
          </div>
        )}
      </div>
    </section>
  );
}

/** The jargon of this step, explained in a line each, folded until the student asks. */
function StepGlossary({ text }: { text: string }) {
  const terms = useMemo(() => glossaryFor(text), [text]);
  if (terms.length === 0) return null;
  return (
    <details className="text-sm">
      <summary className="cursor-pointer underline">
        Terms in this step: {terms.map((t) => t.term).join(', ')}
      </summary>
      <dl className="mt-1 space-y-1">
        {terms.map((t) => (
          <div key={t.term}>
            <dt className="inline font-semibold">{t.term}: </dt>
            <dd className="inline">{t.text}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
