import { describe, expect, it } from 'vitest';
import { parseClusterSpec, parseCommand } from './spec-schema.ts';

function problemsOf(ipam: unknown, where: 'network' | 'node' = 'network') {
  const spec =
    where === 'network'
      ? { network: { plugin: 'bridge', ipam } }
      : { network: { plugin: 'bridge' }, nodes: [{ name: 'node-1', ipam }] };
  const r = parseClusterSpec(spec, '');
  return r.ok ? [] : r.problems;
}

describe('host-local options in a spec: what host-local would refuse, at its path', () => {
  it('accepts ranges with and without subnet, and routes', () => {
    const ipam = {
      ranges: [
        [{ rangeStart: '10.244.0.10', rangeEnd: '10.244.0.20', gateway: '10.244.0.254' }],
        [{ subnet: '172.30.0.0/28', gateway: '172.30.0.14' }],
      ],
      routes: [{ dst: '0.0.0.0/0' }, { dst: '10.96.0.0/12', gw: '10.244.0.254' }],
    };
    expect(problemsOf(ipam)).toEqual([]);
    expect(parseClusterSpec({ network: { plugin: 'bridge', ipam } }).ok).toBe(true);
  });

  const cases: Array<[string, unknown, string, string]> = [
    [
      'an address that is no IPv4 address',
      { ranges: [[{ rangeStart: '10.244.0.010' }]] },
      'network.ipam.ranges[0][0].rangeStart',
      'expected an IPv4 address (a.b.c.d), got "10.244.0.010"',
    ],
    [
      'a subnet that is no CIDR',
      { ranges: [[{ subnet: '10.244.0.0' }]] },
      'network.ipam.ranges[0][0].subnet',
      'expected an IPv4 CIDR (a.b.c.d/n), got "10.244.0.0"',
    ],
    [
      'host bits in the subnet',
      { ranges: [[{ subnet: '192.0.2.12/24' }]] },
      'network.ipam.ranges[0][0].subnet',
      'Network has host bits set. For a subnet mask of length 24 the network address is 192.0.2.0',
    ],
    [
      'a subnet too small',
      { ranges: [[{ subnet: '192.0.2.0/31' }]] },
      'network.ipam.ranges[0][0].subnet',
      'Network 192.0.2.0/31 too small to allocate from',
    ],
    [
      'rangeStart outside the subnet',
      { ranges: [[{ subnet: '192.0.2.0/24', rangeStart: '192.0.3.0' }]] },
      'network.ipam.ranges[0][0].rangeStart',
      'RangeStart 192.0.3.0 not in network 192.0.2.0/24',
    ],
    [
      'rangeStart after rangeEnd',
      { ranges: [[{ subnet: '192.0.2.0/24', rangeStart: '192.0.2.50', rangeEnd: '192.0.2.40' }]] },
      'network.ipam.ranges[0][0].rangeStart',
      'RangeStart 192.0.2.50 not in network 192.0.2.0/24 (it comes after rangeEnd 192.0.2.40)',
    ],
    [
      'rangeEnd outside the subnet',
      { ranges: [[{ subnet: '192.0.2.0/24', rangeEnd: '192.0.4.0' }]] },
      'network.ipam.ranges[0][0].rangeEnd',
      'RangeEnd 192.0.4.0 not in network 192.0.2.0/24',
    ],
    [
      'rangeStart on the broadcast with the default end',
      { ranges: [[{ subnet: '192.0.2.0/24', rangeStart: '192.0.2.255' }]] },
      'network.ipam.ranges[0][0].rangeStart',
      "RangeStart 192.0.2.255 is the broadcast address of 192.0.2.0/24, after host-local's default rangeEnd 192.0.2.254: give a rangeEnd",
    ],
    [
      'in the podCIDR, rangeStart after rangeEnd',
      { ranges: [[{ rangeStart: '10.244.0.50', rangeEnd: '10.244.0.40' }]] },
      'network.ipam.ranges[0][0].rangeStart',
      'RangeStart 10.244.0.50 comes after rangeEnd 10.244.0.40 (host-local: "RangeStart 10.244.0.50 not in network <podCIDR>")',
    ],
    [
      'overlapping ranges of a set',
      { ranges: [[{ subnet: '192.168.0.0/20' }, { subnet: '192.168.2.0/24' }]] },
      'network.ipam.ranges[0][1]',
      'subnets 192.168.0.1-192.168.15.254 and 192.168.2.1-192.168.2.254 overlap',
    ],
    [
      'two whole-podCIDR ranges in a set',
      { ranges: [[{ rangeEnd: '10.244.0.100' }, { rangeStart: '10.244.0.90' }]] },
      'network.ipam.ranges[0][1]',
      'overlaps range 0 of this set: both take addresses from the node\'s podCIDR (host-local: "subnets … overlap")',
    ],
    [
      'overlapping range sets',
      { ranges: [[{ rangeEnd: '10.244.0.100' }], [{ rangeStart: '10.244.0.100' }]] },
      'network.ipam.ranges[1]',
      'range set 0 overlaps with 1',
    ],
    [
      'no range set',
      { ranges: [] },
      'network.ipam.ranges',
      'no IP ranges specified: give at least one range set',
    ],
    ['an empty range set', { ranges: [[]] }, 'network.ipam.ranges[0]', 'empty range set'],
    [
      'a route with host bits',
      { routes: [{ dst: '10.96.0.1/12' }] },
      'network.ipam.routes[0].dst',
      '10.96.0.1/12 has host bits set: host-local hands the route on as written and the kernel refuses it (invalid argument); write 10.96.0.0/12',
    ],
    [
      'a misspelt field',
      { ranges: [[{ rangestart: '10.244.0.9' }]] },
      'network.ipam.ranges[0][0].rangestart',
      'unknown field; did you mean "rangeStart"?',
    ],
  ];
  it.each(cases)('%s', (_what, ipam, path, message) => {
    expect(problemsOf(ipam)).toEqual([{ path, message }]);
  });

  it('checks a node’s own options and addNode’s the same way', () => {
    expect(problemsOf({ ranges: [[{ subnet: '192.0.2.12/24' }]] }, 'node')).toEqual([
      {
        path: 'nodes[0].ipam.ranges[0][0].subnet',
        message: 'Network has host bits set. For a subnet mask of length 24 the network address is 192.0.2.0',
      },
    ]);
    const cmd = parseCommand({ type: 'addNode', name: 'node-9', ipam: { ranges: [[{ gateway: 'x' }]] } });
    expect(cmd.ok ? [] : cmd.problems).toEqual([
      { path: 'command.ipam.ranges[0][0].gateway', message: 'expected an IPv4 address (a.b.c.d), got "x"' },
    ]);
  });

  it('takes ipam only under the bridge plugin', () => {
    const r = parseClusterSpec({ network: { plugin: 'flannel', ipam: {} } }, '');
    expect(r.ok ? [] : r.problems.map((p) => p.path)).toEqual(['network.ipam']);
  });
});
