import { describe, expect, it } from 'vitest';
import { applyCommand } from '../commands/apply-command.ts';
import { createCluster } from '../cluster/create-cluster.ts';
import type { Command } from '../state/types.ts';
import { apply, summary, trace, twoNodes } from './trace-fixtures.ts';

const denyIngressToB = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'deny-b', namespace: 'default' },
  spec: { podSelector: { matchLabels: { app: 'b' } }, policyTypes: ['Ingress'] },
};
const allowAToB = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'allow-a', namespace: 'default' },
  spec: {
    podSelector: { matchLabels: { app: 'b' } },
    ingress: [{ from: [{ podSelector: { matchLabels: { app: 'a' } } }], ports: [{ port: 80 }] }],
  },
};
const policy = (p: unknown): Command => ({ type: 'applyNetworkPolicy', policy: p });

describe('drops with reasons a student can act on', () => {
  it('TTL exceeded at the first router', () => {
    const t = trace(twoNodes({ plugin: 'flannel' }), { from: 'a', to: 'b', protocol: 'icmp', ttl: 1 });
    expect(t.delivered).toBe(false);
    expect(t.dropReason).toContain('TTL exceeded in transit at node/node-1');
  });
  it('MTU exceeded with DF set at the pod eth0 (flannel MTU 1450)', () => {
    const t = trace(twoNodes({ plugin: 'flannel' }), {
      from: 'a',
      to: 'b',
      protocol: 'udp',
      port: 53,
      size: 1440,
    });
    expect(t.dropReason).toMatch(
      /needs fragmentation \(DF set\): packet of 1468 bytes exceeds the MTU 1450 of dev eth0/,
    );
  });
  it('destination pod not running because its node has no podCIDR', () => {
    const r = createCluster({
      clusterCIDR: '10.244.0.0/24',
      network: { plugin: 'flannel' },
      nodes: [{ name: 'node-1' }, { name: 'node-2' }],
      pods: [
        { name: 'a', node: 'node-1' },
        { name: 'b', node: 'node-2' },
      ],
    });
    if (!r.ok) throw new Error('cluster');
    const t = trace(r.state, { from: 'a', to: 'b', protocol: 'icmp' });
    expect(t.delivered).toBe(false);
    expect(t.dropReason).toContain('node-2 has no podCIDR');
  });
  it('an address in a node range with no pod: nobody answers ARP', () => {
    const t = trace(twoNodes({ plugin: 'flannel' }), { from: 'a', to: '10.244.1.77', protocol: 'icmp' });
    expect(t.dropReason).toContain('no pod with 10.244.1.77 is running on node/node-2');
  });
  it('calico blackholes an unused address of its own block', () => {
    const t = trace(twoNodes({ plugin: 'calico' }), { from: 'a', to: '172.16.41.250', protocol: 'icmp' });
    expect(t.dropReason).toContain('blackhole');
  });
  it('macvlan: the host cannot reach its own macvlan pods', () => {
    const t = trace(twoNodes({ plugin: 'bridge', cni: 'macvlan' }), {
      from: 'node/node-1',
      to: 'a',
      protocol: 'icmp',
    });
    expect(t.dropReason).toContain('macvlan');
    // As on Linux (kernel suite): the node has no route to its macvlan pods, so the echo
    // leaves eth0 for the default gateway, which has no route to pods.
    const wire = t.hops.filter((h) => h.where === 'underlay');
    expect(wire).toHaveLength(1);
    expect(wire[0]?.packet.ip.src).toBe('192.168.56.11');
    expect(wire[0]?.packet.eth?.dst).toBe('52:54:00:12:35:02');
  });
  it('a pod isolated for ingress still accepts traffic from its own node (kubelet probes)', () => {
    const s = apply(twoNodes({ plugin: 'calico' }), [
      {
        type: 'applyNetworkPolicy',
        policy: { ...denyIngressToB, spec: { podSelector: {}, policyTypes: ['Ingress'] } },
      },
    ]);
    const own = trace(s, { from: 'node/node-2', to: 'b', protocol: 'tcp', port: 80 });
    const other = trace(s, { from: 'node/node-1', to: 'b', protocol: 'tcp', port: 80 });
    const pod = trace(s, { from: 'a', to: 'b', protocol: 'tcp', port: 80 });
    expect(own.dropReason ?? '').not.toContain('NetworkPolicy');
    expect(own.hops.some((h) => h.note.includes('traffic from its own node is always allowed'))).toBe(true);
    expect(other.dropReason).toContain('NetworkPolicy denied it at ingress');
    expect(pod.dropReason).toContain('NetworkPolicy denied it at ingress');
  });
  it('a reply is not masqueraded again: it belongs to the tracked connection (ptp, ipMasq)', () => {
    const s = apply(twoNodes({ plugin: 'bridge', cni: 'ptp' }), [
      { type: 'addRoute', node: 'node-1', dst: '10.244.1.0/24', via: '192.168.56.12' },
      { type: 'addRoute', node: 'node-2', dst: '10.244.0.0/24', via: '192.168.56.11' },
    ]);
    const t = trace(s, { from: 'a', to: 'b', protocol: 'icmp' });
    expect(t.delivered).toBe(true);
    const out = t.hops
      .filter((h) => h.where === 'underlay')
      .map((h) => `${h.packet.ip.src} > ${h.packet.ip.dst}`);
    const back = (t.reply?.hops ?? [])
      .filter((h) => h.where === 'underlay')
      .map((h) => `${h.packet.ip.src} > ${h.packet.ip.dst}`);
    // What tcpdump sees on the underlay (kernel suite, scenario ptp).
    expect(out).toEqual(['192.168.56.11 > 10.244.1.2']);
    expect(back).toEqual(['10.244.1.2 > 192.168.56.11']);
    expect(t.reply?.delivered).toBe(true);
  });
  it('bridge without routes between nodes: the packet leaves, masqueraded, for the gateway', () => {
    const t = trace(twoNodes({ plugin: 'bridge' }), { from: 'a', to: 'b', protocol: 'icmp' });
    expect(t.delivered).toBe(false);
    expect(t.dropReason).toContain('no route');
    const wire = t.hops.filter((h) => h.where === 'underlay');
    expect(wire.map((h) => `${h.packet.ip.src} > ${h.packet.ip.dst}`)).toEqual([
      '192.168.56.11 > 10.244.1.2',
    ]);
  });
  it('unknown endpoints are errors with codes; the state is returned unchanged', () => {
    const state = twoNodes({ plugin: 'flannel' });
    for (const [from, to, code] of [
      ['nope', 'b', 'unknown-pod'],
      ['a', 'node/nope', 'unknown-node'],
    ] as const) {
      const r = applyCommand(state, { type: 'trace', from, to, protocol: 'icmp' });
      expect(r.state).toBe(state);
      expect(r.result).toMatchObject({ ok: false, error: { code } });
    }
  });
});

