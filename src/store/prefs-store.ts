import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export type Theme = 'light' | 'dark';

const THEME_KEY = 'pod-network-lab:theme';
const CHOICE_SEED_KEY = 'pod-network-lab:choice-seed';

/**
 * This browser's seed for the order of quiz choices, drawn once and kept, so the order is
 * the same on every visit but differs between students.
 */
function initialChoiceSeed(): number {
  try {
    const saved = window.localStorage.getItem(CHOICE_SEED_KEY);
    if (saved !== null && /^\d{1,10}$/.test(saved) && Number(saved) <= 0xffffffff) return Number(saved);
  } catch {
    // Unavailable storage: a fresh seed for this visit.
  }
  const seed = globalThis.crypto.getRandomValues(new Uint32Array(1))[0] ?? 0;
  try {
    window.localStorage.setItem(CHOICE_SEED_KEY, String(seed));
  } catch {
    // Not kept: the order holds for this visit.
  }
  return seed;
}

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

/** Preferences that outlive any one lesson or cluster: the colour theme, the choice-order seed. */
export const prefsStore = createStore<{
  theme: Theme;
  choiceSeed: number;
  setTheme: (theme: Theme) => void;
}>()((set) => ({
  theme: initialTheme(),
  choiceSeed: initialChoiceSeed(),
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

/** This browser's seed for shuffling quiz and prediction choices. */
export function useChoiceSeed(): number {
  return useStore(prefsStore, (s) => s.choiceSeed);
}
