import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import {
  createEmptyProgress,
  describeImport,
  exportProgress,
  importProgress,
  mergeProgressReport,
  parseProgress,
  type Progress,
} from '../lessons/progress.ts';
import { BUNDLED_COURSE } from './bundled-course.ts';

const KEY = 'pod-network-lab:progress';
/** Saved progress the lab could not read, kept as it was, newest last, to export. */
export const BACKUP_KEY = 'pod-network-lab:progress-backup';
const MAX_BACKUPS = 5;

export interface ProgressBackup {
  readonly at: string;
  readonly reason: string;
  readonly text: string;
}

/** The course's own lessons: never dropped from saved progress for other entries. */
const COURSE_IDS: ReadonlySet<string> = new Set(BUNDLED_COURSE.flatMap((e) => (e.ok ? [e.id] : [])));

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function readBackups(): ProgressBackup[] {
  try {
    const raw = storage()?.getItem(BACKUP_KEY);
    const value: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(value) ? (value as ProgressBackup[]).filter((b) => typeof b?.text === 'string') : [];
  } catch {
    return [];
  }
}

/** Keeps what could not be read before anything overwrites it; in memory too when storage refuses. */
function setAside(text: string, reason: string): void {
  const backups = [
    ...readBackups().filter((b) => b.text !== text),
    { at: new Date().toISOString(), reason, text },
  ];
  memoryBackups = backups.slice(-MAX_BACKUPS);
  try {
    storage()?.setItem(BACKUP_KEY, JSON.stringify(memoryBackups));
  } catch {
    // Kept in memory for this visit: the student can still export it.
  }
}
let memoryBackups: ProgressBackup[] = readBackups();

/** Reads the saved progress; what it cannot read is set aside under the backup key first. */
function readStored(): { progress: Progress; dropped: readonly string[] } {
  const raw = storage()?.getItem(KEY) ?? null;
  if (raw === null) return { progress: createEmptyProgress(), dropped: [] };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    setAside(raw, 'not valid JSON');
    return {
      progress: createEmptyProgress(),
      dropped: ['the saved progress was not valid JSON; it was set aside, and you can export it'],
    };
  }
  const parsed = parseProgress(value, { keep: COURSE_IDS });
  if (parsed.dropped.length > 0) setAside(raw, parsed.dropped.slice(0, 3).join('; '));
  return parsed;
}

/** The message when a save fails, with what to do. */
const SAVE_FAILED =
  'Your progress could not be saved in this browser: its storage is full or blocked (on github.io, every project of one user shares it). It holds for this visit; export it to keep it.';

/** Writes `progress`; false when the browser refuses (quota, blocked storage). */
function write(progress: Progress): boolean {
  try {
    const s = storage();
    if (!s) return false;
    s.setItem(KEY, JSON.stringify(progress));
    return true;
  } catch {
    return false;
  }
}

/** Stamps the lessons `change` touched with the time, so a merge can tell which copy is newer. */
function stamp(before: Progress, after: Progress, now: number): Progress {
  let lessons: Record<string, Progress['lessons'][string]> | null = null;
  for (const [id, entry] of Object.entries(after.lessons)) {
    const old = Object.hasOwn(before.lessons, id) ? before.lessons[id] : undefined;
    if (entry === old) continue;
    lessons ??= { ...after.lessons };
    lessons[id] = { ...entry, updatedAt: now };
  }
  return lessons ? { version: after.version, lessons } : after;
}

function initial() {
  try {
    return readStored();
  } catch {
    return { progress: createEmptyProgress(), dropped: [] };
  }
}

const first = initial();

export type ImportOutcome = { ok: true; message: string } | { ok: false; message: string };

/**
 * The student's progress, kept in the browser. Every write first reads what is stored now
 * and merges it (another tab may have saved since), and a `storage` event from another tab
 * merges its save into this one, so neither tab's work overwrites the other's.
 */
export const progressStore = createStore<{
  progress: Progress;
  /** What could not be read from the saved progress, to tell the student once. */
  dropped: readonly string[];
  /** Set when the last save failed (quota): the student is told, and offered an export. */
  saveError: string | null;
  backups: readonly ProgressBackup[];
  update: (change: (progress: Progress) => Progress) => void;
  importText: (text: string) => ImportOutcome;
  exportText: () => string;
  exportBackups: () => string;
  reset: () => void;
}>()((set, get) => ({
  progress: first.progress,
  dropped: first.dropped,
  saveError: null,
  backups: memoryBackups,
  update: (change) => {
    const mine = get().progress;
    const next = change(mine);
    if (next === mine) return;
    let base: Progress = mine;
    try {
      base = mergeProgressReport(readStored().progress, mine).progress;
    } catch {
      // Unreadable storage: this tab's copy is all there is.
    }
    const merged = stamp(base, change(base), Date.now());
    const saved = write(merged);
    set({ progress: merged, saveError: saved ? null : SAVE_FAILED, backups: memoryBackups });
  },
  importText: (text) => {
    const result = importProgress(text, { keep: COURSE_IDS });
    if (!result.ok) return { ok: false, message: result.message };
    const report = mergeProgressReport(get().progress, result.progress);
    const saved = write(report.progress);
    set({ progress: report.progress, saveError: saved ? null : SAVE_FAILED });
    return { ok: true, message: describeImport(report, result.dropped) };
  },
  exportText: () => exportProgress(get().progress),
  exportBackups: () => `${JSON.stringify(get().backups, null, 2)}\n`,
  reset: () => {
    const empty = createEmptyProgress();
    const saved = write(empty);
    set({ progress: empty, dropped: [], saveError: saved ? null : SAVE_FAILED });
  },
}));

// Another tab saved: merge its progress into this one's, so the next save here keeps it.
if (typeof window !== 'undefined')
  window.addEventListener('storage', (event) => {
    if (event.key !== KEY || event.newValue === null) return;
    try {
      const theirs = parseProgress(JSON.parse(event.newValue), { keep: COURSE_IDS }).progress;
      progressStore.setState((s) => ({ progress: mergeProgressReport(s.progress, theirs).progress }));
    } catch {
      // Not readable: the next save here re-reads storage and sets it aside.
    }
  });

/**
 * Progress of previewed lessons (a file or a link): in memory only, apart from the saved
 * course progress, so a preview with a course lesson's id never rewrites that lesson's.
 */
export const previewProgressStore = createStore<{
  progress: Progress;
  update: (change: (progress: Progress) => Progress) => void;
}>()((set, get) => ({
  progress: createEmptyProgress(),
  update: (change) => set({ progress: change(get().progress) }),
}));

export function useProgress<T>(selector: (s: ReturnType<typeof progressStore.getState>) => T): T {
  return useStore(progressStore, selector);
}
