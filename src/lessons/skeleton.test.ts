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
  it('keeps traces and policies, and a dropped last trace becomes a traceDropped goal', () => {
    const calico: ClusterSpec = {
      network: { plugin: 'calico' },
      nodes: [{ name: 'node-1' }, { name: 'node-2' }],
    };
    const commands: Command[] = [
      { type: 'schedulePod', name: 'web', node: 'node-1', labels: { app: 'web' } },
      { type: 'schedulePod', name: 'client', node: 'node-2', labels: { app: 'client' } },
      { type: 'schedulePod', name: 'gone', node: 'node-2' },
      { type: 'deletePod', name: 'gone' },
      {
        type: 'applyNetworkPolicy',
        policy: {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: { name: 'deny', namespace: 'default' },
          spec: { podSelector: {}, policyTypes: ['Ingress'] },
        },
      },
      { type: 'trace', from: 'pod/client', to: 'web', protocol: 'tcp', port: 80 },
    ];
    const created = createCluster(calico, 3);
    if (!created.ok) throw new Error('cluster');
    const { state } = applyCommands(created.state, commands);
    const skeleton = createLessonSkeleton({
      spec: calico,
      seed: 3,
      commands,
      lastTraceDelivered: false,
      runningPods: listPods(state)
        .filter((p) => p.phase === 'Running')
        .map((p) => p.name),
    });
    expect(skeleton.solution.map((c) => c.type)).toEqual(commands.map((c) => c.type));
    const parsed = parseLesson(JSON.parse(JSON.stringify(skeleton)));
    expect(parsed.ok ? [] : parsed.problems).toEqual([]);
    if (!parsed.ok) return;
    const run = runLessonSolution(parsed.lesson);
    expect(run.ok && run.checks.filter((c) => !c.met)).toEqual([]);
    expect(JSON.stringify(skeleton)).toContain('traceDropped');
  });

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
