import { describe, expect, it } from 'vitest';
import { calicoHostIfaceName } from '../util/hash.ts';
import { apply, summary, trace, twoNodes } from './trace-fixtures.ts';

const caliA = calicoHostIfaceName('default', 'a');
const caliB = calicoHostIfaceName('default', 'b');
const caliC = calicoHostIfaceName('default', 'c');

describe('golden traces: flannel', () => {
  it('vxlan across nodes: cni0 → flannel.1 (VNI 1, UDP 8472) → eth0 → underlay → decap → cni0, 64 → 62, no NAT', () => {
    const state = twoNodes({ plugin: 'flannel' });
    const t = trace(state, { from: 'a', to: 'b', protocol: 'icmp' });
    expect(t.delivered).toBe(true);
    expect(summary(t.hops)).toEqual([
      'pod/a eth0 64',
      'node/node-1 cni0 64',
      'node/node-1 flannel.1 63 vxlan:1:8472',
      'node/node-1 eth0 63 vxlan:1:8472',
      'underlay eth0 63 vxlan:1:8472',
      'node/node-2 eth0 63 vxlan:1:8472',
      'node/node-2 flannel.1 63',
      'node/node-2 cni0 62',
      'pod/b eth0 62',
    ]);
    const last = t.hops.at(-1);
    expect(last?.packet.ip).toMatchObject({
      src: state.pods['default/a']?.ip,
      dst: state.pods['default/b']?.ip,
      protocol: 1,
    });
    expect(t.hops[2]?.note).toContain('route 10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink matched');
    expect(t.hops[2]?.packet.outer?.ip).toMatchObject({
      src: '192.168.56.11',
      dst: '192.168.56.12',
      protocol: 17,
    });
    expect(t.reply?.delivered).toBe(true);
    expect(summary(t.reply?.hops ?? []).at(-1)).toBe('pod/a eth0 62');
  });
  it('same node: bridged, no TTL decrement', () => {
    const t = trace(twoNodes({ plugin: 'flannel' }), { from: 'a', to: 'c', protocol: 'icmp' });
    expect(summary(t.hops)).toEqual(['pod/a eth0 64', 'node/node-1 cni0 64', 'pod/c eth0 64']);
  });
  it('host-gw across nodes: routed via the node IP, no encapsulation', () => {
    const t = trace(twoNodes({ plugin: 'flannel', backend: 'host-gw' }), {
      from: 'a',
      to: 'b',
      protocol: 'tcp',
      port: 80,
    });
    expect(summary(t.hops)).toEqual([
      'pod/a eth0 64',
      'node/node-1 cni0 64',
      'node/node-1 eth0 63',
      'underlay eth0 63',
      'node/node-2 eth0 63',
      'node/node-2 cni0 62',
      'pod/b eth0 62',
    ]);
    expect(t.hops[2]?.note).toContain('route 10.244.1.0/24 via 192.168.56.12 dev eth0 matched');
    expect(t.reply?.hops[0]?.packet.l4).toMatchObject({ kind: 'tcp', flags: ['SYN', 'ACK'] });
  });
  it('to an outside address: FLANNEL-POSTRTG masquerades to the node IP, conntrack reverses it', () => {
    const t = trace(twoNodes({ plugin: 'flannel' }), { from: 'a', to: '8.8.8.8', protocol: 'icmp' });
    expect(t.delivered).toBe(true);
    expect(t.hops[2]?.note).toContain('MASQUERADE, source 10.244.0.2 rewritten to 192.168.56.11');
    expect(t.hops.at(-1)).toMatchObject({
      where: 'underlay',
      packet: { ip: { src: '192.168.56.11', dst: '8.8.8.8' } },
    });
    expect(t.reply?.hops.at(-1)).toMatchObject({
      where: 'pod/a',
      packet: { ip: { src: '8.8.8.8', dst: '10.244.0.2' } },
    });
  });
});

