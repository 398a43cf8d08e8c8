import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sizeOf, formatCidr, formatIp, parseCidr, parseIpv4 } from '../net/ipv4.ts';
import { parseIpRoute } from '../tracer/route-table.ts';
import { formatNatTable, natVerdict } from './nat-rules.ts';
import {
  createWeaveIpam,
  weaveAllocate,
  weaveAllocateIn,
  weaveBeforeAllocate,
  weaveRelease,
  weaveSplitRange,
} from './weave-ipam.ts';
import {
  WEAVE_ARCHIVED_NOTE,
  WEAVE_DEFAULT_RANGE,
  WEAVE_MTU,
  weaveBridgeSide,
  weaveConflist,
  weaveDevices,
  weaveEncap,
  weaveNatRules,
  weavePodSide,
  weaveVethNames,
} from './weave.ts';

const ip = (t: string): number => parseIpv4(t)!;
const peers = (n: number) => Array.from({ length: n }, (_, i) => `node-${i + 1}`);

describe('weave IPAM', () => {
  it.each([
    [1, ['10.32.0.0/12']],
    [2, ['10.32.0.0/13', '10.40.0.0/13']],
    [3, ['10.32.0.0/13', '10.40.0.0/14', '10.44.0.0/14']],
    [4, ['10.32.0.0/14', '10.36.0.0/14', '10.40.0.0/14', '10.44.0.0/14']],
  ])('splits 10.32.0.0/12 among %i peers', (n, expected) => {
    expect(weaveSplitRange(WEAVE_DEFAULT_RANGE, peers(n)).map((r) => formatCidr(r.cidr))).toEqual(expected);
  });
  it('covers the range exactly, without overlap, one share per peer (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), (n) => {
        const ranges = weaveSplitRange(WEAVE_DEFAULT_RANGE, peers(n));
        expect(ranges.map((r) => r.peer)).toEqual(peers(n));
        let next = WEAVE_DEFAULT_RANGE.net;
        for (const r of ranges) {
          expect(r.cidr.net).toBe(next);
          expect(r.cidr.net % sizeOf(r.cidr.prefix)).toBe(0);
          next += sizeOf(r.cidr.prefix);
        }
        expect(next).toBe(WEAVE_DEFAULT_RANGE.net + sizeOf(WEAVE_DEFAULT_RANGE.prefix));
      }),
    );
  });
  it('hands out the lowest free address, skipping the range first and last', () => {
    let state = createWeaveIpam(WEAVE_DEFAULT_RANGE, peers(2));
    const take = (peer: string) => {
      const r = weaveAllocate(state, peer);
      if (!r.ok) throw new Error(r.message);
      state = r.state;
      return formatIp(r.ip);
    };
    expect([take('node-1'), take('node-1'), take('node-1')]).toEqual(['10.32.0.1', '10.32.0.2', '10.32.0.3']);
    expect([take('node-2'), take('node-2')]).toEqual(['10.40.0.0', '10.40.0.1']);
    state = weaveRelease(state, 'node-1', ip('10.32.0.2'));
    expect(take('node-1')).toBe('10.32.0.2');
    expect(weaveAllocate(state, 'node-9')).toEqual({
      ok: false,
      message: 'peer node-9 owns no part of the range 10.32.0.0/12',
    });
    const tiny = createWeaveIpam(parseCidr('10.0.0.0/30')!, ['a']);
    const a = weaveAllocate(tiny, 'a');
    const b = a.ok ? weaveAllocate(a.state, 'a') : a;
    const c = b.ok ? weaveAllocate(b.state, 'a') : b;
    expect([a.ok && formatIp(a.ip), b.ok && formatIp(b.ip), c.ok]).toEqual(['10.0.0.1', '10.0.0.2', false]);
  });
  it('allocates in place for the record that owns the state, as the pure allocator would, leaving earlier states alone (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ peer: fc.integer({ min: 1, max: 3 }), release: fc.boolean() }), {
          maxLength: 40,
        }),
        (steps) => {
          const start = createWeaveIpam(parseCidr('10.32.0.0/26')!, peers(3));
          const snapshot = JSON.stringify(start);
          const holder: Record<string, unknown> = { ipam: start };
          let pure = start;
          for (const { peer, release } of steps) {
            const name = `node-${peer}`;
            const inPlace = weaveAllocateIn(holder, 'ipam', name);
            const expected = weaveAllocate(pure, name);
            expect(inPlace.ok ? inPlace.ip : inPlace.message).toEqual(
              expected.ok ? expected.ip : expected.message,
            );
            if (expected.ok) pure = expected.state;
            if (release && expected.ok) {
              // A release replaces the state (the plugin's DEL): the next allocation copies again.
              pure = weaveRelease(pure, name, expected.ip);
              holder['ipam'] = weaveRelease(holder['ipam'] as typeof pure, name, expected.ip);
            }
            expect(holder['ipam']).toEqual(pure);
          }
          expect(JSON.stringify(start)).toBe(snapshot);
          // Another record holding the same state copies it before its first write.
          const before = JSON.stringify(holder['ipam']);
          weaveAllocateIn({ ipam: holder['ipam'] }, 'ipam', 'node-1');
          expect(JSON.stringify(holder['ipam'])).toBe(before);
        },
      ),
    );
  });
});

