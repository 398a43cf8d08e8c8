import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../net/ipv4.ts';
import { resolveNextHop } from './next-hop.ts';
import { parseRouteTable } from './route-table.ts';

const ip = (t: string): number => parseIpv4(t)!;

describe('resolveNextHop', () => {
  const parsed = parseRouteTable([
    '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1',
    '10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink',
    'blackhole 192.168.221.64/26 proto bird',
  ]);
  if (!parsed.ok) throw new Error(parsed.message);
  const table = parsed.value;
  it('forwards via the gateway of the matching route', () => {
    expect(resolveNextHop(table, ip('10.244.2.3'), 'node/node-1')).toMatchObject({
      kind: 'forward',
      dev: 'flannel.1',
      nextHop: ip('10.244.2.0'),
      note: 'route 10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink matched',
    });
  });
  it('delivers directly on a connected route', () => {
    expect(resolveNextHop(table, ip('10.244.1.7'), 'node/node-1')).toMatchObject({
      kind: 'forward',
      dev: 'cni0',
      nextHop: ip('10.244.1.7'),
    });
  });
  it('drops with an actionable reason', () => {
    const none = resolveNextHop(table, ip('10.244.3.3'), 'node/node-1');
    expect(none.kind === 'drop' && none.reason).toContain('no route to 10.244.3.3 on node/node-1');
    const hole = resolveNextHop(table, ip('192.168.221.70'), 'node/node-2');
    expect(hole.kind === 'drop' && hole.reason).toContain(
      'route "blackhole 192.168.221.64/26 proto bird" on node/node-2 matched',
    );
  });
});
