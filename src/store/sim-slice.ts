import type { StateCreator } from 'zustand/vanilla';
import {
  applyCommand,
  createCluster,
  parseClusterSpec,
  type ClusterSpec,
  type ClusterState,
  type Command,
  type CommandResult,
} from '../engine/index.ts';
import { DEFAULT_CLUSTER_SPEC, DEFAULT_SEED } from './default-cluster.ts';
import type { LabState } from './lab-store.ts';

/** How many earlier states "Undo" can go back to. */
export const UNDO_LIMIT = 100;

/** The outcome of the student's last action, shown in place. */
export interface LastAction {
  readonly command: Command;
  readonly result: CommandResult;
  readonly seq: number;
}

/** A line run in the terminal (or by a lesson's solution): where, what, and what it printed. */
export interface TerminalEntry {
  /** `kubectl` (the workstation), `node/NAME` or `pod/NAMESPACE/NAME`. */
  readonly on: string;
  readonly command: string;
  readonly output: string;
}

/** How many terminal lines the log keeps for goals (the newest). */
export const TERMINAL_LOG_LIMIT = 200;

export interface SimSlice {
  cluster: ClusterState;
  /** The spec and seed the cluster was built from: "Reset" returns here. */
  origin: { spec: ClusterSpec; seed: number };
  /** Earlier states, newest last. */
  past: ClusterState[];
  /** For each entry of `past`, how long the log was then: Undo takes the log back with the cluster. */
  pastLogLength: number[];
  /** Commands taken since the origin, in order (for export and replay). */
  commands: Command[];
  lastAction: LastAction | null;
  /** Every command dispatched since the origin with its result, failures and traces included (goals read it). */
  log: ReadonlyArray<{ readonly command: Command; readonly result: CommandResult }>;
  /** Applies one command; on failure the cluster is unchanged and the error is kept in lastAction. */
  dispatch: (command: Command) => CommandResult;
  /** Terminal lines since the origin (goals read it; Reset and Load clear it, Undo keeps it). */
  terminalLog: readonly TerminalEntry[];
  /** Keeps a line; returns the entry kept (what `appendTerminalOutput` takes). */
  recordTerminal: (entry: TerminalEntry) => TerminalEntry;
  /**
   * Adds what a line printed after it returned (a tcpdump's packets, a ping's replies, the
   * counts at Ctrl-C) to its entry; returns the entry that replaces it (the same one when
   * it has left the log).
   */
  appendTerminalOutput: (entry: TerminalEntry, text: string) => TerminalEntry;
  undo: () => void;
  reset: () => void;
  /**
   * Rebuilds the cluster from a spec; returns the problems instead when the spec is invalid,
   * and a notice when some of its pods fit no node (they stay Pending).
   */
  loadCluster: (
    spec: unknown,
    seed?: number,
  ) => { ok: true; notice?: string } | { ok: false; problems: string[] };
}

/** A change to the cluster makes a shown trace stale. */
const NO_TRACE = { trace: null, cursor: -1, playing: false } as const;

/**
 * The history and trace state of a freshly built cluster, shared by "Reset" and "Load".
 * Its arrays are shared too: the store only ever replaces them, never mutates them.
 */
const FRESH_HISTORY: Pick<
  SimSlice,
  'past' | 'pastLogLength' | 'commands' | 'lastAction' | 'log' | 'terminalLog'
> &
  typeof NO_TRACE = {
  terminalLog: [],
  past: [],
  pastLogLength: [],
  commands: [],
  lastAction: null,
  log: [],
  ...NO_TRACE,
};

function build(spec: ClusterSpec, seed: number): ClusterState {
  const created = createCluster(spec, seed);
  if (!created.ok) {
    throw new Error(
      `The built-in cluster is invalid: ${created.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
    );
  }
  return created.state;
}

export const createSimSlice: StateCreator<LabState, [], [], SimSlice> = (set, get) => ({
  cluster: build(DEFAULT_CLUSTER_SPEC, DEFAULT_SEED),
  origin: { spec: DEFAULT_CLUSTER_SPEC, seed: DEFAULT_SEED },
  past: [],
  pastLogLength: [],
  commands: [],
  lastAction: null,
  log: [],
  terminalLog: [],
  recordTerminal: (entry) => {
    set((s) => ({ terminalLog: [...s.terminalLog, entry].slice(-TERMINAL_LOG_LIMIT) }));
    return entry;
  },
  appendTerminalOutput: (entry, text) => {
    const log = get().terminalLog;
    const at = log.lastIndexOf(entry);
    if (at < 0 || text === '') return entry;
    const next = { ...entry, output: entry.output + text };
    set({ terminalLog: log.with(at, next) });
    return next;
  },
  dispatch: (command) => {
    const { cluster, past, pastLogLength, commands, lastAction, log } = get();
    const { state, result } = applyCommand(cluster, command);
    const seq = (lastAction?.seq ?? 0) + 1;
    const entry = { command, result };
    if (!result.ok || state === cluster) {
      set({ lastAction: { command, result, seq }, log: [...log, entry] });
      return result;
    }
    // A trace changes only what the kernels learned from its packets (neighbour entries):
    // it joins the step before it, as it always did, so Undo takes back the last change with
    // the traces since (and what they taught); the shown trace stays current.
    if (command.type === 'trace') {
      set({ cluster: state, lastAction: { command, result, seq }, log: [...log, entry] });
      return result;
    }
    set({
      cluster: state,
      past: [...past, cluster].slice(-UNDO_LIMIT),
      pastLogLength: [...pastLogLength, log.length].slice(-UNDO_LIMIT),
      commands: [...commands, command],
      lastAction: { command, result, seq },
      log: [...log, entry],
      ...NO_TRACE,
    });
    return result;
  },
  undo: () => {
    const { past, pastLogLength, commands, log } = get();
    const previous = past[past.length - 1];
    if (!previous) return;
    // Goals read the log: what was done on the undone state (traces, failures) goes with it.
    const logLength = pastLogLength[pastLogLength.length - 1] ?? log.length;
    set({
      cluster: previous,
      past: past.slice(0, -1),
      pastLogLength: pastLogLength.slice(0, -1),
      log: log.slice(0, logLength),
      commands: commands.slice(0, -1),
      lastAction: null,
      ...NO_TRACE,
    });
  },
  reset: () => {
    const { origin } = get();
    set({
      cluster: build(origin.spec, origin.seed),
      ...FRESH_HISTORY,
    });
  },
  loadCluster: (input, seed = DEFAULT_SEED) => {
    const parsed = parseClusterSpec(input, 'cluster');
    if (!parsed.ok) return { ok: false, problems: parsed.problems.map((p) => `${p.path}: ${p.message}`) };
    const created = createCluster(parsed.value, seed);
    if (!created.ok)
      return { ok: false, problems: created.problems.map((p) => `cluster.${p.path}: ${p.message}`) };
    set({
      cluster: created.state,
      origin: { spec: parsed.value, seed },
      ...FRESH_HISTORY,
    });
    return created.notice === undefined ? { ok: true } : { ok: true, notice: created.notice };
  },
});
