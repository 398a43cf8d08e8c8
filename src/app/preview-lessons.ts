import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { LessonFile } from '../lessons/lesson-parser.ts';

/**
 * Lesson files an instructor opened from disk to preview. They live in memory until the
 * page is reloaded and take precedence over a bundled lesson with the same id.
 */
/** A previewed file, with the problems its full validation found (listed first on its card). */
export type PreviewFile = LessonFile & { readonly problems?: readonly string[] };

export const previewStore = createStore<{
  files: readonly PreviewFile[];
  add: (file: PreviewFile) => void;
}>()((set) => ({
  files: [],
  add: (file) => set((s) => ({ files: [...s.files.filter((f) => f.name !== file.name), file] })),
}));

export function usePreviewFiles(): readonly PreviewFile[] {
  return useStore(previewStore, (s) => s.files);
}
