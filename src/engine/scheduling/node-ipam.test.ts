import { describe, expect, it } from 'vitest';
import { parseCidr4 } from '../net/ipv4.ts';
import {
  allocateNext,
  blockCidr,
  CIDR_EXHAUSTED,
  createNodeIpam,
  releaseBlock,
  SERVICE_RANGE_OWNER,
} from './node-ipam.ts';
import { applyCommands, createCluster, listNodes } from '../index.ts';

const cluster = parseCidr4('10.244.0.0/16');

describe('node IPAM range allocator (reference D.2)', () => {
  it('hands out blocks in order from index 0', () => {
    const ipam = createNodeIpam(cluster, 24, null);
    const got = [0, 1, 2].map((i) => blockCidr(cluster, 24, allocateNext(ipam, `n${i}`) ?? -1));
    expect(got).toEqual(['10.244.0.0/24', '10.244.1.0/24', '10.244.2.0/24']);
  });

  it('does not reuse a released block until the scan wraps', () => {
    const c = parseCidr4('10.0.0.0/22');
    const ipam = createNodeIpam(c, 24, null);
    expect([allocateNext(ipam, 'a'), allocateNext(ipam, 'b')]).toEqual([0, 1]);
    releaseBlock(ipam, c, 24, '10.0.0.0/24');
    expect(allocateNext(ipam, 'c')).toBe(2);
    expect(allocateNext(ipam, 'd')).toBe(3);
    expect(allocateNext(ipam, 'e')).toBe(0); // wrapped
    expect(allocateNext(ipam, 'f')).toBeNull();
  });

  it('marks an overlapping service range as used', () => {
    const c = parseCidr4('10.96.0.0/14');
    const ipam = createNodeIpam(c, 16, parseCidr4('10.96.0.0/12'));
    expect(ipam.allocatedCIDRs).toBe(4);
    expect(ipam.used['0']).toBe(SERVICE_RANGE_OWNER);
    expect(allocateNext(ipam, 'x')).toBeNull();
    const partial = createNodeIpam(parseCidr4('10.0.0.0/8'), 16, parseCidr4('10.96.0.0/12'));
    expect(allocateNext(partial, 'n')).toBe(0);
    expect(Object.keys(partial.used).length).toBe(17); // 16 service blocks + n
  });

  it('records the exhaustion message and a node stays without podCIDR', () => {
    const r = createCluster({
      clusterCIDR: '10.0.0.0/23',
      nodes: [{ name: 'a' }, { name: 'b' }, { name: 'c' }],
    });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const c = listNodes(r.state)[2];
    expect(c).toMatchObject({ name: 'c', podCIDR: null, ready: false, message: CIDR_EXHAUSTED });
    expect(r.state.nodes['c']?.events.join('\n')).toContain('Node c status is now: CIDRNotAvailable');
    // Freeing a block gives the waiting node one, and its pending pods start.
    const { state } = applyCommands(r.state, [
      { type: 'schedulePod', name: 'p', node: 'c' },
      { type: 'removeNode', name: 'a' },
    ]);
    expect(state.nodes['c']?.podCIDR).toBe('10.0.0.0/24');
    expect(state.pods['default/p']).toMatchObject({ phase: 'Running', ip: '10.0.0.2' });
  });

  it('rejects a node mask shorter than the cluster mask with the controller message', () => {
    const r = createCluster({ clusterCIDR: '10.244.0.0/16', nodeCIDRMaskSize: 8 });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems[0]?.message).toContain(
        'mask size of cluster CIDR must be less than or equal to --node-cidr-mask-size',
      );
  });
});
