import { describe, expect, it } from 'vitest';
import { parseCidr, parseIpv4 } from '../net/ipv4.ts';
import { parseIpRoute } from '../tracer/route-table.ts';
import {
  flannelConflist,
  flannelDelegateConfig,
  flannelHostGwRoute,
  flannelMasqRules,
  flannelMtu,
  flannelNodeAnnotations,
  flannelSubnetEnv,
  flannelVxlanDevice,
  flannelVxlanRows,
} from './flannel.ts';
import { formatNatTable, natVerdict } from './nat-rules.ts';

const network = parseCidr('10.244.0.0/16')!;
const node1 = parseCidr('10.244.1.0/24')!;
const ip = (t: string): number => parseIpv4(t)!;
const remote = {
  podCIDR: parseCidr('10.244.2.0/24')!,
  nodeIp: ip('192.168.56.12'),
  vtepMac: '7a:9c:3e:01:02:03',
};

describe('flannel', () => {
  it('writes subnet.env in WriteSubnetFile order with FLANNEL_SUBNET = network + 1', () => {
    expect(flannelSubnetEnv({ network, podCIDR: node1, backend: 'vxlan' })).toBe(
      'FLANNEL_NETWORK=10.244.0.0/16\nFLANNEL_SUBNET=10.244.1.1/24\nFLANNEL_MTU=1450\nFLANNEL_IPMASQ=true\n',
    );
    expect(flannelSubnetEnv({ network, podCIDR: parseCidr('10.244.0.0/24')!, backend: 'host-gw' })).toContain(
      'FLANNEL_SUBNET=10.244.0.1/24\nFLANNEL_MTU=1500\n',
    );
    expect(flannelMtu('vxlan', 9001)).toBe(8951);
  });
  it('has the kube-flannel conflist', () => {
    expect(flannelConflist()).toEqual({
      name: 'cbr0',
      cniVersion: '0.3.1',
      plugins: [
        { type: 'flannel', delegate: { hairpinMode: true, isDefaultGateway: true } },
        { type: 'portmap', capabilities: { portMappings: true } },
      ],
    });
    // Printed in kube-flannel.yml's key order.
    expect(Object.keys(flannelConflist())).toEqual(['name', 'cniVersion', 'plugins']);
  });
  it('delegates to bridge with ipMasq false and host-local over the node subnet', () => {
    expect(flannelDelegateConfig({ network, podCIDR: node1, backend: 'vxlan' })).toEqual({
      cniVersion: '0.3.1',
      name: 'cbr0',
      type: 'bridge',
      hairpinMode: true,
      isDefaultGateway: true,
      isGateway: true,
      ipMasq: false,
      mtu: 1450,
      ipam: {
        type: 'host-local',
        ranges: [[{ subnet: '10.244.1.0/24' }]],
        routes: [{ dst: '10.244.0.0/16' }],
      },
    });
  });
  it('builds flannel.1', () => {
    expect(flannelVxlanDevice(node1, '7a:00:00:00:00:01', ip('192.168.56.11'))).toEqual({
      name: 'flannel.1',
      kind: 'vxlan',
      vni: 1,
      dstPort: 8472,
      mtu: 1450,
      address: '10.244.1.0/32',
      mac: '7a:00:00:00:00:01',
      local: '192.168.56.11',
      learning: false,
    });
  });
  it('adds neighbour, FDB and onlink route per remote node (vxlan)', () => {
    const rows = flannelVxlanRows(remote);
    expect(rows).toEqual({
      neighbour: '10.244.2.0 dev flannel.1 lladdr 7a:9c:3e:01:02:03 PERMANENT',
      fdb: '7a:9c:3e:01:02:03 dev flannel.1 dst 192.168.56.12 self permanent',
      route: '10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink',
    });
    expect(parseIpRoute(rows.route)).toMatchObject({
      ok: true,
      value: { dev: 'flannel.1', onlink: true, via: ip('10.244.2.0') },
    });
  });
  it('routes via the remote node IP for host-gw', () => {
    expect(flannelHostGwRoute(remote)).toBe('10.244.2.0/24 via 192.168.56.12 dev eth0');
    expect(parseIpRoute(flannelHostGwRoute(remote)).ok).toBe(true);
  });
  it('prints FLANNEL-POSTRTG in E.5 order', () => {
    expect(formatNatTable(flannelMasqRules(node1, network))).toEqual([
      '-N FLANNEL-POSTRTG',
      '-A POSTROUTING -m comment --comment "flanneld masq" -j FLANNEL-POSTRTG',
      '-A FLANNEL-POSTRTG -m mark --mark 0x4000/0x4000 -m comment --comment "flanneld masq" -j RETURN',
      '-A FLANNEL-POSTRTG -s 10.244.1.0/24 -d 10.244.0.0/16 -m comment --comment "flanneld masq" -j RETURN',
      '-A FLANNEL-POSTRTG -s 10.244.0.0/16 -d 10.244.1.0/24 -m comment --comment "flanneld masq" -j RETURN',
      '-A FLANNEL-POSTRTG ! -s 10.244.0.0/16 -d 10.244.1.0/24 -m comment --comment "flanneld masq" -j RETURN',
      '-A FLANNEL-POSTRTG -s 10.244.0.0/16 ! -d 224.0.0.0/4 -m comment --comment "flanneld masq" -j MASQUERADE --random-fully',
      '-A FLANNEL-POSTRTG ! -s 10.244.0.0/16 -d 10.244.0.0/16 -m comment --comment "flanneld masq" -j MASQUERADE --random-fully',
    ]);
  });
  it('leaves pod→pod alone and masquerades pod→outside and host→remote pod', () => {
    const rules = flannelMasqRules(node1, network);
    const podToPod = natVerdict(rules, { src: ip('10.244.1.2'), dst: ip('10.244.2.3') });
    expect(podToPod).toEqual({
      action: 'none',
      rule: '-A FLANNEL-POSTRTG -s 10.244.1.0/24 -d 10.244.0.0/16 -m comment --comment "flanneld masq" -j RETURN',
    });
    expect(natVerdict(rules, { src: ip('10.244.1.2'), dst: ip('8.8.8.8') }).action).toBe('MASQUERADE');
    expect(natVerdict(rules, { src: ip('192.168.56.11'), dst: ip('10.244.2.3') }).action).toBe('MASQUERADE');
    expect(natVerdict(rules, { src: ip('10.244.1.2'), dst: ip('8.8.8.8'), marked: true }).action).toBe(
      'none',
    );
    expect(natVerdict(rules, { src: ip('192.168.56.11'), dst: ip('10.244.1.3') }).action).toBe('none');
  });
  it('annotates the node', () => {
    expect(flannelNodeAnnotations('vxlan', ip('192.168.56.11'), '7a:00:00:00:00:01')).toEqual({
      'flannel.alpha.coreos.com/backend-data': '{"VNI":1,"VtepMAC":"7a:00:00:00:00:01"}',
      'flannel.alpha.coreos.com/backend-type': 'vxlan',
      'flannel.alpha.coreos.com/kube-subnet-manager': 'true',
      'flannel.alpha.coreos.com/public-ip': '192.168.56.11',
    });
  });
});
