import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export type Theme = 'light' | 'dark';

const THEME_KEY = 'pod-network-lab:theme';

function initialTheme(): Theme {
  try {
    const saved = window.localStorage.getItem(THEME_KEY);
    if (saved === 'light' || saved === 'dark') return saved;
  } catch {
    // Storage can be unavailable (private mode, blocked cookies): fall back to the system setting.
  }
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches
    ? 'dark'
    : 'light';
}

/** Preferences that outlive any one lesson or cluster: the colour theme. */
export const prefsStore = createStore<{ theme: Theme; setTheme: (theme: Theme) => void }>()((set) => ({
  theme: initialTheme(),
  setTheme: (theme) => {
    try {
      window.localStorage.setItem(THEME_KEY, theme);
    } catch {
      // Not saved; the choice still holds for this visit.
    }
    set({ theme });
  },
}));

export function useTheme(): [Theme, (theme: Theme) => void] {
  return [useStore(prefsStore, (s) => s.theme), useStore(prefsStore, (s) => s.setTheme)];
}
