/** kube-scheduler's NodePorts filter: two pods asking for one host port never share a node. */
import { describe, expect, it } from 'vitest';
import { applyCommands, createCluster, type Command } from '../index.ts';

const withHostPort = (name: string, hostPort = 8080, protocol: 'TCP' | 'UDP' = 'TCP'): Command => ({
  type: 'schedulePod',
  name,
  containers: [{ name: 'app', ports: [{ containerPort: 80, hostPort, protocol }] }],
});

describe('host ports and the scheduler', () => {
  it('spreads pods asking for the same host port over nodes, and says why the last one fits nowhere', () => {
    const r = createCluster({
      network: { plugin: 'flannel' },
      nodes: [{ name: 'node-1' }, { name: 'node-2' }],
    });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    // Pods without host ports first, so the fewest-pods rule alone would pick node-1 again.
    const { state, results } = applyCommands(r.state, [
      { type: 'schedulePod', name: 'filler', node: 'node-2' },
      withHostPort('a'),
      withHostPort('b'),
      withHostPort('c'),
      withHostPort('d', 8080, 'UDP'),
      withHostPort('e', 9090),
    ]);
    expect(state.pods['default/a']?.node).toBe('node-1');
    expect(state.pods['default/b']?.node).toBe('node-2');
    expect(results[3]).toMatchObject({
      ok: false,
      error: {
        code: 'no-node-available',
        message: "0/2 nodes are available: 2 node(s) didn't have free ports for the requested pod ports.",
      },
    });
    // Another protocol or port is a different key.
    expect(results[4]?.ok).toBe(true);
    expect(results[5]?.ok).toBe(true);
  });

  it('a waiting pod with a host port takes a node that joins later, not a node whose port is taken', () => {
    const r = createCluster({
      network: { plugin: 'flannel' },
      nodes: [{ name: 'node-1' }],
      pods: [
        { name: 'a', containers: [{ name: 'app', ports: [{ containerPort: 80, hostPort: 8080 }] }] },
        { name: 'b', containers: [{ name: 'app', ports: [{ containerPort: 80, hostPort: 8080 }] }] },
      ],
    });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.notice).toMatch(/1 of 2 pods stays Pending .*didn't have free ports/);
    const { state } = applyCommands(r.state, [{ type: 'addNode', name: 'node-2' }]);
    expect(state.pods['default/b']).toMatchObject({ node: 'node-2', phase: 'Running' });
  });
});
