import { useMemo, useRef, useState, type DragEvent } from 'react';
import { BUNDLED_LESSON_FILES } from './bundled-lessons.ts';
import { indexLessons, type CourseEntry } from './course-index.ts';
import { previewStore, usePreviewFiles } from './preview-lessons.ts';
import { progressStore, useProgress } from './progress-storage.ts';

const MAX_FILE_BYTES = 512 * 1024;

function LessonCard({ entry, number }: { entry: CourseEntry; number: number | null }) {
  const saved = useProgress((s) => (entry.ok ? s.progress.lessons[entry.id] : undefined));
  if (!entry.ok) {
    return (
      <li className="rounded border border-red-300 p-3 dark:border-red-800">
        <p className="font-semibold">{entry.file}</p>
        <p className="text-sm text-red-800 dark:text-red-300">
          This lesson cannot be opened: {entry.problem}
        </p>
      </li>
    );
  }
  const done = saved ? saved.completed.filter((id) => entry.stepIds.includes(id)).length : 0;
  const total = entry.stepIds.length;
  const resume = saved ? Math.min(saved.step + 1, total) : 1;
  return (
    <li className="rounded border border-slate-200 p-3 dark:border-slate-700">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h4 className="font-semibold">
          <a
            href={`#/lesson/${entry.id}/${resume}`}
            className="underline decoration-dotted hover:decoration-solid"
          >
            {number === null ? '' : `${number}. `}
            {entry.title}
          </a>
          {number === null ? (
            <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs text-amber-950">preview</span>
          ) : null}
        </h4>
        <span className="text-xs">
          {done === total && total > 0 ? '✓ completed' : `${done} of ${total} steps done`}
        </span>
      </div>
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">{entry.summary}</p>
      <div className="mt-2 h-1.5 rounded bg-slate-200 dark:bg-slate-700" aria-hidden="true">
        <div
          className="h-1.5 rounded bg-blue-700"
          style={{ width: `${total ? (100 * done) / total : 0}%` }}
        />
      </div>
    </li>
  );
}

/** Opening lesson files from disk (picker or drag and drop) to preview them without a rebuild. */
function OpenLessonFile() {
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  async function open(files: FileList | null) {
    if (!files || files.length === 0) return;
    const notes: string[] = [];
    let failed = false;
    for (const file of Array.from(files)) {
      if (file.size > MAX_FILE_BYTES) {
        notes.push(
          `${file.name}: ${Math.round(file.size / 1024)} KiB is larger than a lesson can be (512 KiB).`,
        );
        failed = true;
        continue;
      }
      const text = await file.text();
      const [entry] = indexLessons([{ name: file.name, text }]);
      if (!entry || !entry.ok) {
        notes.push(`${file.name}: ${entry && !entry.ok ? entry.problem : 'unreadable'}`);
        failed = true;
        continue;
      }
      previewStore.getState().add({ name: file.name, text });
      notes.push(`${file.name}: "${entry.title}" is listed below as a preview.`);
    }
    setMessage({ tone: failed ? 'error' : 'ok', text: notes.join(' ') });
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    void open(event.dataTransfer.files);
  }

  return (
    <div
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      className={`rounded border-2 border-dashed p-3 text-sm ${dragging ? 'border-blue-700 bg-blue-50 dark:bg-blue-950' : 'border-slate-300 dark:border-slate-600'}`}
    >
      <p>
        Instructors: drop a lesson JSON file here, or{' '}
        <button type="button" className="underline" onClick={() => input.current?.click()}>
          open a lesson file
        </button>{' '}
        to preview it. Previews last until you reload the page.
      </p>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        multiple
        className="sr-only"
        aria-label="Lesson file to preview"
        onChange={(e) => {
          void open(e.target.files).finally(() => (e.target.value = ''));
        }}
      />
      {message ? (
        <p
          role={message.tone === 'error' ? 'alert' : 'status'}
          className={`mt-2 ${message.tone === 'error' ? 'text-red-800 dark:text-red-300' : ''}`}
        >
          {message.text}
        </p>
      ) : null}
    </div>
  );
}

/** Moving progress between machines: download it, or load a file saved elsewhere. */
function ProgressTools() {
  const dropped = useProgress((s) => s.dropped);
  const [message, setMessage] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  function download() {
    const blob = new Blob([progressStore.getState().exportText()], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = 'pod-network-lab-progress.json';
    a.click();
    URL.revokeObjectURL(url);
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

/** The course: where the lab opens. Lessons are listed with the student's progress. */
export function CoursePage() {
  const previews = usePreviewFiles();
  const bundled = useMemo(() => indexLessons(BUNDLED_LESSON_FILES), []);
  const previewEntries = useMemo(() => indexLessons(previews), [previews]);
  return (
    <div className="mx-auto max-w-4xl p-6">
      <h2 className="text-2xl font-bold">Pod-to-Pod Communication Across Nodes</h2>
      <p className="mt-3 max-w-prose">
        Every pod gets its own IP address, like a virtual machine on a network, and pods reach pods on any
        node without NAT. In this lab you run a Kubernetes cluster in your browser, schedule pods and watch
        the CNI plugin and its IPAM give them addresses, then trace packets hop by hop across nodes.
      </p>
      <section aria-labelledby="lessons-heading" className="mt-6">
        <h3 id="lessons-heading" className="text-lg font-semibold">
          Lessons
        </h3>
        {bundled.length === 0 && previewEntries.length === 0 ? (
          <p className="mt-2 text-sm">No lessons are bundled with this build.</p>
        ) : null}
        <ol aria-label="Lessons" className="mt-2 space-y-2">
          {previewEntries.map((e) => (
            <LessonCard key={`preview-${e.file}`} entry={e} number={null} />
          ))}
          {bundled.map((e, i) => (
            <LessonCard key={e.file} entry={e} number={i + 1} />
          ))}
        </ol>
        <div className="mt-3">
          <ProgressTools />
        </div>
      </section>
      <section
        aria-labelledby="sandbox-heading"
        className="mt-6 rounded border border-slate-200 p-4 dark:border-slate-700"
      >
        <h3 id="sandbox-heading" className="text-lg font-semibold">
          Sandbox
        </h3>
        <p className="mt-1">A cluster of your own: any network plugin, any size, no lesson.</p>
        <a
          href="#/sandbox"
          className="mt-3 inline-block rounded bg-blue-700 px-3 py-1.5 font-semibold text-white hover:bg-blue-800"
        >
          Open the sandbox
        </a>
      </section>
      <section aria-label="Preview a lesson file" className="mt-6">
        <OpenLessonFile />
      </section>
    </div>
  );
}
