import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster/create-cluster.ts';
import { listPods } from '../state/queries.ts';
import { podAddressRanges } from './pod-address-ranges.ts';
import type { ClusterSpec } from '../state/types.ts';

function cluster(network: NonNullable<ClusterSpec['network']>) {
  const created = createCluster(
    { network, nodes: [{ name: 'node-1' }, { name: 'node-2' }], pods: [{ name: 'a', node: 'node-1' }] },
    1,
  );
  if (!created.ok) throw new Error(JSON.stringify(created.problems));
  return created.state;
}

describe('podAddressRanges', () => {
  it('flannel and core plugins address pods from the podCIDR', () => {
    const state = cluster({ plugin: 'flannel', backend: 'vxlan' });
    expect(podAddressRanges(state, 'node-1')).toEqual({
      source: 'podCIDR',
      ranges: ['10.244.0.0/24'],
      podCIDRUsed: true,
    });
  });

  it("Calico addresses pods from the node's affine blocks, not its podCIDR, and the pod's IP is in one", () => {
    const state = cluster({ plugin: 'calico', mode: 'ipip' });
    const ranges = podAddressRanges(state, 'node-1')!;
    expect(ranges.source).toBe('calico-ipam');
    expect(ranges.podCIDRUsed).toBe(false);
    expect(ranges.ranges.length).toBeGreaterThan(0);
    expect(ranges.ranges).not.toContain(state.nodes['node-1']!.podCIDR);
    const ip = listPods(state).find((p) => p.name === 'a')!.ip!;
    const [net] = ranges.ranges[0]!.split('/');
    expect(ip.split('.').slice(0, 3)).toEqual(net!.split('.').slice(0, 3));
  });

  it("Weave addresses pods from the peer's share of the ring", () => {
    const state = cluster({ plugin: 'weave', encapsulation: 'fastdp' });
    expect(podAddressRanges(state, 'node-1')).toEqual({
      source: 'weave-ipam',
      ranges: ['10.32.0.0/13'],
      podCIDRUsed: false,
    });
    expect(podAddressRanges(state, 'node-2')!.ranges).toEqual(['10.40.0.0/13']);
    expect(podAddressRanges(state, 'nope')).toBeNull();
  });
});
