import { useRef, useState } from 'react';
import { downloadFile } from '../../views/shared/download.ts';
import { progressStore, useProgress } from '../progress-storage.ts';

/** Told wherever progress is saved: a failed save, with the export that keeps the progress. */
export function ProgressSaveProblem() {
  const saveError = useProgress((s) => s.saveError);
  if (!saveError) return null;
  return (
    <div
      role="alert"
      className="m-4 flex flex-wrap items-center gap-2 rounded border border-amber-500 p-2 text-sm"
    >
      <span>{saveError}</span>
      <button
        type="button"
        className="rounded border border-slate-300 px-2 py-1 dark:border-slate-600"
        onClick={() => downloadFile('pod-network-lab-progress.json', progressStore.getState().exportText())}
      >
        Export progress
      </button>
    </div>
  );
}

export function ProgressTools() {
  const dropped = useProgress((s) => s.dropped);
  const backups = useProgress((s) => s.backups);
  const [message, setMessage] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  function download() {
    downloadFile('pod-network-lab-progress.json', progressStore.getState().exportText());
  }

  async function load(files: FileList | null) {
    const file = files?.[0];
    if (!file) return;
    const result = progressStore.getState().importText(await file.text());
    setMessage(
      result.ok
        ? result.message
        : `That file could not be imported: ${result.message}. Your progress is unchanged.`,
    );
  }

  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <button
        type="button"
        className="rounded border border-slate-300 px-2 py-1 dark:border-slate-600"
        onClick={download}
      >
        Export progress
      </button>
      <button
        type="button"
        className="rounded border border-slate-300 px-2 py-1 dark:border-slate-600"
        onClick={() => input.current?.click()}
      >
        Import progress
      </button>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        className="sr-only"
        aria-label="Progress file to import"
        onChange={(e) => {
          void load(e.target.files).finally(() => (e.target.value = ''));
        }}
      />
      {backups.length > 0 ? (
        <button
          type="button"
          className="rounded border border-slate-300 px-2 py-1 dark:border-slate-600"
          onClick={() =>
            downloadFile('pod-network-lab-progress-set-aside.json', progressStore.getState().exportBackups())
          }
        >
          Export set-aside progress
        </button>
      ) : null}
      {dropped.length > 0 ? (
        <p role="status">
          Some saved progress could not be read and was set aside (a copy is kept: Export set-aside progress):{' '}
          {dropped.slice(0, 5).join('; ')}
          {dropped.length > 5 ? `; and ${dropped.length - 5} more` : ''}.
        </p>
      ) : null}
      {message ? <p role="status">{message}</p> : null}
    </div>
  );
}
