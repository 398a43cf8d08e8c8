import { useEffect, useState } from 'react';
import { hasExecActions, loadSolutionPrefix, solutionPrefixBefore } from '../../lessons/run-lesson.ts';
import type { Lesson } from '../../lessons/load-lesson.ts';

/**
 * How many solution actions the steps before `index` need (`loadSolutionPrefix`); null while
 * the shell loads to run a solution's terminal lines.
 */
export function useSolutionPrefix(lesson: Lesson, index: number): number | null {
  const sync = !hasExecActions(lesson) || index <= 0;
  const [loaded, setLoaded] = useState<{ lesson: Lesson; index: number; count: number } | null>(null);
  useEffect(() => {
    if (sync) return;
    let live = true;
    void loadSolutionPrefix(lesson, index).then((count) => {
      if (live) setLoaded({ lesson, index, count });
    });
    return () => {
      live = false;
    };
  }, [lesson, index, sync]);
  if (sync) return solutionPrefixBefore(lesson, index);
  return loaded !== null && loaded.lesson === lesson && loaded.index === index ? loaded.count : null;
}
