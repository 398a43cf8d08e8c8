import type { StateCreator } from 'zustand/vanilla';
import { applyCommand, type CommandResult, type TraceRequest, type TraceResult } from '../engine/index.ts';
import type { LabState } from './lab-store.ts';
import { traceEvents, type TraceEvent } from './trace-events.ts';

/** Playback speeds, in hops per second. */
export const TRACE_SPEEDS = [0.5, 1, 2, 4] as const;
export type TraceSpeed = (typeof TRACE_SPEEDS)[number];

export interface TraceSlice {
  trace: { readonly result: TraceResult; readonly events: readonly TraceEvent[] } | null;
  /** The event shown now; -1 before the first hop. */
  cursor: number;
  playing: boolean;
  speed: TraceSpeed;
  /** Runs the tracer on the live cluster (every field of the request) and stops at the first hop. */
  runTrace: (request: Readonly<TraceRequest>) => CommandResult;
  /**
   * Runs the tracer and shows the trace, like `runTrace`, but leaves it out of the action
   * log: a lesson's "reveal" shows the student a trace without doing a later task for them.
   */
  showTrace: (request: Readonly<TraceRequest>) => CommandResult;
  play: () => void;
  pause: () => void;
  stepForward: () => void;
  stepBack: () => void;
  resetTrace: () => void;
  seek: (index: number) => void;
  setSpeed: (speed: TraceSpeed) => void;
}

export const createTraceSlice: StateCreator<LabState, [], [], TraceSlice> = (set, get) => ({
  trace: null,
  cursor: -1,
  playing: false,
  speed: 1,
  runTrace: (request) => {
    const result = get().dispatch({ ...request, type: 'trace' });
    const trace = result.ok && 'trace' in result ? (result.trace as TraceResult | undefined) : undefined;
    if (trace) set({ trace: { result: trace, events: traceEvents(trace) }, cursor: 0, playing: false });
    return result;
  },
  showTrace: (request) => {
    const { result } = applyCommand(get().cluster, { ...request, type: 'trace' });
    const trace = result.ok && 'trace' in result ? (result.trace as TraceResult | undefined) : undefined;
    if (trace) set({ trace: { result: trace, events: traceEvents(trace) }, cursor: 0, playing: false });
    return result;
  },
  play: () => {
    const { trace, cursor } = get();
    if (!trace) return;
    set({ playing: true, cursor: cursor >= trace.events.length - 1 ? 0 : cursor });
  },
  pause: () => set({ playing: false }),
  stepForward: () => {
    const { trace, cursor } = get();
    if (!trace) return;
    const next = Math.min(cursor + 1, trace.events.length - 1);
    set({ cursor: next, playing: get().playing && next < trace.events.length - 1 });
  },
  stepBack: () => set((s) => (s.trace ? { cursor: Math.max(s.cursor - 1, 0), playing: false } : s)),
  resetTrace: () => set((s) => ({ cursor: s.trace ? 0 : -1, playing: false })),
  seek: (index) => {
    const { trace } = get();
    if (!trace) return;
    set({ cursor: Math.max(0, Math.min(index, trace.events.length - 1)), playing: false });
  },
  setSpeed: (speed) => set({ speed }),
});
