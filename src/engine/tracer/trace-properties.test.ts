import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster/create-cluster.ts';
import { nodeTables } from '../kernel/node-tables.ts';
import { podTables } from '../kernel/pod-tables.ts';
import type { ClusterState, Command, NetworkSpec } from '../state/types.ts';
import { apply, trace } from './trace-fixtures.ts';
import type { TraceHop } from './trace-types.ts';

const networks: NetworkSpec[] = [
  { plugin: 'flannel' },
  { plugin: 'flannel', backend: 'host-gw' },
  { plugin: 'calico' },
  { plugin: 'calico', mode: 'vxlan' },
  { plugin: 'calico', mode: 'none' },
  { plugin: 'weave' },
  { plugin: 'weave', encapsulation: 'sleeve' },
  { plugin: 'bridge', ipMasq: false },
];

interface Case {
  network: NetworkSpec;
  nodes: number;
  placement: number[];
  pair: [number, number];
  protocol: 'icmp' | 'tcp' | 'udp' | 'sctp';
}

const arbCase: fc.Arbitrary<Case> = fc.record({
  network: fc.constantFrom(...networks),
  nodes: fc.integer({ min: 1, max: 4 }),
  placement: fc.array(fc.nat({ max: 3 }), { minLength: 2, maxLength: 6 }),
  pair: fc.tuple(fc.nat(), fc.nat()),
  protocol: fc.constantFrom('icmp' as const, 'tcp' as const, 'udp' as const, 'sctp' as const),
});

/** A random cluster; the bridge data plane gets the node routes a student would add. */
function build(c: Case): ClusterState {
  const nodes = Array.from({ length: c.nodes }, (_, i) => ({ name: `node-${i + 1}` }));
  const pods = c.placement.map((n, i) => ({
    name: `p${i}`,
    node: `node-${(n % c.nodes) + 1}`,
    labels: { i: String(i) },
  }));
  const r = createCluster({ network: c.network, nodes, pods });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  if (c.network.plugin !== 'bridge') return r.state;
  const routes: Command[] = [];
  for (const a of Object.values(r.state.nodes))
    for (const b of Object.values(r.state.nodes))
      if (a.name !== b.name && b.podCIDR !== null)
        routes.push({ type: 'addRoute', node: a.name, dst: b.podCIDR, via: b.ip });
  return apply(r.state, routes);
}

function endpoints(c: Case): { from: string; to: string } {
  const n = c.placement.length;
  return { from: `p${c.pair[0] % n}`, to: `p${c.pair[1] % n}` };
}

function devicesExist(state: ClusterState, hops: readonly TraceHop[]): void {
  for (const h of hops) {
    if (h.where === 'underlay') continue;
    if (h.where.startsWith('node/')) {
      const names = (nodeTables(state, h.where.slice(5))?.interfaces ?? []).map((i) => i.name);
      expect(names, h.where).toContain(h.device);
    } else {
      const names = (podTables(state, `default/${h.where.slice(4)}`)?.interfaces ?? []).map((i) => i.name);
      expect(names, h.where).toContain(h.device);
    }
  }
}

describe('trace properties over random clusters', () => {
  it('delivered packets keep their inner source and destination; TTL drops by one per routing hop only; outer headers only between nodes; devices exist', () => {
    fc.assert(
      fc.property(arbCase, (c) => {
        const state = build(c);
        const { from, to } = endpoints(c);
        const t = trace(state, {
          from,
          to,
          protocol: c.protocol,
          ...(c.protocol === 'icmp' ? {} : { port: 80 }),
        });
        const src = state.pods[`default/${from}`];
        const dst = state.pods[`default/${to}`];
        expect(t.delivered, t.dropReason).toBe(true);
        const last = t.hops.at(-1);
        expect(last?.packet.ip.src).toBe(src?.ip);
        expect(last?.packet.ip.dst).toBe(dst?.ip);
        for (const leg of [t.hops, t.reply?.hops ?? []]) {
          let ttl = leg[0]?.packet.ip.ttl ?? 64;
          for (const h of leg) {
            const routed = /TTL (\d+) → (\d+)/.exec(h.note);
            expect(h.packet.ip.ttl).toBe(routed === null ? ttl : ttl - 1);
            if (routed !== null) expect(h.where.startsWith('node/')).toBe(true);
            ttl = h.packet.ip.ttl;
            if (h.packet.outer !== undefined) {
              expect(h.where.startsWith('pod/')).toBe(false);
              expect(src?.node).not.toBe(dst?.node);
            }
          }
          devicesExist(state, leg);
        }
      }),
      { numRuns: 40, seed: 4 },
    );
  });

  it('a policy that selects nothing changes no trace', () => {
    const nobody = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'nobody', namespace: 'default' },
      spec: { podSelector: { matchLabels: { app: 'nobody' } }, policyTypes: ['Ingress', 'Egress'] },
    };
    fc.assert(
      fc.property(arbCase, (c) => {
        const state = build(c);
        const withPolicy = apply(state, [{ type: 'applyNetworkPolicy', policy: nobody }]);
        const req = { ...endpoints(c), protocol: c.protocol, port: 80 };
        expect(trace(withPolicy, req)).toEqual(trace(state, req));
      }),
      { numRuns: 25, seed: 9 },
    );
  });
});
