/**
 * Turns what a student or instructor did in the sandbox into the start of a lesson: the
 * cluster it started from, the actions taken as the solution, and steps to edit, with a task
 * whose goal the recorded actions already meet.
 */
import type { ClusterSpec, Command } from '../engine/index.ts';
import type { Goal } from './goal-schema.ts';
import { LESSON_SCHEMA_VERSION } from './lesson-ids.ts';
import type { LessonInput } from './lesson-schema.ts';

export interface SandboxRecording {
  readonly spec: ClusterSpec;
  readonly seed: number;
  /** The actions that succeeded, in order, traces and policies included. */
  readonly commands: readonly Command[];
  /** Whether the last trace was delivered (its goal is then traceDelivered, else traceDropped). */
  readonly lastTraceDelivered?: boolean;
  /** The pods running at the end, by name. */
  readonly runningPods: readonly string[];
}

function goalFor(recording: SandboxRecording): Goal | null {
  const scheduled = new Set(recording.commands.flatMap((c) => (c.type === 'schedulePod' ? [c.name] : [])));
  const goals: Goal[] = recording.runningPods
    .filter((p) => scheduled.has(p))
    .map((pod) => ({ type: 'podRunning', pod }));
  const traces = recording.commands.filter(
    (c): c is Extract<Command, { type: 'trace' }> => c.type === 'trace',
  );
  const lastTrace = traces[traces.length - 1];
  if (lastTrace)
    goals.push(
      recording.lastTraceDelivered === false
        ? { type: 'traceDropped', from: lastTrace.from, to: lastTrace.to }
        : { type: 'traceDelivered', from: lastTrace.from, to: lastTrace.to, protocol: lastTrace.protocol },
    );
  if (goals.length === 0) return null;
  return goals.length === 1 ? goals[0]! : { type: 'all', goals };
}

/** A lesson skeleton that loads as it is; the author then rewrites its text and goals. */
export function createLessonSkeleton(recording: SandboxRecording): LessonInput {
  const goal = goalFor(recording);
  const steps: LessonInput['steps'] = [
    {
      type: 'narrative',
      id: 'introduction',
      title: 'Introduction',
      body: 'Say what the student will learn, and point at the parts of the cluster that matter with `highlight`.',
    },
  ];
  if (goal) {
    steps.push({
      type: 'task',
      id: 'do-it',
      title: 'Your task',
      body: 'Describe what to do. The goal below was made from the actions you recorded; tighten it to what the lesson teaches.',
      goal,
    });
  }
  return {
    $schema: './lesson.schema.json',
    schemaVersion: LESSON_SCHEMA_VERSION,
    id: 'my-lesson',
    title: 'A new lesson',
    summary: 'One sentence for the course page.',
    seed: recording.seed,
    cluster: recording.spec as LessonInput['cluster'],
    steps,
    solution: [...recording.commands] as LessonInput['solution'],
  };
}
