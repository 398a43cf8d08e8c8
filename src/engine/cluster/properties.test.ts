import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contains, formatIp, ipToNumber, parseCidr4 } from '../net/ipv4.ts';
import { applyCommand, applyCommands, createCluster, type ClusterState, type Command } from '../index.ts';

const NODES = ['n1', 'n2', 'n3', 'n4'];
const PODS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ type: fc.constant('addNode' as const), name: fc.constantFrom(...NODES) }),
  fc.record({ type: fc.constant('removeNode' as const), name: fc.constantFrom(...NODES) }),
  fc.record({ type: fc.constant('schedulePod' as const), name: fc.constantFrom(...PODS) }),
  fc.record({
    type: fc.constant('schedulePod' as const),
    name: fc.constantFrom(...PODS),
    node: fc.constantFrom(...NODES),
  }),
  fc.record({ type: fc.constant('deletePod' as const), name: fc.constantFrom(...PODS) }),
  fc.record({
    type: fc.constant('deleteInterface' as const),
    node: fc.constantFrom(...NODES),
    name: fc.constant('cni0'),
  }),
  // Traces teach the kernels neighbours: replays, batches and snapshots must keep them too.
  fc.record({
    type: fc.constant('trace' as const),
    from: fc.oneof(
      fc.constantFrom(...PODS).map((p) => `pod/${p}`),
      fc.constantFrom(...NODES).map((n) => `node/${n}`),
    ),
    to: fc.oneof(fc.constantFrom(...PODS), fc.constant('8.8.8.8'), fc.constant('192.168.56.12')),
    protocol: fc.constant('icmp' as const),
  }),
  fc.record({
    type: fc.constant('addRoute' as const),
    node: fc.constantFrom(...NODES),
    dst: fc.constantFrom('10.9.0.0/29', '10.9.0.8/29', '10.9.0.16/29'),
    via: fc.constantFrom('192.168.56.11', '192.168.56.12', '192.168.56.13'),
  }),
);

/** Small ranges so exhaustion and wrap-around happen: 4 node blocks of /29 (6 pod IPs). */
function start(seed: number): ClusterState {
  const r = createCluster(
    { clusterCIDR: '10.9.0.0/27', nodeCIDRMaskSize: 29, nodes: [{ name: 'n1' }, { name: 'n2' }] },
    seed,
  );
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.state;
}

/** Independent model of host-local's iterator: the first free host address after the cursor. */
function expectedNext(prev: ClusterState, node: string): string | null {
  const n = prev.nodes[node];
  if (n?.podCIDR == null) return null;
  const c = parseCidr4(n.podCIDR);
  const first = c.net + 1;
  const last = c.net + 2 ** (32 - c.prefix) - 2;
  const files = n.ipam['mynet']?.files ?? {};
  const lr = ipToNumber(n.ipam['mynet']?.lastReserved['0'] ?? '');
  let cur = !Number.isNaN(lr) && lr >= first && lr <= last ? lr : last;
  for (let i = 0; i < last - first + 1; i++) {
    cur = cur === last ? first : cur + 1;
    if (cur !== first && files[cur] === undefined) return formatIp(cur);
  }
  return null;
}

let checked = 0;
function checkInvariants(prev: ClusterState, next: ClusterState): void {
  const seen = new Map<string, string>();
  for (const key of next.podOrder) {
    const p = next.pods[key];
    if (p?.phase !== 'Running' || p.ip === null) continue;
    expect(seen.has(p.ip), `IP ${p.ip} held twice`).toBe(false);
    seen.set(p.ip, key);
    const cidr = p.node === null ? null : next.nodes[p.node]?.podCIDR;
    expect(cidr, `${key} runs on a node with a podCIDR`).toBeTruthy();
    expect(contains(parseCidr4(cidr ?? '0.0.0.0/32'), ipToNumber(p.ip))).toBe(true);
  }
  // Round-robin: a pod that started this step got the first free IP after last_reserved_ip.
  const started = next.podOrder.filter(
    (k) => next.pods[k]?.phase === 'Running' && prev.pods[k]?.phase !== 'Running',
  );
  const perNode = new Map<string, string[]>();
  for (const k of started) {
    const node = next.pods[k]?.node ?? '';
    perNode.set(node, [...(perNode.get(node) ?? []), k]);
  }
  for (const [node, keys] of perNode) {
    const samePlace =
      prev.nodes[node] !== undefined && prev.nodes[node]?.podCIDR === next.nodes[node]?.podCIDR;
    if (keys.length !== 1 || !samePlace) continue;
    expect(next.pods[keys[0] ?? '']?.ip).toBe(expectedNext(prev, node));
    checked++;
  }
}

let learning = 0;

describe('properties over random command sequences', () => {
  it('invariants hold after every command; failures return the same object', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.array(command, { maxLength: 40 }),
        (seed, commands) => {
          let state = start(seed);
          for (const c of commands) {
            const { state: next, result } = applyCommand(state, c);
            if (!result.ok) expect(next).toBe(state);
            else checkInvariants(state, next);
            if (c.type === 'trace' && next !== state) learning++;
            state = next;
          }
        },
      ),
      { numRuns: 150, seed: 20261126 },
    );
    expect(checked).toBeGreaterThan(100); // the round-robin model was exercised
    expect(learning).toBeGreaterThan(10); // and traces taught neighbours
  });

  it('same seed and commands give the same state; a batch equals one-by-one; snapshots round-trip', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.array(command, { maxLength: 30 }),
        (seed, commands) => {
          const batch = applyCommands(start(seed), commands);
          let one = start(seed);
          for (const c of commands)
            one = applyCommand(JSON.parse(JSON.stringify(one)) as ClusterState, c).state;
          expect(JSON.stringify(batch.state)).toBe(JSON.stringify(one));
          expect(JSON.stringify(applyCommands(start(seed), commands).state)).toBe(
            JSON.stringify(batch.state),
          );
        },
      ),
      { numRuns: 80, seed: 7 },
    );
  });

  it('a batch never changes the state it was given', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.array(fc.array(command, { minLength: 1, maxLength: 6 }), { maxLength: 20 }),
        (seed, batches) => {
          let state = start(seed);
          for (const batch of batches) {
            const given = JSON.stringify(state);
            const next = applyCommands(state, batch).state;
            expect(JSON.stringify(state), 'the batch changed the state it was given').toBe(given);
            state = next;
          }
        },
      ),
      { numRuns: 200, seed: 11 },
    );
  });
});
