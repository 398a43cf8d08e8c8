import type { TraceEvent } from '../../store/trace-events.ts';

/** One sentence for a screen reader and the event list: where, which device, what happened. */
export function describeEvent(event: TraceEvent, position: number, total: number): string {
  const where = event.hop.where === 'underlay' ? 'the underlay network' : event.hop.where;
  const drop = event.drop ? ` Dropped: ${event.drop}` : '';
  return `Hop ${position + 1} of ${total}, ${event.leg}: ${where}, ${event.hop.device}. ${event.hop.note}.${drop}`.replace(
    /\.\./g,
    '.',
  );
}
