import { createStore, type StoreApi } from 'zustand/vanilla';
import { createLessonSlice, type LessonSlice } from './lesson-slice.ts';
import { createSimSlice, type SimSlice } from './sim-slice.ts';
import { createTraceSlice, type TraceSlice } from './trace-slice.ts';
import { createUiSlice, type UiSlice } from './ui-slice.ts';

/** The whole lab state: the simulation and what the student is looking at. */
export type LabState = SimSlice & TraceSlice & UiSlice & LessonSlice;
export type LabStore = StoreApi<LabState>;

/** Builds a fresh store (one per app, one per test). */
export function createLabStore(): LabStore {
  return createStore<LabState>()((...a) => ({
    ...createSimSlice(...a),
    ...createTraceSlice(...a),
    ...createUiSlice(...a),
    ...createLessonSlice(...a),
  }));
}
