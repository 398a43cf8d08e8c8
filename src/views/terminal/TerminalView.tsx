import { FitAddon } from '@xterm/addon-fit';
import { Terminal, type ITheme } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef } from 'react';
import { useTheme } from '../../store/prefs-store.ts';
import { useLabStoreApi } from '../../store/useLab.ts';
import { TerminalBinding } from './terminal-binding.ts';

const THEMES: Record<'light' | 'dark', ITheme> = {
  light: {
    background: '#ffffff',
    foreground: '#0f172a',
    cursor: '#0f172a',
    cursorAccent: '#ffffff',
    selectionBackground: '#bfdbfe',
  },
  dark: {
    background: '#020617',
    foreground: '#e2e8f0',
    cursor: '#e2e8f0',
    cursorAccent: '#020617',
    selectionBackground: '#1e3a8a',
  },
};

/** The xterm.js screen bound to the lab's shell; loaded only when the student opens the terminal. */
export default function TerminalView({ onEscape }: { onEscape: () => void }) {
  const host = useRef<HTMLDivElement>(null);
  const term = useRef<Terminal | null>(null);
  const store = useLabStoreApi();
  const [theme] = useTheme();
  const initialTheme = useRef(theme);
  const escape = useRef(onEscape);
  useEffect(() => {
    escape.current = onEscape;
  });

  useEffect(() => {
    const el = host.current;
    if (el === null) return;
    const t = new Terminal({
      screenReaderMode: true,
      convertEol: false,
      cursorBlink: false,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
      fontSize: 13,
      scrollback: 5000,
      theme: THEMES[initialTheme.current],
    });
    const fit = new FitAddon();
    t.loadAddon(fit);
    // Escape hands focus back to the page (Tab itself completes inside the terminal).
    t.attachCustomKeyEventHandler((e) => {
      if (e.type === 'keydown' && e.key === 'Escape') {
        escape.current();
        return false;
      }
      return true;
    });
    t.open(el);
    fit.fit();
    const binding = new TerminalBinding(t, store);
    term.current = t;
    const resize = new ResizeObserver(() => {
      try {
        fit.fit();
      } catch {
        // Hidden (zero size): fits again when shown.
      }
    });
    resize.observe(el);
    t.focus();
    return () => {
      resize.disconnect();
      binding.dispose();
      t.dispose();
      term.current = null;
    };
  }, [store]);

  useEffect(() => {
    if (term.current !== null) term.current.options.theme = THEMES[theme];
  }, [theme]);

  return <div ref={host} data-testid="terminal-screen" className="h-full w-full" />;
}
