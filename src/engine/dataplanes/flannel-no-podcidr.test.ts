/**
 * A flannel node without a podCIDR (reference D.2, E.1): install-cni has copied the
 * conflist, so the node is Ready; flanneld cannot get a lease, writes no subnet.env and adds
 * no rows; a pod placed there fails in the flannel CNI plugin until a block arrives.
 */
import { describe, expect, it } from 'vitest';
import { applyCommands, createCluster } from '../index.ts';
import { nodeTables } from '../kernel/node-tables.ts';
import type { ClusterState, Command } from '../state/types.ts';

const LEASE_ERROR = 'Error registering network: failed to acquire lease: node "node-3" pod cidr not assigned';
const SANDBOX_ERROR =
  /^Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "[0-9a-f]{64}": plugin type="flannel" name="cbr0" failed \(add\): failed to load flannel 'subnet\.env' file: open \/run\/flannel\/subnet\.env: no such file or directory\. Check the flannel pod log for this node\.$/;

/** Two /24 blocks for three nodes: node-3 gets none; `api` is placed on it explicitly. */
function threeNodes(): ClusterState {
  const r = createCluster({
    clusterCIDR: '10.244.0.0/23',
    network: { plugin: 'flannel' },
    nodes: [{ name: 'node-1' }, { name: 'node-2' }, { name: 'node-3' }],
    pods: [
      { name: 'web', node: 'node-1' },
      { name: 'api', node: 'node-3' },
    ],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.state;
}

function run(state: ClusterState, commands: Command[]): ClusterState {
  const r = applyCommands(state, commands);
  expect(r.results.filter((x) => !x.ok)).toEqual([]);
  return r.state;
}

describe('flannel on a node without a podCIDR', () => {
  it('the node is Ready with the conflist, and names flanneld’s lease error', () => {
    const state = threeNodes();
    const node = state.nodes['node-3'];
    expect(node).toMatchObject({ podCIDR: null, ready: true, message: `flanneld: ${LEASE_ERROR}` });
    expect(node?.events).toContain(
      `Warning BackOff pod/kube-flannel/kube-flannel-ds-node-3: Back-off restarting failed container kube-flannel (its log: ${LEASE_ERROR})`,
    );
    const t = nodeTables(state, 'node-3');
    expect(t?.files.map((f) => f.path)).toContain('/etc/cni/net.d/10-flannel.conflist');
    expect(t?.files.map((f) => f.path)).not.toContain('/run/flannel/subnet.env');
    expect(t?.interfaces.some((i) => i.name === 'flannel.1')).toBe(false);
    expect(t?.ipRoute.some((r) => r.includes('flannel.1'))).toBe(false);
  });

  it('other nodes get no flannel.1 rows for it', () => {
    const t = nodeTables(threeNodes(), 'node-1');
    expect(t?.ipRoute.filter((r) => r.includes('dev flannel.1'))).toEqual([
      '10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink',
    ]);
    expect(t?.ipNeigh.filter((r) => r.includes('dev flannel.1'))).toHaveLength(1);
    expect(t?.bridgeFdb.filter((r) => r.includes('192.168.56.13'))).toEqual([]);
  });

  it('a pod there stays Pending with the flannel plugin’s subnet.env error', () => {
    const state = threeNodes();
    const api = state.pods['default/api'];
    expect(api).toMatchObject({ phase: 'Pending', ip: null, reason: 'ContainerCreating' });
    expect(api?.message).toMatch(SANDBOX_ERROR);
    expect(
      state.nodes['node-3']?.events.some(
        (e) => e.startsWith('Warning FailedCreatePodSandBox pod/default/api: ') && e.includes('subnet.env'),
      ),
    ).toBe(true);
  });

  it('the scheduler skips it; with no other room it says why', () => {
    const state = run(threeNodes(), [
      { type: 'schedulePod', name: 'a' },
      { type: 'schedulePod', name: 'b' },
      { type: 'schedulePod', name: 'c' },
    ]);
    expect(['a', 'b', 'c'].map((p) => state.pods[`default/${p}`]?.node)).not.toContain('node-3');
    const full: Command[] = [];
    for (let i = 0; i < 110; i++) full.push({ type: 'schedulePod', name: `f${i}`, node: 'node-1' });
    const small = createCluster({
      clusterCIDR: '10.244.0.0/24',
      network: { plugin: 'flannel' },
      nodes: [{ name: 'node-1' }, { name: 'node-2' }],
    });
    if (!small.ok) throw new Error('cluster');
    const r = applyCommands(run(small.state, full), [{ type: 'schedulePod', name: 'x' }]);
    expect(r.results[0]).toMatchObject({
      ok: false,
      error: {
        code: 'no-node-available',
        message: '0/2 nodes are available: 1 node(s) had no podCIDR, 1 Too many pods.',
      },
    });
  });

  it('when a block is freed (the allocator wraps), flanneld starts and the pods run', () => {
    const state = run(threeNodes(), [
      { type: 'schedulePod', name: 'probe', node: 'node-3' },
      { type: 'removeNode', name: 'node-2' },
    ]);
    const node = state.nodes['node-3'];
    expect(node).toMatchObject({ podCIDR: '10.244.1.0/24', ready: true });
    expect(node?.message).toBeUndefined();
    expect(state.pods['default/api']).toMatchObject({ phase: 'Running', ip: '10.244.1.2' });
    expect(state.pods['default/probe']).toMatchObject({ phase: 'Running', ip: '10.244.1.3' });
    const t3 = nodeTables(state, 'node-3');
    expect(t3?.files.find((f) => f.path === '/run/flannel/subnet.env')?.content).toContain(
      'FLANNEL_SUBNET=10.244.1.1/24',
    );
    const vtep = node?.devices['flannel.1'];
    expect(vtep?.addresses).toEqual(['10.244.1.0/32']);
    const t1 = nodeTables(state, 'node-1');
    expect(t1?.ipRoute).toContain('10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink');
    expect(t1?.bridgeFdb).toContain(`${vtep?.mac ?? ''} dev flannel.1 dst 192.168.56.13 self permanent`);
  });

  it('a rejoining machine without a block keeps no stale subnet.env', () => {
    const state = run(threeNodes(), [
      { type: 'removeNode', name: 'node-2' }, // node-3 takes 10.244.1.0/24
      { type: 'addNode', name: 'node-2' }, // the old machine rejoins: no block left
      { type: 'schedulePod', name: 'late', node: 'node-2' },
    ]);
    expect(state.nodes['node-2']).toMatchObject({ podCIDR: null, ready: true });
    expect(state.pods['default/late']?.message).toContain("failed to load flannel 'subnet.env' file");
    expect(nodeTables(state, 'node-2')?.files.map((f) => f.path)).not.toContain('/run/flannel/subnet.env');
  });

  it('the bridge data plane still leaves such a node NotReady (no conflist)', () => {
    const r = createCluster({
      clusterCIDR: '10.244.0.0/24',
      nodes: [{ name: 'node-1' }, { name: 'node-2' }],
    });
    if (!r.ok) throw new Error('cluster');
    expect(r.state.nodes['node-2']).toMatchObject({ ready: false, podCIDR: null });
  });
});
