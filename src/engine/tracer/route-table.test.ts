import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatIp, maskOf, parseIpv4 } from '../net/ipv4.ts';
import {
  createRouteTable,
  formatIpRoute,
  lookupRoute,
  parseIpRoute,
  parseRouteTable,
  type RouteEntry,
} from './route-table.ts';

const ip = (text: string): number => parseIpv4(text)!;

describe('parseIpRoute', () => {
  it.each([
    [
      'default via 192.168.56.1 dev eth0',
      {
        type: 'unicast',
        dst: { net: 0, prefix: 0 },
        via: ip('192.168.56.1'),
        dev: 'eth0',
        metric: 0,
        onlink: false,
      },
    ],
    [
      '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1',
      {
        type: 'unicast',
        dst: { net: ip('10.244.1.0'), prefix: 24 },
        dev: 'cni0',
        proto: 'kernel',
        scope: 'link',
        src: ip('10.244.1.1'),
        metric: 0,
        onlink: false,
      },
    ],
    [
      '10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink',
      {
        type: 'unicast',
        dst: { net: ip('10.244.2.0'), prefix: 24 },
        via: ip('10.244.2.0'),
        dev: 'flannel.1',
        metric: 0,
        onlink: true,
      },
    ],
    [
      '192.168.2.0/26 via 10.0.0.12 dev tunl0 proto bird onlink',
      {
        type: 'unicast',
        dst: { net: ip('192.168.2.0'), prefix: 26 },
        via: ip('10.0.0.12'),
        dev: 'tunl0',
        proto: 'bird',
        metric: 0,
        onlink: true,
      },
    ],
    [
      'blackhole 192.168.221.64/26 proto bird',
      {
        type: 'blackhole',
        dst: { net: ip('192.168.221.64'), prefix: 26 },
        proto: 'bird',
        metric: 0,
        onlink: false,
      },
    ],
    [
      '192.168.1.5 dev cali82111e10a96 scope link',
      {
        type: 'unicast',
        dst: { net: ip('192.168.1.5'), prefix: 32 },
        dev: 'cali82111e10a96',
        scope: 'link',
        metric: 0,
        onlink: false,
      },
    ],
    [
      'default via 10.0.0.1 dev eth0 proto dhcp metric 100',
      {
        type: 'unicast',
        dst: { net: 0, prefix: 0 },
        via: ip('10.0.0.1'),
        dev: 'eth0',
        proto: 'dhcp',
        metric: 100,
        onlink: false,
      },
    ],
  ])('parses and prints %s', (line, expected) => {
    const parsed = parseIpRoute(line);
    expect(parsed).toEqual({ ok: true, value: expected });
    if (parsed.ok) expect(formatIpRoute(parsed.value)).toBe(line);
  });

  it.each([
    ['', 'no destination'],
    ['10.244.1.0/24', 'needs "via" or "dev"'],
    ['10.244.1.7/24 dev cni0', 'is not a destination'],
    ['10.0.0.0/8 via 10.0.0 dev eth0', 'is not an IPv4 address'],
    ['10.0.0.0/8 dev eth0 weight 3', 'unknown keyword "weight"'],
    ['10.0.0.0/8 dev', '"dev" needs a value'],
    ['10.0.0.0/8 dev eth0 metric x', 'metric "x"'],
  ])('rejects %j', (line, message) => {
    const parsed = parseIpRoute(line);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });
});

describe('lookupRoute', () => {
  const table = parseRouteTable([
    'default via 192.168.56.1 dev eth0',
    '10.244.0.0/24 via 10.244.0.0 dev flannel.1 onlink',
    '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1',
    '10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink',
    '192.168.56.0/24 dev eth0 proto kernel scope link src 192.168.56.11',
    'blackhole 192.168.221.64/26 proto bird',
    '192.168.221.70 dev cali82111e10a96 scope link',
    '10.96.0.0/12 dev eth0 metric 200',
    '10.96.0.0/12 dev eth1 metric 100',
  ]);
  if (!table.ok) throw new Error(table.message);
  it.each([
    ['10.244.2.7', '10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink'],
    ['10.244.1.9', '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1'],
    ['8.8.8.8', 'default via 192.168.56.1 dev eth0'],
    ['192.168.221.70', '192.168.221.70 dev cali82111e10a96 scope link'],
    ['192.168.221.71', 'blackhole 192.168.221.64/26 proto bird'],
    ['10.100.0.1', '10.96.0.0/12 dev eth1 metric 100'],
  ])('%s → %s', (dst, expected) => {
    const route = lookupRoute(table.value, ip(dst));
    expect(route && formatIpRoute(route)).toBe(expected);
  });
  it('returns null without a matching route', () => {
    expect(lookupRoute(createRouteTable([]), ip('10.0.0.1'))).toBeNull();
  });

  const arbRoute = fc
    .record({
      net: fc.nat({ max: 0xffffffff }),
      prefix: fc.integer({ min: 0, max: 32 }),
      metric: fc.integer({ min: 0, max: 3 }),
      dev: fc.constantFrom('eth0', 'cni0', 'tunl0'),
    })
    .map(({ net, prefix, metric, dev }): RouteEntry => ({
      type: 'unicast',
      dst: { net: (net & maskOf(prefix)) >>> 0, prefix },
      dev,
      metric,
      onlink: false,
    }));

  it('picks the longest matching prefix, then the lowest metric (property)', () => {
    fc.assert(
      fc.property(fc.array(arbRoute, { maxLength: 40 }), fc.nat({ max: 0xffffffff }), (routes, dst) => {
        const found = lookupRoute(createRouteTable(routes), dst);
        const matching = routes.filter((r) => (dst & maskOf(r.dst.prefix)) >>> 0 === r.dst.net);
        if (matching.length === 0) return found === null;
        const longest = Math.max(...matching.map((r) => r.dst.prefix));
        const best = Math.min(...matching.filter((r) => r.dst.prefix === longest).map((r) => r.metric));
        return (
          found !== null && found.dst.prefix === longest && found.metric === best && matching.includes(found)
        );
      }),
    );
  });
  it('format and parse round-trip (property)', () => {
    fc.assert(
      fc.property(
        arbRoute,
        fc.option(fc.nat({ max: 0xffffffff }), { nil: undefined }),
        fc.boolean(),
        (route, via, onlink) => {
          const full: RouteEntry = { ...route, onlink, ...(via !== undefined ? { via } : {}) };
          const parsed = parseIpRoute(formatIpRoute(full));
          return (
            parsed.ok &&
            formatIpRoute(parsed.value) === formatIpRoute(full) &&
            parsed.value.dst.net === full.dst.net
          );
        },
      ),
    );
    expect(formatIp(0)).toBe('0.0.0.0');
  });
});
