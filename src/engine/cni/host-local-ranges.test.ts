/**
 * host-local's range options against upstream (containernetworking/plugins
 * `plugins/ipam/host-local/backend/allocator`: range.go `Canonicalize`, range_set.go,
 * config.go `LoadIPAMConfig`, allocator.go `GetIter`/`Next`, and their tests).
 */
import { describe, expect, it } from 'vitest';
import { numberDict } from '../util/dict.ts';
import { ipToNumber } from '../net/ipv4.ts';
import { hostLocalBeforeAdd, hostLocalFiles } from './host-local.ts';
import { canonicalizeRange, parseHostLocalConfig, rangeSetToString } from './host-local-config.ts';
import { bridgeList, run, testHost } from './test-host.ts';

type Host = ReturnType<typeof testHost>;

function ipsOf(o: ReturnType<typeof run>): string[] {
  return o.outcome.ok ? (o.outcome.result?.ips ?? []).map((i) => i.address) : [];
}
function errOf(o: ReturnType<typeof run>): string | undefined {
  return o.outcome.ok ? undefined : o.outcome.error.msg;
}
/** A bridge without the gateway on cni0, so only host-local decides. */
function list(ranges: unknown[][]) {
  return bridgeList({ type: 'host-local', ranges }, { isGateway: false });
}
function files(host: Host): Record<string, string> {
  const s = host.ipam['mynet'];
  return s === undefined ? {} : hostLocalFiles(s);
}

describe('Range.Canonicalize: defaults (range_test.go)', () => {
  it.each([
    ['192.0.2.0/24', '192.0.2.1-192.0.2.254', '192.0.2.1'],
    ['192.168.1.0/29', '192.168.1.1-192.168.1.6', '192.168.1.1'],
    ['10.0.0.0/30', '10.0.0.1-10.0.0.2', '10.0.0.1'],
  ])('%s: rangeStart network + 1, rangeEnd broadcast − 1, gateway network + 1', (subnet, range, gw) => {
    const r = canonicalizeRange({ subnet });
    if (typeof r === 'string') throw new Error(r);
    expect(rangeSetToString([r])).toBe(range);
    expect(r.gatewayStr).toBe(gw);
  });

  it('keeps what is given, gateway unchecked (only start and end must lie in the subnet)', () => {
    const r = canonicalizeRange({
      subnet: '10.1.2.0/24',
      rangeStart: '10.1.2.0',
      rangeEnd: '10.1.2.255',
      gateway: '192.168.9.9',
    });
    if (typeof r === 'string') throw new Error(r);
    expect(rangeSetToString([r])).toBe('10.1.2.0-10.1.2.255');
    expect(r.gatewayStr).toBe('192.168.9.9');
  });
});

describe('the validation errors, in upstream words and order', () => {
  const cases: Array<[string, unknown, string]> = [
    ['too small, as written', { subnet: '192.0.2.5/31' }, 'Network 192.0.2.5/31 too small to allocate from'],
    [
      'rangeStart outside',
      { subnet: '192.0.2.0/24', rangeStart: '192.0.3.0' },
      'RangeStart 192.0.3.0 not in network 192.0.2.0/24',
    ],
    [
      'rangeStart after the rangeEnd as written',
      { subnet: '192.0.2.0/24', rangeStart: '192.0.2.50', rangeEnd: '192.0.2.40' },
      'RangeStart 192.0.2.50 not in network 192.0.2.0/24',
    ],
    [
      'rangeStart inside, rangeEnd below the subnet: the start is "not in network"',
      { subnet: '192.0.2.0/24', rangeStart: '192.0.2.50', rangeEnd: '192.0.1.40' },
      'RangeStart 192.0.2.50 not in network 192.0.2.0/24',
    ],
    [
      'rangeEnd outside',
      { subnet: '192.0.2.0/24', rangeEnd: '192.0.4.0' },
      'RangeEnd 192.0.4.0 not in network 192.0.2.0/24',
    ],
    [
      'rangeEnd before the default start (.1)',
      { subnet: '192.0.2.0/24', rangeEnd: '192.0.2.0' },
      'RangeEnd 192.0.2.0 not in network 192.0.2.0/24',
    ],
    ['a range without subnet', {}, 'IP <nil> not v4 nor v6'],
  ];
  it.each(cases)('%s', (_what, range, message) => {
    expect(canonicalizeRange(range as never)).toBe(message);
    expect(parseHostLocalConfig({ ranges: [[range]] } as never)).toBe(`invalid range set 0: ${message}`);
  });

  it('checks every range of a set before any overlap (RangeSet.Canonicalize)', () => {
    const ranges = [[{ subnet: '10.0.0.0/24' }, { subnet: '10.0.0.0/25' }, { subnet: '10.0.9.0/31' }]];
    expect(parseHostLocalConfig({ ranges } as never)).toBe(
      'invalid range set 0: Network 10.0.9.0/31 too small to allocate from',
    );
  });

  it('reports the first overlapping pair in (i, j) order', () => {
    // 0 overlaps 3 and 1 overlaps 2: upstream names 0 and 3.
    const ranges = [
      [
        { subnet: '10.0.0.0/24', rangeEnd: '10.0.0.9' },
        { subnet: '10.0.0.0/24', rangeStart: '10.0.0.20', rangeEnd: '10.0.0.29' },
        { subnet: '10.0.0.0/24', rangeStart: '10.0.0.25', rangeEnd: '10.0.0.26' },
        { subnet: '10.0.0.0/24', rangeStart: '10.0.0.5', rangeEnd: '10.0.0.6' },
      ],
    ];
    expect(parseHostLocalConfig({ ranges } as never)).toBe(
      'invalid range set 0: subnets 10.0.0.1-10.0.0.9 and 10.0.0.5-10.0.0.6 overlap',
    );
  });

  it('ranges of one subnet that do not overlap are fine; range sets must not overlap either', () => {
    const ok = parseHostLocalConfig({
      ranges: [
        [{ subnet: '10.0.0.0/24', rangeEnd: '10.0.0.9' }],
        [{ subnet: '10.0.0.0/24', rangeStart: '10.0.0.10' }],
      ],
    } as never);
    expect(typeof ok).toBe('object');
    expect(
      parseHostLocalConfig({
        ranges: [
          [{ subnet: '10.9.0.0/24' }],
          [{ subnet: '10.0.0.0/24', rangeEnd: '10.0.0.9' }],
          [{ subnet: '10.0.0.0/24' }],
        ],
      } as never),
    ).toBe('range set 1 overlaps with 2');
    expect(parseHostLocalConfig({ ranges: [[]] } as never)).toBe('invalid range set 0: empty range set');
  });
});

