import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { calicoHostSeed } from '../util/hash.ts';
import { formatCidr, formatIp, parseCidr } from '../net/ipv4.ts';
import {
  calicoAutoAssign,
  calicoAutoAssignIn,
  calicoBeforeAssign,
  calicoBlockCount,
  calicoBlockWalk,
  calicoHostBlocks,
  calicoReleaseIn,
  calicoReleaseIp,
  calicoTunnelAddress,
  calicoTunnelHandle,
  createCalicoIpam,
  type CalicoIpamState,
} from './calico-ipam.ts';

function assign(state: CalicoIpamState, host: string, handle: string) {
  const r = calicoAutoAssign(state, host, handle);
  if (!r.ok) throw new Error(r.message);
  return r;
}

/** Random assign (to one of three hosts) and release steps. */
const hosts = ['node-1', 'node-2', 'node-3'];
const op = fc.oneof(
  fc.record({ kind: fc.constant('assign' as const), host: fc.constantFrom(...hosts) }),
  fc.record({ kind: fc.constant('release' as const), pick: fc.nat() }),
);

describe('calico-ipam', () => {
  const pool = parseCidr('192.168.0.0/16')!;
  it('claims the block the hostname seeds, and hands out ordinal 0 first (the tunnel address)', () => {
    const state = createCalicoIpam({ pool });
    expect(calicoBlockCount(state)).toBe(1024);
    const start = calicoHostSeed('node-1') % 1024;
    const r = assign(state, 'node-1', calicoTunnelHandle('ipip', 'node-1'));
    expect(r.claimed && formatCidr(r.claimed)).toBe(
      `192.168.${Math.floor(start / 4)}.${(start % 4) * 64}/26`,
    );
    expect(r.ip).toBe(r.block.net);
    const r2 = assign(r.state, 'node-1', 'k8s-pod-network.a');
    expect(r2.ip).toBe(r.ip + 1);
    expect(r2.claimed).toBeUndefined();
    expect(calicoHostBlocks(r2.state, 'node-1')).toEqual([r.block]);
    expect(calicoTunnelAddress(r2.state, 'node-1')).toBe(r.ip);
    expect(calicoTunnelAddress(r2.state, 'node-2')).toBeNull();
  });
  it('walks sequentially with wrap-around from the seed', () => {
    const walk = calicoBlockWalk(createCalicoIpam({ pool: parseCidr('10.0.0.0/24')! }), 'node-1');
    expect(walk).toHaveLength(4);
    expect(walk.map((i) => (i - walk[0]! + 4) % 4)).toEqual([0, 1, 2, 3]);
  });
  it('claims a second block when the first is full, and appends released IPs to the end', () => {
    let state = createCalicoIpam({ pool });
    const ips: number[] = [];
    for (let i = 0; i < 64; i += 1) {
      const r = assign(state, 'node-1', `h${i}`);
      state = r.state;
      ips.push(r.ip);
    }
    const released = calicoReleaseIp(state, ips[5]!);
    expect(released.ok).toBe(true);
    if (!released.ok) return;
    const next = assign(released.state, 'node-1', 'h64');
    expect(next.ip).toBe(ips[5]);
    const r = assign(state, 'node-1', 'h64');
    expect(r.claimed).toBeDefined();
    expect(calicoHostBlocks(r.state, 'node-1')).toHaveLength(2);
    const twice = calicoReleaseIp(released.state, ips[5]!);
    expect(twice.ok).toBe(false);
  });
  it('borrows from another host when it may claim no more, and reports exhaustion as Calico does', () => {
    const small = parseCidr('10.0.0.0/26')!;
    let state = createCalicoIpam({ pool: small });
    state = assign(state, 'node-1', 'a').state;
    const borrowed = assign(state, 'node-2', 'b');
    expect(borrowed.borrowed).toBe(true);
    expect(formatIp(borrowed.ip)).toBe('10.0.0.1');
    const strict = calicoAutoAssign({ ...state, strictAffinity: true }, 'node-2', 'b');
    expect(strict).toEqual({ ok: false, message: 'No more free affine blocks and strict affinity enabled' });
    let full = state;
    for (let i = 0; i < 63; i += 1) full = assign(full, 'node-1', `x${i}`).state;
    expect(calicoAutoAssign(full, 'node-2', 'c')).toEqual({
      ok: false,
      message: 'All addresses exhausted in pool 10.0.0.0/26',
    });
  });

  for (const [poolText, hostCount] of [
    ['10.0.0.0/24', 3],
    ['10.0.0.0/22', 7],
  ] as const) {
    it(`assigns and releases in place for the record that owns the state, as calicoAutoAssign and calicoReleaseIp would, leaving earlier states alone (property, pool ${poolText})`, () => {
      const someHosts = Array.from({ length: hostCount }, (_, i) => `node-${i + 1}`);
      const step = fc.oneof(
        fc.record({ kind: fc.constant('assign' as const), host: fc.constantFrom(...someHosts) }),
        fc.record({ kind: fc.constant('release' as const), pick: fc.nat() }),
        fc.record({ kind: fc.constant('commit' as const) }),
      );
      fc.assert(
        fc.property(
          fc.array(step, { maxLength: 300 }),
          fc.integer({ min: 1, max: 3 }),
          (ops, maxBlocksPerHost) => {
            const start = createCalicoIpam({ pool: parseCidr(poolText)!, maxBlocksPerHost });
            const snapshot = JSON.stringify(start);
            let holder: Record<string, unknown> = { ipam: start };
            const committed: Array<[CalicoIpamState, string]> = [];
            let pure = start;
            const held: Array<[number, string]> = [];
            ops.forEach((o, n) => {
              if (o.kind === 'commit') {
                // A new batch: a fresh holder over the same state, which must copy before writing.
                const state = holder['ipam'] as CalicoIpamState;
                committed.push([state, JSON.stringify(state)]);
                holder = { ipam: state };
              } else if (o.kind === 'release') {
                const victim = held.splice(o.pick % Math.max(1, held.length), 1)[0];
                if (victim === undefined) return;
                const a = calicoReleaseIp(pure, victim[0]);
                expect(a.ok).toBe(true);
                if (a.ok) pure = a.state;
                // Half the time the address is not given: the handle is searched for.
                const at = n % 2 === 0 ? victim[0] : undefined;
                expect(calicoReleaseIn(holder, 'ipam', victim[1], at)).toBe(true);
              } else {
                const inPlace = calicoAutoAssignIn(holder, 'ipam', o.host, `h${n}`);
                const expected = calicoAutoAssign(pure, o.host, `h${n}`);
                expect(
                  inPlace.ok ? [inPlace.ip, inPlace.borrowed, inPlace.claimed] : inPlace.message,
                ).toEqual(
                  expected.ok ? [expected.ip, expected.borrowed, expected.claimed] : expected.message,
                );
                if (expected.ok) {
                  pure = expected.state;
                  held.push([expected.ip, `h${n}`]);
                }
              }
              expect(holder['ipam']).toEqual(pure);
              for (const h of someHosts)
                expect(calicoHostBlocks(holder['ipam'] as CalicoIpamState, h)).toEqual(
                  calicoHostBlocks(JSON.parse(JSON.stringify(pure)) as CalicoIpamState, h),
                );
            });
            expect(JSON.stringify(start)).toBe(snapshot);
            for (const [state, text] of committed) expect(JSON.stringify(state)).toBe(text);
            expect(calicoReleaseIn(holder, 'ipam', 'no-such-handle')).toBe(false);
          },
        ),
      );
    });
  }
  it('never hands out an IP twice and borrows only when no affine block has room (property)', () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 300 }),
        fc.integer({ min: 1, max: 3 }),
        fc.boolean(),
        (ops, maxBlocksPerHost, strictAffinity) => {
          let state = createCalicoIpam({ pool: parseCidr('10.0.0.0/24')!, maxBlocksPerHost, strictAffinity });
          const held = new Set<number>();
          ops.forEach((o, n) => {
            if (o.kind === 'release') {
              const list = [...held];
              const victim = list[o.pick % Math.max(1, list.length)];
              if (victim === undefined) return;
              const r = calicoReleaseIp(state, victim);
              expect(r.ok).toBe(true);
              if (r.ok) state = r.state;
              held.delete(victim);
              return;
            }
            const before = state;
            const r = calicoAutoAssign(state, o.host, `h${n}`);
            if (!r.ok) return;
            expect(held.has(r.ip)).toBe(false);
            held.add(r.ip);
            if (r.borrowed) {
              const affine = Object.values(before.blocks).filter((b) => b.affinity === o.host);
              expect(affine.every((b) => b.unallocated.length === 0)).toBe(true);
              expect(strictAffinity).toBe(false);
              const canClaim = affine.length < maxBlocksPerHost && Object.keys(before.blocks).length < 4;
              expect(canClaim).toBe(false);
            }
            state = r.state;
          });
        },
      ),
    );
  });
});

describe('calicoBeforeAssign', () => {
  it('gives back a state in which assigning again hands out the same address, and changes nothing given', () => {
    const pool = parseCidr('192.168.0.0/16')!;
    let state = createCalicoIpam({ pool });
    for (const h of ['a', 'b', 'c']) state = assign(state, 'node-1', `k8s-pod-network.${h}`).state;
    const b = assign(state, 'node-1', 'k8s-pod-network.d');
    // An older pod leaves: its address must not be the one the replay of `d` hands out.
    const released = calicoReleaseIp(b.state, b.ip - 2);
    if (!released.ok) throw new Error(released.message);
    const after = released.state;
    const frozen = JSON.stringify(after);
    const before = calicoBeforeAssign(after, 'k8s-pod-network.d');
    expect(JSON.stringify(after)).toBe(frozen);
    expect(assign(before, 'node-1', 'k8s-pod-network.d').ip).toBe(b.ip);
    expect(calicoBeforeAssign(after, 'k8s-pod-network.none')).toBe(after);
  });
});
