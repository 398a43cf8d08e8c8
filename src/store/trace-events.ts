import type { TraceHop, TraceResult } from '../engine/index.ts';

/** One row of the trace's event list: a hop of the request or of the reply. */
export interface TraceEvent {
  readonly leg: 'request' | 'reply';
  /** Index of the hop within its leg. */
  readonly index: number;
  readonly hop: TraceHop;
  /** Set on the hop where the packet was dropped, with the reason. */
  readonly drop?: string;
}

/** Flattens a trace into the event list the player steps through: the request's hops, then the reply's. */
export function traceEvents(trace: TraceResult): TraceEvent[] {
  const events: TraceEvent[] = [];
  const push = (leg: 'request' | 'reply', hops: readonly TraceHop[], dropReason: string | undefined) => {
    hops.forEach((hop, index) => {
      const last = index === hops.length - 1;
      events.push({ leg, index, hop, ...(last && dropReason ? { drop: dropReason } : {}) });
    });
  };
  push('request', trace.hops, trace.delivered ? undefined : trace.dropReason);
  if (trace.reply)
    push('reply', trace.reply.hops, trace.reply.delivered ? undefined : trace.reply.dropReason);
  return events;
}
