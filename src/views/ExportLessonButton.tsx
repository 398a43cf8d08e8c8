import { useState } from 'react';
import { listPods } from '../engine/index.ts';
import { createLessonSkeleton } from '../lessons/skeleton.ts';
import { useLabStoreApi } from '../store/useLab.ts';
import { downloadFile } from './shared/download.ts';

/**
 * Saves the sandbox (its starting cluster and the actions taken) as a lesson file to edit,
 * or, with `onEdit`, hands it to the lesson editor: the builder's recording.
 */
export function ExportLessonButton({ onEdit }: { onEdit?: (lessonText: string) => void }) {
  const store = useLabStoreApi();
  const [note, setNote] = useState<string | null>(null);
  function skeletonText(): { text: string; count: number } {
    // Every action that succeeded, traces included (they change no state, so `commands` has none).
    const { origin, log, cluster } = store.getState();
    const done = log.filter((e) => e.result.ok);
    const commands = done.map((e) => e.command);
    const lastTrace = done.findLast((e) => e.command.type === 'trace')?.result;
    const traced =
      lastTrace && 'trace' in lastTrace ? (lastTrace.trace as { delivered?: unknown }) : undefined;
    const skeleton = createLessonSkeleton({
      spec: origin.spec,
      seed: origin.seed,
      commands,
      ...(traced ? { lastTraceDelivered: traced.delivered === true } : {}),
      runningPods: listPods(cluster)
        .filter((p) => p.phase === 'Running')
        .map((p) => p.name),
    });
    return { text: `${JSON.stringify(skeleton, null, 2)}\n`, count: commands.length };
  }
  function exportLesson() {
    const { text, count } = skeletonText();
    downloadFile('my-lesson.json', text);
    setNote(
      `Saved my-lesson.json: the starting cluster and ${count} action${count === 1 ? '' : 's'} as its solution. See lessons/README.md to finish it.`,
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        onClick={exportLesson}
        className="rounded border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-600"
      >
        Export as lesson
      </button>
      {onEdit ? (
        <button
          type="button"
          onClick={() => onEdit(skeletonText().text)}
          className="rounded border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-600"
        >
          Open as a lesson in the editor
        </button>
      ) : null}
      {note ? (
        <p role="status" className="text-xs">
          {note}
        </p>
      ) : null}
    </div>
  );
}
