import { describe, expect, it } from 'vitest';
import { applyCommands, createCluster, listPods, type ClusterSpec, type Command } from '../engine/index.ts';
import { parseLesson } from './load-lesson.ts';
import { runLessonSolution } from './run-lesson.ts';
import { createLessonSkeleton } from './skeleton.ts';

const spec: ClusterSpec = { network: { plugin: 'bridge' }, nodes: [{ name: 'node-1' }, { name: 'node-2' }] };

function record(commands: Command[]) {
  const created = createCluster(spec, 7);
  if (!created.ok) throw new Error('cluster');
  const { state } = applyCommands(created.state, commands);
  return createLessonSkeleton({
    spec,
    seed: 7,
    commands,
    runningPods: listPods(state)
      .filter((p) => p.phase === 'Running')
      .map((p) => p.name),
  });
}

describe('createLessonSkeleton', () => {
  it('exports a lesson that loads cleanly and whose solution meets its goal', () => {
    const skeleton = record([
      { type: 'schedulePod', name: 'web', node: 'node-1' },
      { type: 'schedulePod', name: 'db', node: 'node-2' },
    ]);
    const parsed = parseLesson(JSON.parse(JSON.stringify(skeleton)));
    expect(parsed.ok ? [] : parsed.problems).toEqual([]);
    if (!parsed.ok) return;
    const run = runLessonSolution(parsed.lesson);
    expect(run.ok && run.allMet).toBe(true);
    expect(skeleton.steps.map((s) => s.type)).toEqual(['narrative', 'task']);
  });

  it('has only the narrative when nothing was done', () => {
    const skeleton = record([]);
    expect(skeleton.steps).toHaveLength(1);
    expect(parseLesson(JSON.parse(JSON.stringify(skeleton))).ok).toBe(true);
  });
});
