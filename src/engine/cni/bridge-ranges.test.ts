/**
 * The bridge plugin (containernetworking/plugins v1.1.1 `plugins/main/bridge/bridge.go`)
 * with host-local's range options: `calcGateways`, `ipam.ConfigureIface`'s route errors,
 * `ensureAddr` per IP, and the bridge's MAC when nobody pins it. The expected texts were
 * printed by the real plugins (Debian containernetworking-plugins 1.1.1).
 */
import { describe, expect, it } from 'vitest';
import { ipMasqRowsAll } from './ipmasq.ts';
import { bridgeList, run, testHost } from './test-host.ts';

function errOf(o: ReturnType<typeof run>): string | undefined {
  return o.outcome.ok ? undefined : o.outcome.error.msg;
}
const WRAP = 'plugin type="bridge" name="mynet" failed (add): ';

describe('several range sets on the bridge', () => {
  const sets = { type: 'host-local', ranges: [[{ subnet: '10.244.1.0/24' }], [{ subnet: '172.30.0.0/24' }]] };

  it('with isGateway, the second IPv4 gateway is refused: cni0 keeps the first, the IPs are released', () => {
    const host = testHost();
    expect(errOf(run(host, bridgeList(sets), 'ADD', 'c1'))).toBe(
      `${WRAP}failed to set bridge addr: "cni0" already has an IP address different from 172.30.0.1/24`,
    );
    expect(host.devices['cni0']?.addresses).toEqual(['10.244.1.1/24']);
    expect(host.devices['cni0']?.ports).toBeUndefined();
    expect(host.ipam['mynet']?.files).toEqual({});
    expect(host.ipam['mynet']?.lastReserved).toEqual({ '0': '10.244.1.2', '1': '172.30.0.2' });
  });

  it('without isGateway, every address is on eth0 with its gateway, and cni0 has none', () => {
    const host = testHost();
    const out = run(host, bridgeList(sets, { isGateway: false }), 'ADD', 'c1');
    expect(out.outcome.ok && out.outcome.result?.ips).toEqual([
      { address: '10.244.1.2/24', gateway: '10.244.1.1', interface: 2 },
      { address: '172.30.0.2/24', gateway: '172.30.0.1', interface: 2 },
    ]);
    expect(host.devices['cni0']?.addresses).toEqual([]);
  });

  it('two sets in one subnet share its gateway on cni0', () => {
    const host = testHost();
    const same = {
      type: 'host-local',
      ranges: [
        [{ subnet: '10.244.1.0/24', rangeEnd: '10.244.1.9' }],
        [{ subnet: '10.244.1.0/24', rangeStart: '10.244.1.10' }],
      ],
    };
    const out = run(host, bridgeList(same), 'ADD', 'c1');
    expect(out.outcome.ok && out.outcome.result?.ips?.map((i) => i.address)).toEqual([
      '10.244.1.2/24',
      '10.244.1.10/24',
    ]);
    expect(host.devices['cni0']?.addresses).toEqual(['10.244.1.1/24']);
  });

  it('ipMasq appends each rule once per chain, in order (AppendUnique)', () => {
    const rows = ipMasqRowsAll('net5', 'c6', ['10.251.0.10/24', '172.30.0.2/24', '10.251.0.20/24']);
    const rules = (rows.nat ?? []).map(
      (r) => `${r.chain} ${r.rule.replace(/ -m comment --comment .* -j/, ' -j')}`,
    );
    expect(rules).toEqual([
      'POSTROUTING -s 10.251.0.10/32 -j CNI-8969d238f0f56ae516072b2c',
      'CNI-8969d238f0f56ae516072b2c -d 10.251.0.0/24 -j ACCEPT',
      'CNI-8969d238f0f56ae516072b2c ! -d 224.0.0.0/4 -j MASQUERADE',
      'POSTROUTING -s 172.30.0.2/32 -j CNI-8969d238f0f56ae516072b2c',
      'CNI-8969d238f0f56ae516072b2c -d 172.30.0.0/24 -j ACCEPT',
      'POSTROUTING -s 10.251.0.20/32 -j CNI-8969d238f0f56ae516072b2c',
    ]);
  });
});