describe('NetworkPolicy', () => {
  it('calico enforces: ingress denied by default names the policy; an allow rule lets it through', () => {
    const state = apply(twoNodes({ plugin: 'calico' }), [policy(denyIngressToB)]);
    const denied = trace(state, { from: 'a', to: 'b', protocol: 'tcp', port: 80 });
    expect(denied.delivered).toBe(false);
    expect(denied.dropReason).toContain('default/deny-b');
    const allowed = trace(apply(state, [policy(allowAToB)]), {
      from: 'a',
      to: 'b',
      protocol: 'tcp',
      port: 80,
    });
    expect(allowed.delivered).toBe(true);
    expect(allowed.hops.at(-1)?.note).toContain('allowed by policy default/allow-a');
    expect(allowed.reply?.delivered).toBe(true);
  });
  it('weave enforces too (weave-npc)', () => {
    const state = apply(twoNodes({ plugin: 'weave' }), [policy(denyIngressToB)]);
    expect(trace(state, { from: 'a', to: 'b', protocol: 'icmp' }).dropReason).toContain('weave-npc');
  });
  it('flannel accepts the policy and ignores it, saying so', () => {
    const state = apply(twoNodes({ plugin: 'flannel' }), [policy(denyIngressToB)]);
    expect(Object.keys(state.policies)).toEqual(['default/deny-b']);
    const t = trace(state, { from: 'a', to: 'b', protocol: 'icmp' });
    expect(t.delivered).toBe(true);
    expect(t.hops.at(-1)?.note).toContain('not enforced by this plugin');
  });
  it('deleteNetworkPolicy removes it; bad input fails with a code and the same state', () => {
    const state = apply(twoNodes({ plugin: 'calico' }), [policy(denyIngressToB)]);
    const after = apply(state, [{ type: 'deleteNetworkPolicy', name: 'deny-b' }]);
    expect(trace(after, { from: 'a', to: 'b', protocol: 'icmp' }).delivered).toBe(true);
    const bad = applyCommand(state, policy({ kind: 'NetworkPolicy' }));
    expect(bad.state).toBe(state);
    expect(bad.result).toMatchObject({ ok: false, error: { code: 'invalid-policy' } });
    const missing = applyCommand(after, { type: 'deleteNetworkPolicy', name: 'deny-b' });
    expect(missing.result).toMatchObject({ ok: false, error: { code: 'unknown-policy' } });
  });
  it('egress is checked at the source', () => {
    const denyEgress = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'no-egress', namespace: 'default' },
      spec: { podSelector: { matchLabels: { app: 'a' } }, policyTypes: ['Egress'] },
    };
    const t = trace(apply(twoNodes({ plugin: 'calico' }), [policy(denyEgress)]), {
      from: 'a',
      to: 'b',
      protocol: 'icmp',
    });
    expect(t.dropReason).toContain('egress');
    expect(summary(t.hops)).toEqual(['pod/a eth0 64']);
  });
});
