import { useRef } from 'react';

/**
 * The instructor's way in: a file picker and the drop hint. Dropping works anywhere on the
 * course page (the page handles it, and shows what it opened above the list of lessons).
 */
export function OpenLessonFile({
  dragging,
  onFiles,
}: {
  dragging: boolean;
  onFiles: (files: File[]) => Promise<void>;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <div
      className={`rounded border-2 border-dashed p-3 text-sm ${dragging ? 'border-blue-700 bg-blue-50 dark:bg-blue-950' : 'border-slate-300 dark:border-slate-600'}`}
    >
      <p>
        Instructors: drop a lesson JSON file anywhere on this page, or{' '}
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
          const files = Array.from(e.target.files ?? []);
          void onFiles(files).finally(() => (e.target.value = ''));
        }}
      />
    </div>
  );
}
