import { useRef, useState, type DragEvent } from 'react';
import { indexLessons } from '../course-index.ts';
import { previewStore } from '../preview-lessons.ts';

const MAX_FILE_BYTES = 512 * 1024;

export function OpenLessonFile() {
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