describe('weave data plane', () => {
  it('creates the BridgedFastdp devices with MTU 1376', () => {
    expect(weaveDevices('fastdp').map((d) => d.name)).toEqual([
      'weave',
      'datapath',
      'vethwe-bridge',
      'vethwe-datapath',
      'vxlan-6784',
    ]);
    expect(weaveDevices('fastdp')[0]).toEqual({ name: 'weave', kind: 'bridge', mtu: 1376 });
    expect(weaveDevices('sleeve').map((d) => d.name)).toEqual(['weave', 'vethwe-bridge', 'vethwe-pcap']);
    expect(WEAVE_MTU).toBe(1376);
    expect(weaveVethNames('3f2a9c81d0e4')).toEqual({ host: 'vethwepl3f2a9c8', container: 'vethwepg3f2a9c8' });
  });
  it('addresses pods with /12 and a default route via the bridge IP', () => {
    const pod = weavePodSide(ip('10.32.0.2'), ip('10.32.0.1'));
    expect(pod).toEqual({
      address: '10.32.0.2/12',
      routes: [
        'default via 10.32.0.1 dev eth0',
        '10.32.0.0/12 dev eth0 proto kernel scope link src 10.32.0.2',
      ],
    });
    expect(weaveBridgeSide(ip('10.32.0.1'))).toEqual({
      address: '10.32.0.1/12',
      route: '10.32.0.0/12 dev weave proto kernel scope link src 10.32.0.1',
    });
    for (const r of [...pod.routes, weaveBridgeSide(ip('10.32.0.1')).route])
      expect(parseIpRoute(r).ok).toBe(true);
  });
  it('uses VXLAN on 6784 for fastdp and UDP 6783 for sleeve', () => {
    expect(weaveEncap('fastdp', 1, 2)).toEqual({ kind: 'vxlan', dstPort: 6784, vni: 4098 });
    expect(weaveEncap('sleeve', 1, 2)).toEqual({ kind: 'udp', dstPort: 6783 });
  });
  it('prints and applies the WEAVE nat chain', () => {
    const rules = weaveNatRules();
    expect(formatNatTable(rules)).toEqual([
      '-N WEAVE',
      '-A POSTROUTING -j WEAVE',
      '-A WEAVE -s 10.32.0.0/12 -d 224.0.0.0/4 -j RETURN',
      '-A WEAVE ! -s 10.32.0.0/12 -d 10.32.0.0/12 -j MASQUERADE',
      '-A WEAVE -s 10.32.0.0/12 ! -d 10.32.0.0/12 -j MASQUERADE',
    ]);
    expect(natVerdict(rules, { src: ip('10.32.0.2'), dst: ip('10.40.0.1') }).action).toBe('none');
    expect(natVerdict(rules, { src: ip('10.32.0.2'), dst: ip('8.8.8.8') }).action).toBe('MASQUERADE');
    expect(natVerdict(rules, { src: ip('192.168.56.11'), dst: ip('10.40.0.1') }).action).toBe('MASQUERADE');
  });
  it('writes 10-weave.conflist and marks Weave archived', () => {
    expect(weaveConflist()).toEqual({
      cniVersion: '0.3.0',
      name: 'weave',
      plugins: [
        { name: 'weave', type: 'weave-net', hairpinMode: true },
        { type: 'portmap', capabilities: { portMappings: true }, snat: true },
      ],
    });
    // The weave script writes cniVersion first.
    expect(Object.keys(weaveConflist())).toEqual(['cniVersion', 'name', 'plugins']);
    expect(WEAVE_ARCHIVED_NOTE).toMatch(/archived upstream.*2022/);
  });
});

describe('weaveBeforeAllocate', () => {
  it('gives back a state in which the peer allocates the same address again, lower ones freed since counting as taken', () => {
    let state = createWeaveIpam(WEAVE_DEFAULT_RANGE, ['node-1']);
    const got: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = weaveAllocate(state, 'node-1');
      if (!r.ok) throw new Error(r.message);
      state = r.state;
      got.push(r.ip);
    }
    const last = got[3] ?? 0;
    const after = weaveRelease(state, 'node-1', got[0] ?? 0);
    const frozen = JSON.stringify(after);
    const before = weaveBeforeAllocate(after, 'node-1', last);
    expect(JSON.stringify(after)).toBe(frozen);
    const again = weaveAllocate(before, 'node-1');
    expect(again.ok && again.ip).toBe(last);
  });
});
