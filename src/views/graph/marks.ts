import type { GoalMarks } from '../../store/lesson-slice.ts';
import { highlightElementId } from './elements.ts';

/** The classes the drawing gives to what a lesson points at. */
export const MARK_CLASSES = ['highlight', 'goal', 'goal-met'] as const;
export type MarkClass = (typeof MARK_CLASSES)[number];

/**
 * Which drawn element gets which mark: a lesson's `highlight` references and the current
 * task's goal targets, resolved to element ids (a pod named without its namespace is looked
 * up in `default`). References to nothing drawn are left out. Pure.
 */
export function markedElements(
  highlight: readonly string[],
  goalMarks: GoalMarks,
  isDrawn: (id: string) => boolean,
): Map<string, Set<MarkClass>> {
  const out = new Map<string, Set<MarkClass>>();
  const mark = (ref: string, cls: MarkClass) => {
    const id = highlightElementId(ref);
    const found = isDrawn(id) ? id : id.startsWith('pod:') ? id.replace(/^pod:/, 'pod:default/') : null;
    if (!found || !isDrawn(found)) return;
    const set = out.get(found) ?? new Set<MarkClass>();
    set.add(cls);
    out.set(found, set);
  };
  for (const ref of highlight) mark(ref, 'highlight');
  for (const ref of goalMarks.goal) mark(ref, 'goal');
  for (const ref of goalMarks.met) mark(ref, 'goal-met');
  return out;
}
