import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import {
  createEmptyProgress,
  exportProgress,
  importProgress,
  mergeProgress,
  parseProgress,
  type Progress,
} from '../lessons/progress.ts';

const KEY = 'pod-network-lab:progress';

function readSaved(): { progress: Progress; dropped: readonly string[] } {
  try {
    const raw = window.localStorage.getItem(KEY);
    if (raw === null) return { progress: createEmptyProgress(), dropped: [] };
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return {
        progress: createEmptyProgress(),
        dropped: ['the saved progress was not valid JSON and was set aside'],
      };
    }
    return parseProgress(value);
  } catch {
    return { progress: createEmptyProgress(), dropped: [] };
  }
}

function save(progress: Progress): void {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(progress));
  } catch {
    // Storage full or blocked: progress holds for this visit only.
  }
}

const initial = readSaved();

/** The student's progress, kept in the browser and saved on every change. */
export const progressStore = createStore<{
  progress: Progress;
  /** What could not be read from the saved progress, to tell the student once. */
  dropped: readonly string[];
  update: (change: (progress: Progress) => Progress) => void;
  importText: (text: string) => { ok: true; dropped: readonly string[] } | { ok: false; message: string };
  exportText: () => string;
  reset: () => void;
}>()((set, get) => ({
  progress: initial.progress,
  dropped: initial.dropped,
  update: (change) => {
    const next = change(get().progress);
    if (next === get().progress) return;
    save(next);
    set({ progress: next });
  },
  importText: (text) => {
    const result = importProgress(text);
    if (!result.ok) return { ok: false, message: result.message };
    const merged = mergeProgress(get().progress, result.progress);
    save(merged);
    set({ progress: merged });
    return { ok: true, dropped: result.dropped };
  },
  exportText: () => exportProgress(get().progress),
  reset: () => {
    const empty = createEmptyProgress();
    save(empty);
    set({ progress: empty, dropped: [] });
  },
}));

export function useProgress<T>(selector: (s: ReturnType<typeof progressStore.getState>) => T): T {
  return useStore(progressStore, selector);
}
