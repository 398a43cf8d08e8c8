/**
 * A cluster spec asking for more pods than its nodes hold: the pods that fit run, the rest
 * stay Pending without a node (kube-scheduler's queue), one notice says how many and why,
 * and a node that joins later takes them in queue order.
 */
import { describe, expect, it } from 'vitest';
import { applyCommands, createCluster, type ClusterState } from '../index.ts';
import { describePod } from '../../shell/kubectl-describe.ts';
import { formatPodsTable } from '../../shell/kubectl-tables.ts';
import { podObject } from '../../shell/k8s-objects.ts';

function build(pods: number, nodes = 1, plugin: 'flannel' | 'calico' | 'weave' | 'bridge' = 'flannel') {
  const r = createCluster({
    network: { plugin },
    nodes: Array.from({ length: nodes }, (_, i) => ({ name: `node-${i + 1}` })),
    pods: Array.from({ length: pods }, (_, i) => ({ name: `pod-${i}` })),
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r;
}

function unplaced(state: ClusterState): string[] {
  return state.podOrder.filter((k) => state.pods[k]?.node === null);
}

describe('pods that fit no node stay Pending', () => {
  it('3,000 pods on one node: 110 run, 2,890 wait, one short notice', () => {
    const r = build(3000);
    expect(r.notice).toBe(
      '2,890 of 3,000 pods stay Pending (no node to run on): 0/1 nodes are available: 1 Too many pods.',
    );
    expect(r.notice!.length).toBeLessThan(200);
    const running = r.state.podOrder.filter((k) => r.state.pods[k]?.phase === 'Running');
    expect(running).toHaveLength(110);
    const waiting = unplaced(r.state);
    expect(waiting).toHaveLength(2890);
    expect(waiting[0]).toBe('default/pod-110');
    expect(r.state.pending.slice(0, 3)).toEqual(['default/pod-110', 'default/pod-111', 'default/pod-112']);
    const pod = r.state.pods['default/pod-110']!;
    expect(pod).toMatchObject({ node: null, phase: 'Pending', ip: null });
    expect(pod.message).toBe('0/1 nodes are available: 1 Too many pods.');
  });

  it('a spec that fits gives no notice', () => {
    expect(build(110).notice).toBeUndefined();
  });

  it('one pod and no nodes: singular wording', () => {
    const r = createCluster({ pods: [{ name: 'web' }] });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.notice).toBe('1 of 1 pod stays Pending (no node to run on): 0/0 nodes are available.');
  });

  it('a node that joins takes the waiting pods in queue order; deleting a pod frees a place', () => {
    const r = build(230);
    expect(unplaced(r.state)).toHaveLength(120);
    const added = applyCommands(r.state, [{ type: 'addNode', name: 'node-2' }]);
    expect(added.results[0]?.ok).toBe(true);
    let s = added.state;
    expect(unplaced(s)).toEqual(['default/pod-220', 'default/pod-221'].concat(unplaced(s).slice(2)));
    expect(unplaced(s)).toHaveLength(10);
    expect(s.pods['default/pod-110']).toMatchObject({ node: 'node-2', phase: 'Running' });
    expect(s.pods['default/pod-110']?.message).toBeUndefined();
    expect(s.nodes['node-2']?.pods).toHaveLength(110);
    s = applyCommands(s, [{ type: 'deletePod', name: 'pod-0' }]).state;
    expect(s.pods['default/pod-220']).toMatchObject({ node: 'node-1', phase: 'Running' });
    expect(unplaced(s)).toHaveLength(9);
    // Deleting a waiting pod leaves the others waiting and the count right.
    s = applyCommands(s, [{ type: 'deletePod', name: 'pod-229' }]).state;
    expect(unplaced(s)).toHaveLength(8);
    s = applyCommands(s, [{ type: 'addNode', name: 'node-3' }]).state;
    expect(unplaced(s)).toHaveLength(0);
    expect(s.pending).toHaveLength(0);
  });

  it('an interactive schedulePod still fails with the scheduler message', () => {
    const r = build(110);
    const { results } = applyCommands(r.state, [{ type: 'schedulePod', name: 'extra' }]);
    expect(results[0]).toMatchObject({
      ok: false,
      error: { code: 'no-node-available', message: '0/1 nodes are available: 1 Too many pods.' },
    });
  });

  it.each(['calico', 'weave', 'bridge'] as const)('%s: the same split', (plugin) => {
    const r = build(120, 1, plugin);
    expect(unplaced(r.state)).toHaveLength(10);
    expect(r.notice).toMatch(/^10 of 120 pods stay Pending/);
  });

  it('kubectl shows an unscheduled pod as Pending, with FailedScheduling and no container state', () => {
    const r = build(111);
    const pod = r.state.pods['default/pod-110']!;
    expect(formatPodsTable(r.state, [pod], { wide: true, allNamespaces: false })).toMatch(
      /^pod-110 +0\/1 +Pending +0 .*<none> +<none>/m,
    );
    const text = describePod(r.state, pod);
    expect(text).toMatch(/^Node: +<none>$/m);
    expect(text).toMatch(/Warning +FailedScheduling .*0\/1 nodes are available: 1 Too many pods\./);
    expect(text).not.toMatch(/State:|Restart Count/);
    expect(podObject(r.state, pod)['status']).toMatchObject({
      phase: 'Pending',
      conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }, { type: 'Ready' }],
    });
  });
});

describe('one size policy for every cluster spec', () => {
  it('refuses more than 5,000 nodes or 150,000 pods with one message, before reading them', () => {
    const nodes = Array.from({ length: 5001 }, (_, i) => ({ name: `n${i}` }));
    const r = createCluster({ underlayCIDR: '10.0.0.0/8', clusterCIDR: '172.16.0.0/12', nodes });
    expect(r).toEqual({
      ok: false,
      problems: [
        {
          path: 'nodes',
          message:
            "5,001 nodes; a cluster holds at most 5,000 nodes (Kubernetes' documented limit for one cluster)",
        },
      ],
    });
    const pods = Array.from({ length: 150_001 }, () => ({ name: 'same' }));
    const p = createCluster({ pods });
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.problems).toHaveLength(1);
    if (!p.ok) expect(p.problems[0]?.message).toMatch(/^150,001 pods; a cluster holds at most 150,000 pods/);
  });

  it('nodes past the underlay’s last address give one folded problem, not one per node', () => {
    const nodes = Array.from({ length: 300 }, (_, i) => ({ name: `n${i}` }));
    const r = createCluster({ nodes });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toEqual({
      path: 'nodes[244].ip…nodes[299].ip (56 entries)',
      message: 'no free address left in the underlay 192.168.56.0/24',
    });
  });
});
