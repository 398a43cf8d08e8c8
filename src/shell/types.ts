/** The shell's data: where the student is typing, what a line printed, and the host it runs on. */
import type { ClusterState, Command, CommandResult, TraceRequest } from '../engine/index.ts';

/** Where a line runs: the student's workstation (kubectl), a node (after `ssh`), or a pod's shell. */
export type Place =
  | { readonly kind: 'workstation' }
  | { readonly kind: 'node'; readonly node: string }
  | { readonly kind: 'pod'; readonly pod: string; readonly container: string };

/** What a capture prints a packet with (`tcpdump -nn -e -c N FILTER`). */
export interface CaptureSpec {
  /** `node/NAME` or `pod/KEY`. */
  readonly where: string;
  readonly iface: string;
  /** A tunnel device (flannel.1, tunl0): it carries the inner packet, without the outer headers. */
  readonly tunnel: boolean;
  readonly ethernet: boolean;
  readonly count: number | null;
  readonly filter: readonly string[];
}

/** A program that keeps the terminal until it ends or Ctrl-C: tcpdump waiting for packets, ping without -c. */
export type Job =
  | { readonly kind: 'tcpdump'; readonly spec: CaptureSpec; readonly captured: number; readonly seen: number }
  | {
      readonly kind: 'ping';
      readonly target: string;
      readonly sent: number;
      readonly received: number;
      readonly errors: number;
      /** The per-probe lines of the one traced probe (`null` line = no answer). */
      readonly line: string | null;
      readonly rtt: number;
      readonly times: readonly number[];
    };

/** A command waiting for its here-document. */
export interface Heredoc {
  readonly words: readonly string[];
  readonly delimiter: string;
  /** `<<-`: leading tabs are stripped from each line and from the delimiter line. */
  readonly stripTabs: boolean;
  readonly lines: readonly string[];
  /** The lines as typed so far, for the terminal's log of what was run. */
  readonly typed: string;
}

/** The shell's state between lines: the stack of places (`ssh`, `exec -it ... sh`) and a running job. */
export interface Session {
  readonly places: readonly Place[];
  readonly job: Job | null;
  /**
   * A here-document being typed (`kubectl apply -f - <<EOF`): the command waits, the prompt
   * is `> `, and each line is kept until one is the delimiter.
   */
  readonly heredoc?: Heredoc | null;
  /** Background captures (`tcpdump ... &`). */
  readonly background: readonly {
    readonly id: number;
    readonly spec: CaptureSpec;
    readonly captured: number;
    readonly seen: number;
  }[];
}

/** What the shell reaches: the cluster, the store's actions (so undo, the log and goals see them) and the tracer. */
export interface ShellHost {
  readonly cluster: () => ClusterState;
  readonly dispatch: (command: Command) => CommandResult;
  /** Runs the tracer and shows the trace in the drawing (the store's trace slice). */
  readonly trace: (request: TraceRequest) => CommandResult;
}

/** What running one line gave: the text printed (lines end in `\n`), the next session, and `clear`. */
export interface LineResult {
  readonly output: string;
  readonly session: Session;
  readonly clear?: boolean;
  /** The shell's `$?`. */
  readonly status: number;
  /** Set when a here-document ended: the whole command as typed, its lines included. */
  readonly command?: string;
}

/** The place at the top of the stack. */
export function currentPlace(session: Session): Place {
  return session.places[session.places.length - 1] ?? { kind: 'workstation' };
}

/** A fresh session at the workstation. */
export function createSession(): Session {
  return { places: [{ kind: 'workstation' }], job: null, background: [] };
}

/** The prompt as the real shells print it. */
export function promptOf(session: Session): string {
  if (session.heredoc != null) return '> ';
  const place = currentPlace(session);
  switch (place.kind) {
    case 'workstation':
      return '$ ';
    case 'node':
      return `root@${place.node}:~# `;
    case 'pod':
      return '/ # ';
  }
}
