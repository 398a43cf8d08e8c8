import { describe, expect, it } from 'vitest';
import type { GoalState, ResultLike } from './goal-context.ts';
import type { LessonOf } from './lesson-parser.ts';
import { checkLessonSolution, type ReplayEngine } from './solution-check.ts';
import { hop, pod } from './test-fakes.ts';

type Cmd = { type: string; name?: string; from?: string; to?: string };
interface FakeState extends GoalState {
  routed: boolean;
}

/** A toy engine: schedulePod gives IPs in order; a trace is delivered once addRoute ran. */
const engine: ReplayEngine<FakeState, { pods: string[] }, Cmd> = {
  createCluster: (spec) => ({
    ok: true,
    state: {
      routed: false,
      nodes: { 'node-1': { name: 'node-1' } },
      pods: Object.fromEntries(spec.pods.map((n, i) => pod(n, { ip: `10.244.1.${i + 2}` }))),
    },
  }),
  applyCommand: (state, command): { state: FakeState; result: ResultLike } => {
    if (command.type === 'schedulePod' && 'name' in command && command.name) {
      if (state.pods[`default/${command.name}`])
        return { state, result: { ok: false, error: { code: 'duplicate-pod', message: 'already exists' } } };
      const [key, value] = pod(command.name, { ip: `10.244.2.${Object.keys(state.pods).length + 2}` });
      return { state: { ...state, pods: { ...state.pods, [key]: value } }, result: { ok: true } };
    }
    if (command.type === 'addRoute') return { state: { ...state, routed: true }, result: { ok: true } };
    if (command.type === 'trace' && 'from' in command) {
      const hops = [
        hop('pod/web', 'eth0', '10.244.1.2', '10.244.2.3'),
        hop('node/node-1', 'cni0', '10.244.1.2', '10.244.2.3'),
      ];
      const trace = state.routed
        ? { delivered: true, hops }
        : { delivered: false, dropReason: 'no route', hops: hops.slice(0, 1) };
      return {
        state,
        result: { ok: true, trace: { from: command.from, to: command.to, protocol: 'icmp', ...trace } },
      };
    }
    return { state, result: { ok: true } };
  },
};

const trace: Cmd = { type: 'trace', from: 'pod/web', to: 'db' };
function lesson(solution: Cmd[], answer = 'cni0'): LessonOf<{ pods: string[] }, Cmd> {
  return {
    schemaVersion: 1,
    id: 'toy',
    title: 'Toy',
    summary: 'Toy',
    seed: 1,
    cluster: { pods: ['web'] },
    solution,
    steps: [
      { type: 'task', id: 'schedule', title: 't', body: 'b', goal: { type: 'podRunning', pod: 'db' } },
      {
        type: 'task',
        id: 'see-drop',
        title: 't',
        body: 'b',
        goal: { type: 'traceDropped', from: 'web', to: 'db' },
      },
      {
        type: 'predict',
        id: 'guess',
        title: 't',
        body: 'b',
        trace: { from: 'pod/web', to: 'db', protocol: 'icmp' },
        ask: { kind: 'nextHopDevice', hop: 0 },
        answer: 'eth0',
        explanation: 'e',
      },
      {
        type: 'task',
        id: 'fix',
        title: 't',
        body: 'b',
        goal: { type: 'traceDelivered', from: 'web', to: 'db' },
      },
      {
        type: 'predict',
        id: 'guess-2',
        title: 't',
        body: 'b',
        trace: { from: 'pod/web', to: 'db', protocol: 'icmp' },
        ask: { kind: 'nextHopDevice', hop: 1 },
        answer,
        explanation: 'e',
      },
    ],
  };
}

describe('checkLessonSolution', () => {
  it('meets goals in step order on growing prefixes (break, then fix)', () => {
    const result = checkLessonSolution(
      lesson([{ type: 'schedulePod', name: 'db' }, trace, { type: 'addRoute' }, trace]),
      engine,
    );
    expect(result.ok && result.checks.map((c) => [c.step, c.met, c.solutionIndex])).toEqual([
      ['schedule', true, 1],
      ['see-drop', true, 2],
      ['guess', true, 2],
      ['fix', true, 4],
      ['guess-2', true, 4],
    ]);
    expect(result.ok && result.allMet).toBe(true);
  });

  it('reports a goal the solution never meets, and a wrong prediction', () => {
    const result = checkLessonSolution(
      lesson([{ type: 'schedulePod', name: 'db' }, trace], 'flannel.1'),
      engine,
    );
    if (!result.ok) throw new Error('expected a replay');
    expect(result.allMet).toBe(false);
    const byStep = Object.fromEntries(result.checks.map((c) => [c.step, c]));
    expect(byStep['fix']).toMatchObject({
      met: false,
      detail: expect.stringContaining(
        'not met after the whole solution: the latest trace from web to db was dropped',
      ),
    });
    expect(byStep['guess-2']).toMatchObject({
      met: false,
      detail: '"hop": 1 asks for hop 2 (the player counts from 1), but the trace has 1 hop',
    });
  });
});
