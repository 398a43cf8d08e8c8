import { createStore } from 'zustand/vanilla';

/**
 * The lesson text the editor opens with: what the sandbox's builder handed it ("Open in the
 * editor"), or a file opened there. In memory only, like previews.
 */
export const editorDraftStore = createStore<{ text: string | null; set: (text: string) => void }>()(
  (set) => ({
    text: null,
    set: (text) => set({ text }),
  }),
);
