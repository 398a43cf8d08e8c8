/**
 * What a lesson still lacks, for the editor's checklist: read from the lesson value as it
 * is (it may not validate yet), so the list helps while the file is being written.
 */
import { isRecord } from './safe-json.ts';

export interface ChecklistItem {
  readonly label: string;
  readonly done: boolean;
  /** What is missing, when not done. */
  readonly detail?: string;
}

const stepsOf = (lesson: Record<string, unknown>): Record<string, unknown>[] =>
  Array.isArray(lesson['steps']) ? lesson['steps'].filter(isRecord) : [];

/** The checklist of a lesson: a task with a goal, hints, a solution, a quiz or a prediction, text per step. */
export function lessonChecklist(value: unknown): ChecklistItem[] {
  if (!isRecord(value)) return [{ label: 'The file holds a lesson object', done: false }];
  const steps = stepsOf(value);
  const tasks = steps.filter((s) => s['type'] === 'task');
  const id = (s: Record<string, unknown>, i: number) =>
    typeof s['id'] === 'string' ? s['id'] : `step ${i + 1}`;
  const noGoal = tasks.filter((t) => !isRecord(t['goal'])).map(id);
  const noHint = tasks.filter((t) => !Array.isArray(t['hints']) || t['hints'].length === 0).map(id);
  const solution = Array.isArray(value['solution']) ? value['solution'] : [];
  const questions = steps.filter((s) => s['type'] === 'quiz' || s['type'] === 'predict');
  const noBody = steps.filter((s) => typeof s['body'] !== 'string' || s['body'].trim() === '').map(id);
  const list = (ids: string[]) => ids.slice(0, 5).join(', ') + (ids.length > 5 ? ', …' : '');
  return [
    {
      label: 'At least one task for the student to do',
      done: tasks.length > 0,
      detail: 'add a step of type "task"',
    },
    {
      label: 'A goal for every task',
      done: tasks.length > 0 && noGoal.length === 0,
      ...(noGoal.length ? { detail: `no goal: ${list(noGoal)}` } : {}),
    },
    {
      label: 'A hint for every task',
      done: tasks.length > 0 && noHint.length === 0,
      ...(noHint.length ? { detail: `no hint: ${list(noHint)}` } : {}),
    },
    {
      label: 'A solution that meets the goals',
      done: solution.length > 0,
      detail: 'record it in the sandbox, or list the actions under "solution"',
    },
    {
      label: 'A quiz or a prediction',
      done: questions.length > 0,
      detail: 'add a step of type "quiz" or "predict" to check understanding',
    },
    {
      label: 'Text for every step',
      done: steps.length > 0 && noBody.length === 0,
      ...(noBody.length ? { detail: `no body: ${list(noBody)}` } : {}),
    },
  ];
}
