import { useEffect, useState } from 'react';
import { indexLessons } from './course-index.ts';
import { previewStore } from './preview-lessons.ts';
import type { Route } from './route.ts';
import { decodeLinkValue, loadCodec } from './share-codec.ts';

/** The name a lesson opened from a link goes by among the previews. */
export const SHARED_LESSON_FILE = 'a shared link';

/**
 * A whole lesson carried by a link: decoded, listed like a file dropped on the course page
 * (a preview, validated in full when it opens), then opened at its first step. A link that
 * cannot be read is refused with the reason, as a bad file is.
 */
export function OpenSharedLesson({
  data,
  navigate,
}: {
  data: string;
  navigate: (route: Route, opts?: { replace?: boolean }) => void;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    void loadCodec()
      .then((codec) => {
        if (cancelled) return;
        const decoded = decodeLinkValue(codec, data);
        if (!decoded.ok) return setProblem(decoded.message);
        const [entry] = indexLessons([{ name: SHARED_LESSON_FILE, text: decoded.text }]);
        if (!entry || !entry.ok) return setProblem(entry && !entry.ok ? entry.problem : 'no lesson in it');
        previewStore.getState().add({ name: SHARED_LESSON_FILE, text: decoded.text });
        navigate({ page: 'lesson', lessonId: entry.id, step: 1 }, { replace: true });
      })
      .catch(() => {
        if (!cancelled) setProblem('the part of the lab that reads links did not load (are you offline?)');
      });
    return () => {
      cancelled = true;
    };
  }, [data, navigate]);
  if (!problem)
    return (
      <p role="status" className="p-6 text-sm">
        Opening the lesson in the link…
      </p>
    );
  return (
    <div role="alert" className="m-6 max-w-3xl rounded border border-red-300 p-4 dark:border-red-800">
      <h2 className="text-lg font-semibold">This lesson link could not be opened</h2>
      <p className="mt-2 font-mono text-sm break-words">{problem}</p>
      <p className="mt-3">
        Ask for the lesson file instead and open it from{' '}
        <a className="underline" href="#/">
          the course page
        </a>
        .
      </p>
    </div>
  );
}
