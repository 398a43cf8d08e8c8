import { describe, expect, it } from 'vitest';
import { parseCidr, parseIpv4 } from '../net/ipv4.ts';
import { formatBridgeFdb, formatIpNeigh, formatRoute } from '../kernel/format.ts';
import { parseIpRoute } from '../tracer/route-table.ts';
import {
  calicoConflist,
  calicoDefaultPool,
  calicoHostSide,
  calicoNatOutgoingRules,
  calicoNodeRows,
  calicoPodMtu,
  calicoPodSide,
  calicoTunnelDevice,
} from './calico.ts';
import { formatNatRule, natVerdict } from './nat-rules.ts';

const cidr = (t: string) => parseCidr(t)!;
const ip = (t: string): number => parseIpv4(t)!;

describe('calico data plane', () => {
  it.each([
    [['10.0.0.0/24'], '192.168.0.0/16'],
    [['192.168.56.0/24'], '172.16.0.0/16'],
    [['192.168.56.0/24', '172.16.0.0/16', '172.17.5.0/24'], '172.18.0.0/16'],
    [['192.168.0.0/16', '172.16.0.0/12'], null],
  ])('default pool for hosts %j → %s', (hosts, expected) => {
    const pool = calicoDefaultPool(hosts.map(cidr));
    expect(pool && `${pool.net >>> 24}.${(pool.net >>> 16) & 255}.0.0/${pool.prefix}`).toBe(expected);
  });
  it('sets up the pod side behind 169.254.1.1', () => {
    expect(calicoPodSide(ip('192.168.1.5'))).toEqual({
      address: '192.168.1.5/32',
      routes: ['169.254.1.1 dev eth0 scope link', 'default via 169.254.1.1 dev eth0'],
    });
    for (const r of calicoPodSide(ip('192.168.1.5')).routes) expect(parseIpRoute(r).ok).toBe(true);
  });
  it('names the host side cali + 11 hex with MAC ee:ee:ee:ee:ee:ee and a /32 route', () => {
    const host = calicoHostSide('namespace', 'podname', ip('192.168.1.5'));
    expect(host).toMatchObject({
      name: 'cali82111e10a96',
      mac: 'ee:ee:ee:ee:ee:ee',
      route: '192.168.1.5 dev cali82111e10a96 scope link',
    });
    expect(host.sysctls['net.ipv4.conf.cali82111e10a96.proxy_arp']).toBe('1');
    expect(parseIpRoute(host.route)).toMatchObject({ ok: true, value: { dst: { prefix: 32 } } });
  });
  const remote = {
    nodeIp: ip('10.0.0.12'),
    blocks: [cidr('192.168.2.0/26')],
    tunnelIp: ip('192.168.2.0'),
    tunnelMac: '66:1a:00:00:00:02',
  };
  it.each([
    [
      'ipip',
      ['blackhole 192.168.221.64/26 proto bird', '192.168.2.0/26 via 10.0.0.12 dev tunl0 proto bird onlink'],
    ],
    ['none', ['blackhole 192.168.221.64/26 proto bird', '192.168.2.0/26 via 10.0.0.12 dev eth0 proto bird']],
    [
      'vxlan',
      ['blackhole 192.168.221.64/26 proto 80', '192.168.2.0/26 via 192.168.2.0 dev vxlan.calico onlink'],
    ],
  ] as const)('node routes in %s mode', (mode, routes) => {
    const rows = calicoNodeRows(mode, [cidr('192.168.221.64/26')], [remote]);
    const lines = rows.routes.map(formatRoute);
    expect(lines).toEqual(routes);
    for (const r of lines) expect(parseIpRoute(r).ok).toBe(true);
    if (mode === 'vxlan') {
      expect(formatIpNeigh(rows.neigh)).toEqual([
        '192.168.2.0 dev vxlan.calico lladdr 66:1a:00:00:00:02 PERMANENT',
      ]);
      expect(formatBridgeFdb(rows.fdb)).toEqual([
        '66:1a:00:00:00:02 dev vxlan.calico dst 10.0.0.12 self permanent',
      ]);
    } else expect(rows.neigh).toEqual([]);
  });
  it('builds tunnel devices and MTUs', () => {
    expect(calicoTunnelDevice('ipip', ip('192.168.219.64'), '')).toEqual({
      name: 'tunl0',
      kind: 'ipip',
      protocol: 4,
      mtu: 1480,
      address: '192.168.219.64/32',
    });
    expect(calicoTunnelDevice('vxlan', ip('192.168.219.64'), '66:1a:00:00:00:01')).toMatchObject({
      name: 'vxlan.calico',
      vni: 4096,
      dstPort: 4789,
      mtu: 1450,
    });
    expect(calicoTunnelDevice('none', 0, '')).toBeNull();
    expect([calicoPodMtu('ipip'), calicoPodMtu('vxlan'), calicoPodMtu('none')]).toEqual([1480, 1450, 1500]);
  });
  it('has the k8s-pod-network conflist', () => {
    const c = calicoConflist('node-1', 1480);
    expect(c).toMatchObject({ name: 'k8s-pod-network', cniVersion: '1.0.0' });
    // Printed in calico.yaml's key order.
    expect(Object.keys(c)).toEqual(['name', 'cniVersion', 'plugins']);
    expect(c.plugins[0]).toMatchObject({
      type: 'calico',
      ipam: { type: 'calico-ipam' },
      policy: { type: 'k8s' },
      mtu: 1480,
      nodename: 'node-1',
    });
    expect(c.plugins[1]).toEqual({ type: 'portmap', snat: true, capabilities: { portMappings: true } });
  });
  it('masquerades only pool → outside (natOutgoing)', () => {
    const rules = calicoNatOutgoingRules([cidr('192.168.0.0/16')]);
    expect(formatNatRule(rules[2]!)).toBe(
      '-A cali-nat-outgoing -m set --match-set cali40masq-ipam-pools src -m set ! --match-set cali40all-ipam-pools dst -j MASQUERADE --random-fully',
    );
    expect(natVerdict(rules, { src: ip('192.168.1.5'), dst: ip('192.168.2.9') }).action).toBe('none');
    expect(natVerdict(rules, { src: ip('192.168.1.5'), dst: ip('1.1.1.1') }).action).toBe('MASQUERADE');
    expect(
      natVerdict(calicoNatOutgoingRules([cidr('192.168.0.0/16')], false), {
        src: ip('192.168.1.5'),
        dst: ip('1.1.1.1'),
      }).action,
    ).toBe('none');
  });
});
