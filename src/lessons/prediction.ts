/**
 * "Predict, then reveal": what the trace actually shows at the asked hop, and whether a
 * student's (or the author's) answer matches it.
 */
import type { TraceLike } from './goal-context.ts';
import type { PredictAsk } from './lesson-schema.ts';

/** The value the trace shows for `ask`, as text, or an explanation of why there is none. */
export function readPrediction(
  ask: PredictAsk,
  trace: TraceLike,
): { ok: true; value: string } | { ok: false; message: string } {
  const hop = trace.hops[ask.hop];
  if (!hop) {
    const n = trace.hops.length;
    return {
      ok: false,
      message: `"hop": ${ask.hop} asks for hop ${ask.hop + 1} (the player counts from 1), but the trace has ${n} hop${n === 1 ? '' : 's'}`,
    };
  }
  switch (ask.kind) {
    case 'nextHopDevice':
      return { ok: true, value: hop.device };
    case 'ttl':
      return { ok: true, value: String(hop.packet.ip.ttl) };
    case 'ip':
      return { ok: true, value: hop.packet.ip[ask.field ?? 'dst'] };
  }
}

/** Compares answers as a student would expect: trimmed, case-insensitive. */
export function isSameAnswer(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Checks a prediction against the trace: right, wrong (with the real value), or unreadable. */
export function checkPrediction(
  ask: PredictAsk,
  answer: string,
  trace: TraceLike,
): { correct: boolean; actual: string | null; message: string } {
  const read = readPrediction(ask, trace);
  if (!read.ok) return { correct: false, actual: null, message: read.message };
  return isSameAnswer(answer, read.value)
    ? { correct: true, actual: read.value, message: `right: ${read.value}` }
    : { correct: false, actual: read.value, message: `the trace shows ${read.value}, not ${answer}` };
}
