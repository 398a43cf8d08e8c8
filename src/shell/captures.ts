/**
 * Captures that outlive their line: a tcpdump started by an exec action (or typed and left
 * waiting) prints the packets of the traces after it, and what it prints belongs to the line
 * that started it. The runner and the lab's replay both keep them here, so a report, a goal
 * and the terminal log read the same text.
 */
import type { ClusterState, TraceResult } from '../engine/index.ts';
import { feedTrace, interrupt } from './shell.ts';
import type { Session } from './types.ts';

export interface CaptureTracker<K> {
  /** A line's session after it ran: kept while it has a job or background captures running. */
  add(key: K, session: Session): void;
  /** A trace ran: every open capture prints its packets, credited to its line. */
  feed(state: ClusterState, trace: TraceResult): void;
  /** The end of the run: a job still waiting is stopped as Ctrl-C would (its counts credited). */
  stop(): void;
}

/** Captures whose output goes to `append(key, text)`. */
export function createCaptureTracker<K>(append: (key: K, text: string) => void): CaptureTracker<K> {
  let open: { key: K; session: Session }[] = [];
  const running = (s: Session): boolean => s.job !== null || s.background.length > 0;
  return {
    add(key, session) {
      if (running(session)) open.push({ key, session });
    },
    feed(state, trace) {
      const host = { cluster: () => state };
      for (const c of open) {
        const r = feedTrace(host, c.session, trace);
        if (r.output !== '') append(c.key, r.output);
        c.session = r.session;
      }
      open = open.filter((c) => running(c.session));
    },
    stop() {
      for (const c of open)
        if (c.session.job !== null) append(c.key, interrupt(c.session).output.replace(/^\^C\n?/, ''));
      open = [];
    },
  };
}
