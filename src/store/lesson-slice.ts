import type { StateCreator } from 'zustand/vanilla';
import type { ExecAction } from '../shell/exec-action.ts';
import type { Command, TraceRequest } from '../engine/index.ts';
import type { Lesson } from '../lessons/load-lesson.ts';
import type { LabState } from './lab-store.ts';
import type { TerminalEntry } from './sim-slice.ts';

/** Graph references (`node/…`, `pod/…`, `device/NODE/DEV`) a task's goal is about. */
export interface GoalMarks {
  readonly goal: readonly string[];
  readonly met: readonly string[];
}

export const NO_GOAL_MARKS: GoalMarks = { goal: [], met: [] };

export interface LessonSlice {
  lesson: Lesson | null;
  /** Graph elements the current narrative step points at (`node/…`, `pod/…`, `device/NODE/DEV`). */
  highlight: readonly string[];
  /**
   * What the current task asks for, marked in the drawing with the same references: `goal`
   * for targets not yet reached, `met` for those the lab has checked as done.
   */
  goalMarks: GoalMarks;
  /** Builds the lesson's cluster from its spec and seed; returns the problems if it cannot. */
  startLesson: (lesson: Lesson) => { ok: true } | { ok: false; problems: string[] };
  setHighlight: (refs: readonly string[]) => void;
  setGoalMarks: (marks: GoalMarks) => void;
  /** Rebuilds the lesson's cluster and replays its solution, traces included, so every goal shows met. */
  replaySolution: () => void;
  /** Applies the first `count` solution actions, as if the student had done the earlier steps. */
  replaySolutionPrefix: (count: number) => void;
  /**
   * Applies actions in order as the student would (traces shown and logged); returns the
   * ones that failed, counted from 1, with their messages.
   */
  replayActions: (commands: readonly (Command | ExecAction)[]) => { index: number; message: string }[];
  /**
   * Where "Reset" goes in this lesson: the first `count` solution actions replayed again, as
   * when the lesson was opened at `step` (counted from 1); null goes back to the lesson's cluster.
   */
  resetTo: { count: number; step: number } | null;
  setResetTo: (to: { count: number; step: number } | null) => void;
  /** Reset for the lab's Reset button: the origin cluster, then, in a lesson opened mid-way, its catch-up replay. */
  resetLab: () => void;
}

export const createLessonSlice: StateCreator<LabState, [], [], LessonSlice> = (set, get) => ({
  lesson: null,
  highlight: [],
  goalMarks: NO_GOAL_MARKS,
  startLesson: (lesson) => {
    const outcome = get().loadCluster(lesson.cluster, lesson.seed);
    if (outcome.ok) {
      set({ lesson, highlight: [], goalMarks: NO_GOAL_MARKS });
      if (outcome.notice !== undefined) get().notify({ tone: 'info', text: outcome.notice });
    }
    return outcome;
  },
  setHighlight: (refs) => set({ highlight: refs }),
  setGoalMarks: (marks) => set({ goalMarks: marks }),
  replaySolution: () => {
    const { lesson } = get();
    if (!lesson) return;
    get().reset();
    get().replaySolutionPrefix(lesson.solution.length);
  },
  replaySolutionPrefix: (count) => {
    const { lesson } = get();
    if (!lesson) return;
    get().replayActions(lesson.solution.slice(0, count));
  },
  resetTo: null,
  setResetTo: (to) => set({ resetTo: to }),
  resetLab: () => {
    const { resetTo, lesson } = get();
    get().reset();
    if (!lesson || !resetTo || resetTo.count === 0) return;
    get().replaySolutionPrefix(resetTo.count);
    get().notify({
      tone: 'info',
      text: `Reset: the lesson's cluster was rebuilt and the first ${resetTo.count} action${resetTo.count === 1 ? '' : 's'} of its solution replayed again, as when you opened it at step ${resetTo.step}.`,
    });
  },
  replayActions: (commands) => {
    const failed: { index: number; message: string }[] = [];
    const firstExec = commands.findIndex((c) => c.type === 'exec');
    if (firstExec >= 0) {
      // Terminal lines need the shell, which loads with the terminal: the actions from the
      // first one on run, in order, once it has loaded.
      const rest = commands.slice(firstExec);
      void import('../shell/index.ts').then((shell) => {
        // A tcpdump among them prints the packets of the traces after it, as in the runner;
        // it is stopped at the end of the replay, as Ctrl-C would.
        const entries = new Map<number, TerminalEntry>();
        const captures = shell.createCaptureTracker<number>((at, text) => {
          const entry = entries.get(at);
          if (entry !== undefined) entries.set(at, get().appendTerminalOutput(entry, text));
        });
        const trace = (request: TraceRequest) => {
          const result = get().runTrace(request);
          if (result.ok && 'trace' in result) captures.feed(get().cluster, result.trace);
          return result;
        };
        const host = { cluster: () => get().cluster, dispatch: get().dispatch, trace };
        rest.forEach((action, at) => {
          if (action.type !== 'exec') {
            if (action.type === 'trace') trace(action);
            else get().dispatch(action);
            return;
          }
          const r = shell.runExecAction(host, action);
          entries.set(at, get().recordTerminal({ on: action.on, command: action.command, output: r.output }));
          captures.add(at, r.session);
        });
        captures.stop();
      });
      commands = commands.slice(0, firstExec);
    }
    commands.forEach((command, i) => {
      if (command.type === 'exec') return;
      // A trace keeps its whole request (payload size and TTL too), as the lesson check traces it.
      const result = command.type === 'trace' ? get().runTrace(command) : get().dispatch(command);
      if (!result.ok) failed.push({ index: i + 1, message: result.error.message });
    });
    return failed;
  },
});
