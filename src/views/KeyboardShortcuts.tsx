import { useEffect, useRef, useState } from 'react';
import { useLabStoreApi } from '../store/useLab.ts';
import { keyOf, SHORTCUTS, shortcutOf } from './shared/shortcuts.ts';

/**
 * The lab's trace shortcuts and the `?` help dialog. Lesson steps handle their own keys
 * (the lesson panel knows where Next goes); both read the one table in `shortcuts.ts`.
 */
export function KeyboardShortcuts() {
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const store = useLabStoreApi();
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const action = shortcutOf(event);
      if (action === null || event.defaultPrevented) return;
      const s = store.getState();
      if (action === 'help') {
        opener.current = document.activeElement;
        setOpen(true);
      } else if (action === 'trace-play') {
        if (!s.trace) return;
        if (s.playing) s.pause();
        else s.play();
      } else if (action === 'trace-forward') {
        if (!s.trace) return;
        s.stepForward();
      } else if (action === 'trace-back') {
        if (!s.trace) return;
        s.stepBack();
      } else return;
      event.preventDefault();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  return (
    <>
      <button
        type="button"
        aria-keyshortcuts={keyOf('help')}
        onClick={(e) => {
          opener.current = e.currentTarget;
          setOpen(true);
        }}
        className="self-start text-xs underline"
      >
        Keyboard shortcuts <kbd aria-hidden="true">?</kbd>
      </button>
      <dialog
        ref={dialog}
        aria-labelledby="shortcuts-heading"
        onClose={() => {
          setOpen(false);
          if (opener.current instanceof HTMLElement) opener.current.focus();
        }}
        className="m-auto max-w-md rounded border border-slate-300 bg-white p-4 text-slate-900 backdrop:bg-slate-900/50 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
      >
        <h2 id="shortcuts-heading" className="text-lg font-semibold">
          Keyboard shortcuts
        </h2>
        <p className="mt-1 text-sm">They work anywhere in the lab except while typing in a field.</p>
        <table className="mt-2 text-sm">
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.action}>
                <th scope="row" className="pr-3 text-left">
                  <kbd className="rounded border border-slate-400 px-1.5 font-mono">{s.label}</kbd>
                </th>
                <td>{s.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <form method="dialog" className="mt-3">
          <button
            type="submit"
            autoFocus
            className="rounded bg-blue-700 px-3 py-1 text-sm font-semibold text-white"
          >
            Close
          </button>
        </form>
      </dialog>
    </>
  );
}
