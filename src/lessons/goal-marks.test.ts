import { describe, expect, it } from 'vitest';
import type { GoalContext } from './goal-context.ts';
import { goalMarksOf, goalParts } from './goal-marks.ts';

const ctx: GoalContext = {
  state: {
    pods: {
      'default/web': {
        name: 'web',
        namespace: 'default',
        node: 'node-1',
        phase: 'Running',
        ip: '10.244.0.2',
      },
      'default/api': { name: 'api', namespace: 'default', node: null, phase: 'Pending', ip: null },
    },
    nodes: { 'node-1': { name: 'node-1' } },
  },
  log: [],
};

describe('goal marks', () => {
  it('marks each part of an "all" goal, met or to do', () => {
    const parts = goalParts(
      {
        type: 'all',
        goals: [
          { type: 'podRunning', pod: 'web' },
          { type: 'podRunning', pod: 'api' },
          { type: 'tracePassedDevice', from: 'web', to: '8.8.8.8', device: 'eth0', node: 'node-1' },
        ],
      },
      ctx,
    );
    expect(parts.map((p) => p.status.met)).toEqual([true, false, false]);
    expect(goalMarksOf(parts)).toEqual({ goal: ['pod/api', 'pod/web', 'device/node-1/eth0'], met: [] });
    expect(goalMarksOf(parts.slice(0, 2))).toEqual({ goal: ['pod/api'], met: ['pod/web'] });
  });

  it('names nodes and namespaced pods as the drawing does', () => {
    const parts = goalParts(
      {
        type: 'any',
        goals: [
          { type: 'nodeHasRoute', node: 'node-1', routeIncludes: '10.244.1.0/24' },
          { type: 'podRunning', pod: 'team-a/db' },
        ],
      },
      ctx,
    );
    expect(parts.flatMap((p) => p.refs)).toEqual(['node/node-1', 'pod/team-a/db']);
  });
});
