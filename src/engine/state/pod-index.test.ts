import { describe, expect, it } from 'vitest';
import { applyCommands, createCluster } from '../index.ts';

describe('pods by IP', () => {
  it('a trace in the middle of a batch sees the pods the batch created and deleted (Weave)', () => {
    const created = createCluster(
      { network: { plugin: 'weave' }, nodes: [{ name: 'node-1' }, { name: 'node-2' }] },
      1,
    );
    if (!created.ok) throw new Error('cluster');
    const r = applyCommands(created.state, [
      { type: 'schedulePod', name: 'a', node: 'node-1' },
      { type: 'schedulePod', name: 'b', node: 'node-2' },
      { type: 'trace', from: 'a', to: 'b', protocol: 'icmp' },
      { type: 'deletePod', name: 'b' },
      // c gets b's address (Weave hands out the peer's lowest free one).
      { type: 'schedulePod', name: 'c', node: 'node-2' },
      { type: 'trace', from: 'a', to: 'c', protocol: 'icmp' },
    ]);
    const traces = r.results.flatMap((x) => (x.type === 'trace' && x.ok && 'trace' in x ? [x.trace] : []));
    expect(traces.map((t) => t.delivered)).toEqual([true, true]);
    const before = applyCommands(created.state, [
      { type: 'schedulePod', name: 'a', node: 'node-1' },
      { type: 'schedulePod', name: 'b', node: 'node-2' },
    ]).state;
    expect(r.state.pods['default/c']?.ip).toBe(before.pods['default/b']?.ip);
  });
});