describe('allocation order (allocator_test.go "should allocate ips in round robin")', () => {
  const cases: Array<{ subnets: string[]; taken: string[]; last?: string; expect: string; what: string }> = [
    { what: 'fresh start', subnets: ['10.0.0.0/29'], taken: [], expect: '10.0.0.2' },
    { what: 'fresh start, /30', subnets: ['10.0.0.0/30'], taken: [], expect: '10.0.0.2' },
    { what: 'skips a taken address', subnets: ['10.0.0.0/29'], taken: ['10.0.0.2'], expect: '10.0.0.3' },
    {
      what: 'after the last reserved',
      subnets: ['10.0.0.0/29'],
      taken: [],
      last: '10.0.0.5',
      expect: '10.0.0.6',
    },
    {
      what: 'after the last reserved, skipping taken',
      subnets: ['10.0.0.0/29'],
      taken: ['10.0.0.4', '10.0.0.5'],
      last: '10.0.0.3',
      expect: '10.0.0.6',
    },
    {
      what: 'round robin to the beginning',
      subnets: ['10.0.0.0/29'],
      taken: ['10.0.0.6'],
      last: '10.0.0.5',
      expect: '10.0.0.2',
    },
    {
      what: 'last reserved out of range',
      subnets: ['10.0.0.0/29'],
      taken: ['10.0.0.2'],
      last: '10.0.0.128',
      expect: '10.0.0.3',
    },
    {
      what: 'full except the last reserved, which comes last',
      subnets: ['10.0.0.0/29'],
      taken: ['10.0.0.2', '10.0.0.4', '10.0.0.5', '10.0.0.6'],
      last: '10.0.0.3',
      expect: '10.0.0.3',
    },
    { what: 'several subnets', subnets: ['10.0.0.0/30', '10.0.1.0/30'], taken: [], expect: '10.0.0.2' },
    {
      what: 'advance to the next subnet',
      subnets: ['10.0.0.0/30', '10.0.1.0/30'],
      taken: [],
      last: '10.0.0.2',
      expect: '10.0.1.2',
    },
    {
      what: 'roll to the first subnet',
      subnets: ['10.0.0.0/30', '10.0.1.0/30', '10.0.2.0/30'],
      taken: [],
      last: '10.0.2.2',
      expect: '10.0.0.2',
    },
  ];
  it.each(cases)('$what', (c) => {
    const host = testHost();
    const owned = numberDict<string>();
    for (const ip of c.taken) owned[ipToNumber(ip)] = 'id';
    host.ipam['mynet'] = { files: owned, lastReserved: c.last === undefined ? {} : { '0': c.last } };
    const ranges = [c.subnets.map((subnet) => ({ subnet }))];
    const prefix = c.subnets[0]?.split('/')[1] ?? '';
    expect(ipsOf(run(host, list(ranges), 'ADD', 'c'))).toEqual([`${c.expect}/${prefix}`]);
  });

  it('walks rangeStart..rangeEnd, skips the gateway inside a range, then wraps to the next range', () => {
    const host = testHost();
    const ranges = [
      [
        {
          subnet: '10.244.1.0/24',
          rangeStart: '10.244.1.10',
          rangeEnd: '10.244.1.11',
          gateway: '10.244.1.254',
        },
        { subnet: '10.244.1.0/24', rangeStart: '10.244.1.252', gateway: '10.244.1.254' },
      ],
    ];
    const got = ['a', 'b', 'c', 'd'].map((id) => ipsOf(run(host, list(ranges), 'ADD', id))[0]);
    expect(got).toEqual(['10.244.1.10/24', '10.244.1.11/24', '10.244.1.252/24', '10.244.1.253/24']);
    run(host, list(ranges), 'DEL', 'a');
    // .253 is the last reserved; .254 is the gateway: the next is range 0's start, freed.
    expect(ipsOf(run(host, list(ranges), 'ADD', 'e'))).toEqual(['10.244.1.10/24']);
    expect(errOf(run(host, list(ranges), 'ADD', 'f'))).toBe(
      'plugin type="bridge" name="mynet" failed (add): failed to allocate for range 0: no IP addresses available in range set: 10.244.1.10-10.244.1.11,10.244.1.252-10.244.1.254',
    );
  });

  it('hands out the network address when rangeStart names it, and .1 when the gateway is elsewhere', () => {
    const host = testHost();
    const ranges = [[{ subnet: '10.244.1.0/24', rangeStart: '10.244.1.0', gateway: '10.244.1.254' }]];
    expect(ipsOf(run(host, list(ranges), 'ADD', 'a'))).toEqual(['10.244.1.0/24']);
    expect(ipsOf(run(host, list(ranges), 'ADD', 'b'))).toEqual(['10.244.1.1/24']);
  });
});

