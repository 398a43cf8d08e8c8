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

/** The endpoints chosen for the next trace: option values of the trace form ('' = the form's default). */
export interface TraceEnds {
  readonly from: string;
  readonly to: string;
}

export interface UiSlice {
  /** Set while a large cluster is being built, so the lab can say so before the work starts. */
  building: string | null;
  setBuilding: (what: string | null) => void;
  /** Nodes the student expanded in the drawing although they hold more pods than it shows by default. */
  expandedNodes: ReadonlySet<string>;
  setExpanded: (node: string, expanded: boolean) => void;
  traceEnds: TraceEnds;
  /** Sets where the next trace starts or ends, from the form or from a pod in the inspector. */
  setTraceEnd: (which: keyof TraceEnds, value: string) => void;
  selection: Selection | null;
  notice: Notice | null;
  select: (selection: Selection | null) => void;
  notify: (notice: Notice | null) => void;
}

export const createUiSlice: StateCreator<LabState, [], [], UiSlice> = (set) => ({
  selection: null,
  notice: null,
  building: null,
  setBuilding: (what) => set({ building: what }),
  expandedNodes: new Set(),
  setExpanded: (node, expanded) =>
    set((s) => {
      if (s.expandedNodes.has(node) === expanded) return s;
      const next = new Set(s.expandedNodes);
      if (expanded) next.add(node);
      else next.delete(node);
      return { expandedNodes: next };
    }),
  traceEnds: { from: '', to: '' },
  setTraceEnd: (which, value) => set((s) => ({ traceEnds: { ...s.traceEnds, [which]: value } })),
  select: (selection) => set({ selection }),
  notify: (notice) => set({ notice }),
});
