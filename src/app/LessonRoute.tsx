import { useCallback, useEffect, useMemo, useState } from 'react';
import { loadLessons } from '../lessons/load-lesson.ts';
import { hasExecActions, loadSolutionPrefix, solutionPrefixBefore } from '../lessons/run-lesson.ts';
import { formatProblem } from '../lessons/problems.ts';
import { recordAnswer, recordStep } from '../lessons/progress.ts';
import { createLabStore } from '../store/lab-store.ts';
import { LabStoreContext } from '../store/useLab.ts';
import { LabView } from '../views/LabView.tsx';
import { LessonPanel } from '../views/lesson/LessonPanel.tsx';
import { BUNDLED_LESSON_FILES } from './bundled-lessons.ts';
import { indexLessons } from './course-index.ts';
import { usePreviewFiles } from './preview-lessons.ts';
import { ProgressSaveProblem } from './course/ProgressTools.tsx';
import { previewProgressStore, progressStore } from './progress-storage.ts';
import { CopyLinkButton } from './CopyLinkButton.tsx';
import { formatRoute, type Route } from './route.ts';
import { buildLink, linkBase, loadCodec } from './share-codec.ts';

type LessonRouteProps = {
  readonly route: Extract<Route, { page: 'lesson' }>;
  readonly navigate: (route: Route, opts?: { replace?: boolean }) => void;
};

function Problems({ title, problems }: { title: string; problems: readonly string[] }) {
  return (
    <div role="alert" className="m-6 max-w-3xl rounded border border-red-300 p-4 dark:border-red-800">
      <h2 className="text-lg font-semibold">{title}</h2>
      <ul className="mt-2 list-disc pl-5 font-mono text-sm">
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      <p className="mt-3">
        <a className="underline" href="#/">
          Back to the course
        </a>
      </p>
    </div>
  );
}

/** A lesson: its cluster in the lab, its current step beside it. Loaded on demand. */
export default function LessonRoute({ route, navigate }: LessonRouteProps) {
  const previews = usePreviewFiles();
  const loaded = useMemo(() => {
    const files = [...previews, ...BUNDLED_LESSON_FILES];
    const file = files.find((f) => {
      const [entry] = indexLessons([f]);
      return entry?.ok && entry.id === route.lessonId;
    });
    if (!file) return null;
    const [result] = loadLessons([file]);
    return result ? { ...result, file, preview: previews.includes(file) } : null;
  }, [previews, route.lessonId]);
  const lesson = loaded?.ok ? loaded.lesson : null;
  // The step the link asked for: a deep link or a reload lands mid-lesson.
  const [requested] = useState(route.step);
  const session = useMemo(() => {
    const store = createLabStore();
    if (!lesson) return { store, startError: null };
    const outcome = store.getState().startLesson(lesson);
    if (!outcome.ok) return { store, startError: outcome.problems };
    // A step past the end opens the last step, and says so.
    const last = lesson.steps.length;
    const openedAt = Math.min(requested, last) - 1;
    // Catching up needs the shell when the earlier steps are met by terminal lines: those
    // lessons catch up once it has loaded, the others at once.
    const catchUp = (caughtUp: number) => {
      const replayed =
        caughtUp <= 0
          ? ''
          : `the lab replayed the first ${caughtUp} action${caughtUp === 1 ? '' : 's'} of its solution so the cluster is where the earlier steps leave it. Reset comes back here.`;
      if (caughtUp > 0) {
        store.getState().replaySolutionPrefix(caughtUp);
        store.getState().setResetTo({ count: caughtUp, step: openedAt + 1 });
      }
      if (requested > last)
        store.getState().notify({
          tone: 'info',
          text: `This lesson has ${last} step${last === 1 ? '' : 's'}; the link asked for step ${requested}, so it opened at the last one, step ${last}${replayed === '' ? '.' : `: ${replayed}`}`,
        });
      else if (caughtUp > 0)
        store
          .getState()
          .notify({ tone: 'info', text: `You opened this lesson at step ${openedAt + 1}: ${replayed}` });
    };
    if (hasExecActions(lesson) && openedAt > 0) void loadSolutionPrefix(lesson, openedAt).then(catchUp);
    else catchUp(solutionPrefixBefore(lesson, openedAt));
    return { store, startError: null };
  }, [lesson, requested]);
  const { store, startError } = session;

  const index = lesson ? Math.min(route.step, lesson.steps.length) - 1 : 0;
  const lessonId = route.lessonId;
  // A preview's progress stays apart from the course's saved progress (it may reuse a course lesson's id).
  const saves = loaded?.ok && loaded.preview ? previewProgressStore : progressStore;
  const onComplete = useCallback(
    (stepId: string) => saves.getState().update((p) => recordStep(p, lessonId, index, stepId)),
    [saves, lessonId, index],
  );
  const onAnswer = useCallback(
    (stepId: string, answer: readonly string[]) =>
      saves.getState().update((p) => recordAnswer(p, lessonId, stepId, answer)),
    [saves, lessonId],
  );
  useEffect(() => {
    if (lesson) saves.getState().update((p) => recordStep(p, lessonId, index));
  }, [saves, lesson, lessonId, index]);
  // A link past the last step lands on the last step.
  const stepCount = lesson?.steps.length ?? 0;
  useEffect(() => {
    if (stepCount > 0 && route.step > stepCount)
      navigate({ page: 'lesson', lessonId, step: stepCount }, { replace: true });
  }, [stepCount, route.step, lessonId, navigate]);

  if (!loaded)
    return (
      <Problems
        title={`No lesson "${route.lessonId}"`}
        problems={['The link may be old or mistyped; the course lists every lesson.']}
      />
    );
  if (!loaded.ok)
    return (
      <Problems
        title={`The lesson in ${loaded.name} has problems`}
        problems={loaded.problems.map(formatProblem)}
      />
    );
  if (startError) return <Problems title="The lesson's cluster could not be built" problems={startError} />;
  return (
    <LabStoreContext.Provider value={store}>
      <ProgressSaveProblem />
      <LabView
        side={
          <LessonPanel
            lesson={loaded.lesson}
            index={index}
            onStep={(i) => navigate({ page: 'lesson', lessonId, step: i + 1 })}
            onComplete={onComplete}
            onAnswer={onAnswer}
            tools={
              <CopyLinkButton
                label="Copy link to this lesson"
                makeLink={async () => {
                  const base = linkBase(window.location.href);
                  // A bundled lesson is one short link away; a preview travels whole in the link.
                  if (!loaded.preview)
                    return buildLink(base, formatRoute({ page: 'lesson', lessonId, step: index + 1 }));
                  const codec = await loadCodec();
                  return buildLink(
                    base,
                    formatRoute({ page: 'open-lesson', data: codec.compress(loaded.file.text) }),
                  );
                }}
                tooLong="Share the lesson file instead: it opens from the course page."
              />
            }
          />
        }
      />
    </LabStoreContext.Provider>
  );
}
