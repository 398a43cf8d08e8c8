import { useEffect, useRef } from 'react';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { autocompletion, closeBrackets, completionKeymap } from '@codemirror/autocomplete';
import { bracketMatching, indentOnInput } from '@codemirror/language';
import { lintGutter } from '@codemirror/lint';
import { jsonSchema } from 'codemirror-json-schema';
import { disableErrorLogging } from 'best-effort-json-parser';
import lessonSchema from '../../lessons/lesson.schema.json';

// codemirror-json-schema reads the text being typed with best-effort-json-parser, which
// console.errors every half-typed document ("parsed json with extra tokens"). The editor
// already shows those problems inline, so the parser's own log is turned off.
disableErrorLogging();

/**
 * The lesson JSON in CodeMirror 6, with completion, hover help and inline errors from
 * `lessons/lesson.schema.json` (codemirror-json-schema). Loaded with the editor route only.
 */
export function LessonEditor({
  initial,
  onChange,
  labelledBy,
}: {
  initial: string;
  onChange: (text: string) => void;
  labelledBy: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const changed = useRef(onChange);
  useEffect(() => {
    changed.current = onChange;
  }, [onChange]);
  useEffect(() => {
    if (!host.current) return;
    const view = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: initial,
        extensions: [
          lineNumbers(),
          history(),
          indentOnInput(),
          bracketMatching(),
          closeBrackets(),
          autocompletion(),
          lintGutter(),
          keymap.of([...defaultKeymap, ...historyKeymap, ...completionKeymap, indentWithTab]),
          jsonSchema(lessonSchema as unknown as Parameters<typeof jsonSchema>[0]),
          EditorView.contentAttributes.of({ 'aria-labelledby': labelledBy }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) changed.current(update.state.doc.toString());
          }),
          EditorView.theme({
            '&': { height: '70vh', fontSize: '13px' },
            '.cm-scroller': { overflow: 'auto' },
          }),
        ],
      }),
    });
    return () => view.destroy();
    // The editor is created once; later text comes from the student's typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <div
      ref={host}
      className="rounded border border-slate-300 bg-white text-slate-900 dark:border-slate-600"
    />
  );
}
