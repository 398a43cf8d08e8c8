import { useRef, useState } from 'react';
import { downloadFile } from '../../views/shared/download.ts';
import { progressStore, useProgress } from '../progress-storage.ts';

export function ProgressTools() {
  const dropped = useProgress((s) => s.dropped);
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
        ? `Progress imported and merged with yours${result.dropped.length ? `; set aside: ${result.dropped.join('; ')}` : ''}.`
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
      {dropped.length > 0 ? (
        <p role="status">Some saved progress could not be read and was set aside: {dropped.join('; ')}.</p>
      ) : null}
      {message ? <p role="status">{message}</p> : null}
    </div>
  );
}
