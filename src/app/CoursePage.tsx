import { useMemo, useState } from 'react';
import { duplicateIdNotes, openLessonFiles, type OpenMessage } from './course/open-lesson-files.ts';
import { BUNDLED_COURSE } from './bundled-course.ts';
import { LessonCard } from './course/LessonCard.tsx';
import { OpenLessonFile } from './course/OpenLessonFile.tsx';
import { useFileDrop } from './course/useFileDrop.ts';
import { ProgressSaveProblem, ProgressTools } from './course/ProgressTools.tsx';
import { indexLessons } from './course-index.ts';
import { usePreviewFiles } from './preview-lessons.ts';

export function CoursePage() {
  const previews = usePreviewFiles();
  const bundled = BUNDLED_COURSE;
  const previewEntries = useMemo(() => indexLessons(previews), [previews]);
  const duplicates = useMemo(
    () => duplicateIdNotes([...previewEntries, ...bundled]),
    [previewEntries, bundled],
  );
  const [message, setMessage] = useState<OpenMessage | null>(null);
  async function open(files: File[]) {
    const outcome = await openLessonFiles(files, [...previewEntries, ...bundled]);
    if (outcome) setMessage(outcome);
  }
  // A lesson file dropped anywhere on the page is opened, as the authoring guide says.
  const { dragging, dropZone } = useFileDrop((files) => void open(files));
  return (
    <div {...dropZone} className="mx-auto min-h-full max-w-4xl p-6">
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
        {message ? (
          <p
            role={message.tone === 'error' ? 'alert' : 'status'}
            className={`mt-2 text-sm ${message.tone === 'error' ? 'text-red-800 dark:text-red-300' : ''}`}
          >
            {message.text}
          </p>
        ) : null}
        <ol aria-label="Lessons" className="mt-2 space-y-2">
          {previewEntries.map((e, i) => (
            <LessonCard
              key={`preview-${e.file}`}
              entry={e}
              number={null}
              preview
              problems={previews[i]?.problems ?? []}
              alsoIn={e.ok ? (duplicates.get(e.id) ?? []).filter((f) => f !== e.file) : []}
            />
          ))}
          {bundled.map((e, i) => (
            <LessonCard
              key={e.file}
              entry={e}
              number={i + 1}
              alsoIn={e.ok ? (duplicates.get(e.id) ?? []).filter((f) => f !== e.file) : []}
            />
          ))}
        </ol>
        <div className="mt-3">
          <ProgressTools />
          <ProgressSaveProblem />
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
        <OpenLessonFile dragging={dragging} onFiles={open} />
      </section>
    </div>
  );
}
