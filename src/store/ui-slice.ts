import type { StateCreator } from 'zustand/vanilla';
import type { LabState } from './lab-store.ts';

/** What the student has selected in the topology or the tables. */
export type Selection =
  { readonly kind: 'node'; readonly name: string } | { readonly kind: 'pod'; readonly key: string };

/** A message for the student about something the lab did on its own (a rebuild, a bad link). */
export interface Notice {
  readonly tone: 'info' | 'error';
  readonly text: string;
}

export interface UiSlice {
  selection: Selection | null;
  notice: Notice | null;
  select: (selection: Selection | null) => void;
  notify: (notice: Notice | null) => void;
}

export const createUiSlice: StateCreator<LabState, [], [], UiSlice> = (set) => ({
  selection: null,
  notice: null,
  select: (selection) => set({ selection }),
  notify: (notice) => set({ notice }),
});
