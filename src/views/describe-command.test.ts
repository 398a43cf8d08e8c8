import { describe, expect, it } from 'vitest';
import { applyCommand, createCluster } from '../engine/index.ts';
import { describeOutcome } from './describe-command.ts';

function cluster(network: NonNullable<Parameters<typeof createCluster>[0]['network']>) {
  const created = createCluster({ network, nodes: [{ name: 'node-1' }, { name: 'node-2' }] }, 1);
  if (!created.ok) throw new Error('bad cluster');
  return created.state;
}

describe('describeOutcome', () => {
  it('a scheduled pod that runs is a success; a refused command is an error', () => {
    const state = cluster({ plugin: 'bridge' });
    const command = { type: 'schedulePod', name: 'web', node: 'node-1' } as const;
    const ran = applyCommand(state, command);
    expect(describeOutcome(command, ran.result, ran.state).outcome).toBe('success');
    const again = applyCommand(ran.state, command);
    expect(describeOutcome(command, again.result, again.state)).toMatchObject({ outcome: 'error' });
  });

  it('a trace that is dropped is a warning, not "done"', () => {
    let state = cluster({ plugin: 'bridge' });
    for (const [name, node] of [
      ['a', 'node-1'],
      ['b', 'node-2'],
    ] as const)
      state = applyCommand(state, { type: 'schedulePod', name, node }).state;
    const command = { type: 'trace', from: 'a', to: 'b', protocol: 'icmp' } as const;
    const traced = applyCommand(state, command);
    expect(traced.result.ok).toBe(true);
    const described = describeOutcome(command, traced.result, traced.state);
    expect(described.outcome).toBe('warning');
    expect(described.text).toContain('dropped');
  });

  it('a pod that stays Pending is a warning that says why', () => {
    // A /30 per node: one address for the bridge gateway, one pod, then the range is full.
    const created = createCluster(
      { network: { plugin: 'bridge' }, nodeCIDRMaskSize: 30, nodes: [{ name: 'node-1' }] },
      1,
    );
    if (!created.ok) throw new Error(JSON.stringify(created.problems));
    let state = created.state;
    let last: ReturnType<typeof describeOutcome> | null = null;
    for (let i = 0; i < 4; i += 1) {
      const command = { type: 'schedulePod', name: `p${i}`, node: 'node-1' } as const;
      const r = applyCommand(state, command);
      state = r.state;
      last = describeOutcome(command, r.result, state);
    }
    expect(last?.outcome).toBe('warning');
    expect(last?.text).toContain('Pending');
  });
});