describe('golden traces: calico', () => {
  it('ipip across nodes: tunl0, IP protocol 4, no UDP', () => {
    const t = trace(twoNodes({ plugin: 'calico' }), { from: 'a', to: 'b', protocol: 'icmp' });
    expect(summary(t.hops)).toEqual([
      'pod/a eth0 64',
      `node/node-1 ${caliA} 64`,
      'node/node-1 tunl0 63 ipip',
      'node/node-1 eth0 63 ipip',
      'underlay eth0 63 ipip',
      'node/node-2 eth0 63 ipip',
      'node/node-2 tunl0 63',
      `node/node-2 ${caliB} 62`,
      'pod/b eth0 62',
    ]);
    expect(t.hops[0]?.packet.eth?.dst).toBe('ee:ee:ee:ee:ee:ee');
    expect(t.hops[2]?.note).toMatch(/via 192\.168\.56\.12 dev tunl0 proto bird onlink matched/);
    expect(t.hops[2]?.packet.outer?.ip.protocol).toBe(4);
  });
  it('vxlan across nodes: vxlan.calico, VNI 4096, UDP 4789', () => {
    const t = trace(twoNodes({ plugin: 'calico', mode: 'vxlan' }), { from: 'a', to: 'b', protocol: 'icmp' });
    expect(summary(t.hops)).toEqual([
      'pod/a eth0 64',
      `node/node-1 ${caliA} 64`,
      'node/node-1 vxlan.calico 63 vxlan:4096:4789',
      'node/node-1 eth0 63 vxlan:4096:4789',
      'underlay eth0 63 vxlan:4096:4789',
      'node/node-2 eth0 63 vxlan:4096:4789',
      'node/node-2 vxlan.calico 63',
      `node/node-2 ${caliB} 62`,
      'pod/b eth0 62',
    ]);
  });
  it('none (BGP only): routed via the node, proto bird', () => {
    const t = trace(twoNodes({ plugin: 'calico', mode: 'none' }), { from: 'a', to: 'b', protocol: 'icmp' });
    expect(summary(t.hops)).toEqual([
      'pod/a eth0 64',
      `node/node-1 ${caliA} 64`,
      'node/node-1 eth0 63',
      'underlay eth0 63',
      'node/node-2 eth0 63',
      `node/node-2 ${caliB} 62`,
      'pod/b eth0 62',
    ]);
  });
  it('same node: routed through the host, TTL − 1', () => {
    const t = trace(twoNodes({ plugin: 'calico' }), { from: 'a', to: 'c', protocol: 'icmp' });
    expect(summary(t.hops)).toEqual([
      'pod/a eth0 64',
      `node/node-1 ${caliA} 64`,
      `node/node-1 ${caliC} 63`,
      'pod/c eth0 63',
    ]);
  });
});

describe('golden traces: weave and the plain bridge', () => {
  it('weave fastdp across nodes: one L2 network, VXLAN on 6784, no TTL decrement', () => {
    const t = trace(twoNodes({ plugin: 'weave' }), { from: 'a', to: 'b', protocol: 'icmp' });
    expect(summary(t.hops)).toEqual([
      'pod/a eth0 64',
      'node/node-1 vethwe-bridge 64 vxlan:4098:6784',
      'node/node-1 eth0 64 vxlan:4098:6784',
      'underlay eth0 64 vxlan:4098:6784',
      'node/node-2 eth0 64 vxlan:4098:6784',
      'node/node-2 vethwe-bridge 64',
      'node/node-2 weave 64',
      'pod/b eth0 64',
    ]);
  });
  it('weave sleeve: UDP 6783 without a VXLAN header', () => {
    const t = trace(twoNodes({ plugin: 'weave', encapsulation: 'sleeve' }), {
      from: 'a',
      to: 'b',
      protocol: 'icmp',
    });
    expect(summary(t.hops).slice(1, 3)).toEqual([
      'node/node-1 vethwe-bridge 64 udp:6783',
      'node/node-1 eth0 64 udp:6783',
    ]);
    expect(t.delivered).toBe(true);
  });
  it('weave same node: bridged', () => {
    const t = trace(twoNodes({ plugin: 'weave' }), { from: 'a', to: 'c', protocol: 'icmp' });
    expect(summary(t.hops)).toEqual(['pod/a eth0 64', 'node/node-1 weave 64', 'pod/c eth0 64']);
  });
  it('bridge: no route between nodes until the student adds one', () => {
    const state = twoNodes({ plugin: 'bridge', ipMasq: false });
    const dropped = trace(state, { from: 'a', to: 'b', protocol: 'icmp' });
    expect(dropped.delivered).toBe(false);
    // The reason says what is missing; the route itself is the fix, kept apart for a student who asks.
    expect(dropped.dropReason).toContain('sets up no routes between nodes');
    expect(dropped.dropReason).not.toContain('10.244.1.0/24');
    expect(dropped.dropReason).not.toContain('addRoute');
    expect(dropped.dropFix).toContain(
      'addRoute {node: "node-1", dst: "10.244.1.0/24", via: "192.168.56.12"}',
    );
    const fixed = apply(state, [
      { type: 'addRoute', node: 'node-1', dst: '10.244.1.0/24', via: '192.168.56.12' },
      { type: 'addRoute', node: 'node-2', dst: '10.244.0.0/24', via: '192.168.56.11' },
    ]);
    const t = trace(fixed, { from: 'a', to: 'b', protocol: 'icmp' });
    expect(summary(t.hops)).toEqual([
      'pod/a eth0 64',
      'node/node-1 cni0 64',
      'node/node-1 eth0 63',
      'underlay eth0 63',
      'node/node-2 eth0 63',
      'node/node-2 cni0 62',
      'pod/b eth0 62',
    ]);
    expect(t.reply?.delivered).toBe(true);
  });
  it('bridge with ipMasq: traffic leaving the node is masqueraded and conntrack reverses it on the reply', () => {
    const state = apply(twoNodes({ plugin: 'bridge' }), [
      { type: 'addRoute', node: 'node-1', dst: '10.244.1.0/24', via: '192.168.56.12' },
      { type: 'addRoute', node: 'node-2', dst: '10.244.0.0/24', via: '192.168.56.11' },
    ]);
    const t = trace(state, { from: 'a', to: 'b', protocol: 'icmp' });
    expect(t.hops.at(-1)?.packet.ip.src).toBe('192.168.56.11');
    expect(t.reply?.hops.at(-1)).toMatchObject({ where: 'pod/a', packet: { ip: { dst: '10.244.0.2' } } });
  });
});
