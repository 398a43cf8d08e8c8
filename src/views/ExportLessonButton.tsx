import { useState } from 'react';
import { listPods } from '../engine/index.ts';
import { createLessonSkeleton } from '../lessons/skeleton.ts';
import { useLabStoreApi } from '../store/useLab.ts';
import { downloadFile } from './shared/download.ts';

/** Saves the sandbox (its starting cluster and the actions taken) as a lesson file to edit. */
export function ExportLessonButton() {
  const store = useLabStoreApi();
  const [note, setNote] = useState<string | null>(null);
  function exportLesson() {
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
    downloadFile('my-lesson.json', `${JSON.stringify(skeleton, null, 2)}\n`);
    setNote(
      `Saved my-lesson.json: the starting cluster and ${commands.length} action${commands.length === 1 ? '' : 's'} as its solution. See lessons/README.md to finish it.`,
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
      {note ? (
        <p role="status" className="text-xs">
          {note}
        </p>
      ) : null}
    </div>
  );
}
