import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Markdown } from '../views/lesson/Markdown.tsx';
import { downloadFile } from '../views/shared/download.ts';
import { CopyLinkButton } from './CopyLinkButton.tsx';
import { describeFileProblems, readLessonFile } from './course/read-lesson-file.ts';
import { useFileDrop } from './course/useFileDrop.ts';
import { checkEditorText, EDITOR_FILE } from './editor-check.ts';
import { editorDraftStore } from './editor-draft.ts';
import { LessonEditor } from './LessonEditor.tsx';
import { previewStore } from './preview-lessons.ts';
import { formatRoute, type Route } from './route.ts';
import { buildLink, linkBase, loadCodec } from './share-codec.ts';

const STARTER = `${JSON.stringify(
  {
    $schema: './lesson.schema.json',
    schemaVersion: 1,
    id: 'my-lesson',
    title: 'A new lesson',
    summary: 'One sentence for the course page.',
    seed: 1,
    cluster: {
      network: { plugin: 'flannel', backend: 'vxlan' },
      nodes: [{ name: 'node-1' }, { name: 'node-2' }],
    },
    steps: [
      {
        type: 'narrative',
        id: 'introduction',
        title: 'Introduction',
        body: 'Say what the student will learn.',
      },
      {
        type: 'task',
        id: 'first-pod',
        title: 'Schedule a pod',
        body: 'Schedule a pod `web` on node-1.',
        goal: { type: 'podRunning', pod: 'web' },
      },
    ],
    solution: [{ type: 'schedulePod', name: 'web', node: 'node-1' }],
  },
  null,
  2,
)}\n`;

/** Problems and outline of the text, checked as the course page checks a file (debounced). */
function useChecked(text: string) {
  const [checked, setChecked] = useState(() => checkEditorText(text));
  useEffect(() => {
    const timer = window.setTimeout(() => setChecked(checkEditorText(text)), 300);
    return () => window.clearTimeout(timer);
  }, [text]);
  return checked;
}

/**
 * The lesson editor: the JSON in CodeMirror with the schema's completion and inline errors,
 * and beside it the lesson's problems (the same checks as opening the file), a checklist of
 * what it lacks, and its steps as the student will read them. Loaded on its own route.
 */
export default function EditorRoute({
  navigate,
}: {
  navigate: (route: Route, opts?: { replace?: boolean }) => void;
}) {
  const [initial] = useState(() => editorDraftStore.getState().text ?? STARTER);
  const [text, setText] = useState(initial);
  const [editorKey, setEditorKey] = useState(0);
  const { problems, lesson, checklist } = useChecked(text);
  const headingId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => editorDraftStore.getState().set(text), [text]);
  const outline = useMemo(() => lesson?.steps ?? [], [lesson]);

  async function openFile(file: File | undefined) {
    if (!file) return;
    const read = await readLessonFile(file);
    if (!read.ok) return setNote(describeFileProblems(file.name, [read.problem]));
    const content = read.text;
    editorDraftStore.getState().set(content);
    setText(content);
    setEditorKey((k) => k + 1);
    setNote(`Opened ${file.name}.`);
  }

  const { dragging, dropZone } = useFileDrop((files) => void openFile(files[0]));

  const button = 'rounded border border-slate-300 px-2 py-1 text-sm dark:border-slate-600';
  return (
    <div className="grid grid-cols-1 gap-4 p-4 lg:grid-cols-[minmax(0,1fr)_minmax(320px,38%)]">
      <section
        {...dropZone}
        aria-labelledby={headingId}
        className={`flex min-w-0 flex-col gap-2 ${dragging ? 'rounded outline-2 outline-blue-700 outline-dashed' : ''}`}
      >
        <h2 id={headingId} className="text-lg font-semibold">
          Lesson editor
        </h2>
        <p className="text-sm">
          Completion (Ctrl+Space), hover help and inline errors come from the lesson schema; the checks beside
          it are the ones the course page and <code>npm run lab -- check</code> run. Open a file, or drop one
          here.
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <button type="button" className={button} onClick={() => fileInput.current?.click()}>
            Open file
          </button>
          <input
            ref={fileInput}
            type="file"
            accept="application/json,.json"
            className="sr-only"
            aria-label="Lesson file to edit"
            onChange={(e) => void openFile(e.target.files?.[0]).finally(() => (e.target.value = ''))}
          />
          <button
            type="button"
            className={button}
            onClick={() => downloadFile(`${lesson?.id ?? 'my-lesson'}.json`, text)}
          >
            Save file
          </button>
          <button
            type="button"
            className={button}
            disabled={!lesson}
            onClick={() => {
              if (!lesson) return;
              previewStore.getState().add({ name: EDITOR_FILE, text });
              navigate({ page: 'lesson', lessonId: lesson.id, step: 1 });
            }}
          >
            Try it as a student
          </button>
          <CopyLinkButton
            makeLink={async () => {
              const codec = await loadCodec();
              return buildLink(
                linkBase(window.location.href),
                formatRoute({ page: 'open-lesson', data: codec.compress(text) }),
              );
            }}
            tooLong="Save the file instead: it opens from the course page."
          />
        </div>
        {note ? (
          <p role="status" className="text-xs">
            {note}
          </p>
        ) : null}
        <LessonEditor key={editorKey} initial={text} onChange={setText} labelledBy={headingId} />
      </section>
      <aside aria-label="Lesson preview" className="flex min-w-0 flex-col gap-3 text-sm">
        <section
          aria-labelledby="editor-problems"
          className="rounded border border-slate-200 p-3 dark:border-slate-700"
        >
          <h3 id="editor-problems" className="font-semibold">
            {problems.length === 0
              ? '✓ No problems'
              : `${problems.length} problem${problems.length === 1 ? '' : 's'}`}
          </h3>
          {problems.length > 0 ? (
            <ul className="mt-1 list-disc pl-5 font-mono text-xs text-red-800 dark:text-red-300">
              {problems.slice(0, 20).map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : (
            <p className="mt-1 text-xs">
              The lesson loads, and its solution meets every goal and prediction.
            </p>
          )}
        </section>
        <section
          aria-labelledby="editor-checklist"
          className="rounded border border-slate-200 p-3 dark:border-slate-700"
        >
          <h3 id="editor-checklist" className="font-semibold">
            What the lesson still lacks
          </h3>
          <ul aria-label="Lesson checklist" className="mt-1 space-y-0.5">
            {checklist.map((item) => (
              <li key={item.label}>
                <span aria-hidden="true">{item.done ? '✓ ' : '○ '}</span>
                <span className="sr-only">{item.done ? 'done: ' : 'missing: '}</span>
                {item.label}
                {!item.done && item.detail ? (
                  <span className="block pl-4 text-xs text-slate-600 dark:text-slate-300">{item.detail}</span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
        <section
          aria-labelledby="editor-steps"
          className="rounded border border-slate-200 p-3 dark:border-slate-700"
        >
          <h3 id="editor-steps" className="font-semibold">
            {lesson ? lesson.title : 'Steps'}
          </h3>
          {outline.length === 0 ? (
            <p className="mt-1 text-xs">The steps show here once the lesson loads.</p>
          ) : (
            <ol className="mt-1 space-y-2">
              {outline.map((step, i) => (
                <li key={step.id}>
                  <p className="text-xs font-medium tracking-wide text-slate-600 uppercase dark:text-slate-300">
                    Step {i + 1} · {step.type}
                  </p>
                  <p className="font-semibold">{step.title}</p>
                  <Markdown text={step.body} className="text-xs" />
                </li>
              ))}
            </ol>
          )}
        </section>
      </aside>
    </div>
  );
}