describe('routes the kernel refuses (ipam.ConfigureIface)', () => {
  it('a gateway outside the subnet: network is unreachable, the route as Go prints a net.IPNet', () => {
    const host = testHost();
    const ipam = {
      type: 'host-local',
      ranges: [[{ subnet: '10.244.1.0/24', gateway: '10.244.0.254' }]],
      routes: [{ dst: '0.0.0.0/0' }],
    };
    expect(errOf(run(host, bridgeList(ipam), 'ADD', 'c1'))).toBe(
      `${WRAP}failed to add route '{0.0.0.0 00000000} via 10.244.0.254 dev eth0': network is unreachable`,
    );
    expect(host.devices['cni0']?.addresses).toEqual([]);
    expect(host.ipam['mynet']?.files).toEqual({});
    const viaDefault = { ...ipam, routes: [{ dst: '10.96.0.0/12' }] };
    expect(errOf(run(host, bridgeList(viaDefault, { isDefaultGateway: true }), 'ADD', 'c2'))).toBe(
      `${WRAP}failed to add route '{10.96.0.0 fff00000} via 10.244.0.254 dev eth0': network is unreachable`,
    );
    const noRoutes = { type: 'host-local', ranges: ipam.ranges };
    expect(errOf(run(host, bridgeList(noRoutes, { isDefaultGateway: true }), 'ADD', 'c3'))).toBe(
      `${WRAP}failed to add route '{0.0.0.0 00000000000000000000ffff00000000} via 10.244.0.254 dev eth0': network is unreachable`,
    );
  });

  it('isDefaultGateway next to a default route without gw: the same route twice, file exists', () => {
    const host = testHost();
    const ipam = {
      type: 'host-local',
      ranges: [[{ subnet: '10.252.0.0/24' }]],
      routes: [{ dst: '0.0.0.0/0' }],
    };
    expect(errOf(run(host, bridgeList(ipam, { isDefaultGateway: true }), 'ADD', 'c1'))).toBe(
      `${WRAP}failed to add route '{0.0.0.0 00000000000000000000ffff00000000} via 10.252.0.1 dev eth0': file exists`,
    );
  });

  it('isDefaultGateway adds nothing when IPAM routes 0.0.0.0/0 through a gateway (calcGateways)', () => {
    const host = testHost();
    const ipam = {
      type: 'host-local',
      ranges: [[{ subnet: '10.253.0.0/24' }]],
      routes: [{ dst: '0.0.0.0/0', gw: '10.253.0.9' }],
    };
    const out = run(host, bridgeList(ipam, { isDefaultGateway: true }), 'ADD', 'c1');
    expect(out.outcome.ok && out.outcome.result?.routes).toEqual([{ dst: '0.0.0.0/0', gw: '10.253.0.9' }]);
  });
});

describe("the bridge's MAC when nobody pins it", () => {
  const ipam = { type: 'host-local', ranges: [[{ subnet: '10.244.1.0/24' }]] };

  it('without isGateway cni0 takes its lowest port MAC', () => {
    const host = testHost();
    const a = run(host, bridgeList(ipam, { isGateway: false }), 'ADD', 'a');
    const b = run(host, bridgeList(ipam, { isGateway: false }), 'ADD', 'b');
    if (!a.outcome.ok || !b.outcome.ok) throw new Error('ADD failed');
    const vethA = a.outcome.result?.interfaces?.[1]?.mac ?? '';
    const vethB = b.outcome.result?.interfaces?.[1]?.mac ?? '';
    expect(a.outcome.result?.interfaces?.[0]?.mac).toBe(vethA);
    expect(b.outcome.result?.interfaces?.[0]?.mac).toBe(vethA < vethB ? vethA : vethB);
    expect(host.devices['cni0']?.ports).toEqual([vethA, vethB]);
  });

  it('a first ADD that fails before ensureAddr leaves cni0 unpinned; the next one cannot pin a MAC of zeros', () => {
    const host = testHost();
    const bad = { type: 'host-local', ranges: [[{ subnet: '10.244.1.0/24', rangeStart: '10.244.2.1' }]] };
    expect(errOf(run(host, bridgeList(bad), 'ADD', 'a'))).toBe(
      `${WRAP}invalid range set 0: RangeStart 10.244.2.1 not in network 10.244.1.0/24`,
    );
    expect(host.devices['cni0']?.ports).toEqual([]);
    expect(errOf(run(host, bridgeList(ipam), 'ADD', 'b'))).toBe(
      `${WRAP}failed to set bridge addr: could not set bridge's mac: invalid argument`,
    );
    // AddrAdd came first: the address stays, the MAC is still not pinned.
    expect(host.devices['cni0']?.addresses).toEqual(['10.244.1.1/24']);
    expect(host.devices['cni0']?.ports).toEqual([]);
  });

  it('a first ADD that succeeds pins the MAC cni0 was created with', () => {
    const host = testHost();
    const out = run(host, bridgeList(ipam), 'ADD', 'a');
    expect(host.devices['cni0']?.ports).toBeUndefined();
    expect(out.outcome.ok && out.outcome.result?.interfaces?.[0]?.mac).toBe(host.devices['cni0']?.mac);
  });
});