describe('several range sets: one address each', () => {
  const sets = [
    [{ subnet: '10.244.1.0/24', rangeStart: '10.244.1.20', rangeEnd: '10.244.1.21' }],
    [{ subnet: '172.30.0.0/28', gateway: '172.30.0.14' }],
  ];

  it('gives an address per set in set order, each with its gateway, and a last_reserved_ip per set', () => {
    const host = testHost();
    const out = run(host, list(sets), 'ADD', 'a');
    expect(out.outcome.ok && out.outcome.result?.ips).toEqual([
      { address: '10.244.1.20/24', gateway: '10.244.1.1', interface: 2 },
      { address: '172.30.0.1/28', gateway: '172.30.0.14', interface: 2 },
    ]);
    expect(files(host)).toEqual({ '10.244.1.20': 'a\r\neth0', '172.30.0.1': 'a\r\neth0' });
    expect(host.ipam['mynet']?.lastReserved).toEqual({ '0': '10.244.1.20', '1': '172.30.0.1' });
  });

  it('releases what it took when a later set fails, keeping last_reserved_ip (main.go cmdAdd)', () => {
    const host = testHost();
    const tight = [
      [{ subnet: '10.244.1.0/24', rangeStart: '10.244.1.20', rangeEnd: '10.244.1.22' }],
      [{ subnet: '172.30.0.0/30' }],
    ];
    run(host, list(tight), 'ADD', 'a');
    expect(errOf(run(host, list(tight), 'ADD', 'b'))).toBe(
      'plugin type="bridge" name="mynet" failed (add): failed to allocate for range 1: no IP addresses available in range set: 172.30.0.1-172.30.0.2',
    );
    expect(files(host)).toEqual({ '10.244.1.20': 'a\r\neth0', '172.30.0.2': 'a\r\neth0' });
    expect(host.ipam['mynet']?.lastReserved['0']).toBe('10.244.1.21');
  });

  it("hostLocalBeforeAdd rewinds each set's last_reserved_ip, so a replay hands out the same addresses", () => {
    const host = testHost();
    for (const id of ['a', 'b']) run(host, list(sets), 'ADD', id);
    run(host, list(sets), 'DEL', 'a');
    run(host, list(sets), 'ADD', 'c');
    const store = host.ipam['mynet'];
    if (store === undefined) throw new Error('no store');
    const cfg = parseHostLocalConfig({ ranges: sets } as never);
    if (typeof cfg === 'string') throw new Error(cfg);
    // c got 10.244.1.20 (range 0's start, after the wrap) and 172.30.0.3.
    expect(
      Object.entries(files(host))
        .filter(([, o]) => o === 'c\r\neth0')
        .map(([ip]) => ip),
    ).toEqual(['10.244.1.20', '172.30.0.3']);
    const before = hostLocalBeforeAdd(store, 'c\r\neth0', cfg.rangeSets);
    expect(before.lastReserved).toEqual({ '0': '10.244.1.21', '1': '172.30.0.2' });
    const replay = { ...testHost(), ipam: { mynet: before } };
    expect(ipsOf(run(replay, list(sets), 'ADD', 'c'))).toEqual(['10.244.1.20/24', '172.30.0.3/28']);
  });
});
