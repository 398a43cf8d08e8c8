import { lazy, Suspense, useRef, useState } from 'react';

const TerminalView = lazy(() => import('./TerminalView.tsx'));

/**
 * The terminal: kubectl at a workstation, ssh to a node, kubectl exec into a pod. The
 * terminal emulator (xterm.js) loads when the student opens the panel, so the lab's first
 * paint does not carry it.
 */
export function TerminalPanel() {
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  return (
    <section
      aria-labelledby="terminal-heading"
      className="rounded border border-slate-200 p-3 dark:border-slate-700"
    >
      <div className="flex items-center justify-between gap-2">
        <h2
          id="terminal-heading"
          className="text-sm font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-300"
        >
          Terminal
        </h2>
        <button
          ref={toggle}
          type="button"
          aria-expanded={open}
          aria-controls="terminal-body"
          onClick={() => setOpen(!open)}
          className="rounded border border-slate-300 px-3 py-1 text-sm dark:border-slate-600"
        >
          {open ? 'Close terminal' : 'Open terminal'}
        </button>
      </div>
      {open ? (
        <div id="terminal-body" className="mt-2">
          <p className="mb-2 text-xs text-slate-600 dark:text-slate-300">
            Try <code>kubectl get pods -o wide</code>, <code>ssh node-1</code> then <code>ip route</code>, or{' '}
            <code>help</code>. Tab completes, the arrows recall earlier lines, Ctrl-C stops tcpdump or ping.
            Escape leaves the terminal.
          </p>
          <div className="h-72 overflow-hidden rounded border border-slate-200 bg-white p-1 sm:h-80 dark:border-slate-700 dark:bg-slate-950">
            <Suspense fallback={<p className="p-2 text-sm">Loading the terminal…</p>}>
              <TerminalView onEscape={() => toggle.current?.focus()} />
            </Suspense>
          </div>
        </div>
      ) : null}
    </section>
  );
}
