import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster/create-cluster.ts';
import { nodeTables } from '../kernel/node-tables.ts';
import { tracePacket } from '../tracer/walk.ts';

describe('Calico: a borrowed address', () => {
  // One /26 block in the pool: node-1 claims it, node-2's pod borrows from it.
  const created = createCluster(
    {
      clusterCIDR: '10.10.0.0/26',
      nodeCIDRMaskSize: 28,
      network: { plugin: 'calico', mode: 'ipip' },
      nodes: [{ name: 'node-1' }, { name: 'node-2' }, { name: 'node-3' }],
      pods: [
        { name: 'a', node: 'node-1' },
        { name: 'b', node: 'node-2' },
      ],
    },
    1,
  );
  if (!created.ok) throw new Error('cluster');
  const s = created.state;

  it('is exported by bird as a /32 that every other node routes, the block owner included', () => {
    const b = s.pods['default/b']?.ip ?? '';
    expect(b.startsWith('10.10.0.')).toBe(true);
    const route = `${b} via 192.168.56.12 dev tunl0 proto bird onlink`;
    expect(nodeTables(s, 'node-1')?.ipRoute).toContain(route);
    expect(nodeTables(s, 'node-1')?.ipRoute).toContain('blackhole 10.10.0.0/26 proto bird');
    expect(nodeTables(s, 'node-3')?.ipRoute).toContain(route);
    expect(nodeTables(s, 'node-3')?.ipRoute).toContain(
      '10.10.0.0/26 via 192.168.56.11 dev tunl0 proto bird onlink',
    );
    expect(nodeTables(s, 'node-2')?.ipRoute.some((l) => l.startsWith(`${b} via`))).toBe(false);
  });

  it('so traffic to it reaches the borrower instead of the owner blackhole', () => {
    for (const from of ['pod/a', 'node/node-3']) {
      const r = tracePacket(s, { from, to: 'b', protocol: 'icmp' });
      if (!r.ok) throw new Error('trace');
      expect(r.trace.delivered).toBe(true);
      expect(r.trace.hops.some((h) => h.note.includes('blackhole'))).toBe(false);
    }
  });
});
