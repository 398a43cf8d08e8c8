import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { applyCommands, createCluster } from '../index.ts';
import type { JsonObject } from '../util/json.ts';
import { Tx } from '../cluster/tx.ts';
import { pluginStdin } from './runtime.ts';

// V8 intrinsics, enabled for the functions compiled below.
setFlagsFromString('--allow-natives-syntax');
const sameHiddenClass = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (
  a: object,
  b: object,
) => boolean;

describe('plugin stdins', () => {
  it('share one hidden class across nodes, so plugin code reading them stays on its inline caches', () => {
    const created = createCluster({ clusterCIDR: '10.128.0.0/16' }, 7);
    if (!created.ok) throw new Error('cluster');
    const names = Array.from({ length: 60 }, (_, i) => `node-${i + 1}`);
    const state = applyCommands(
      created.state,
      names.map((name) => ({ type: 'addNode' as const, name })),
    ).state;
    const tx = new Tx(state);
    const stdins = names.map((name) => {
      const node = state.nodes[name];
      if (node === undefined) throw new Error(name);
      const stdin = tx.chain(node).addStdins?.[0];
      if (stdin === undefined) throw new Error(`no stdin for ${name}`);
      return stdin;
    });
    // Same content layout: the plugin's keys, then the list's cniVersion and name.
    expect(Object.keys(stdins[59] ?? {})).toEqual([
      'type',
      'bridge',
      'isGateway',
      'ipMasq',
      'hairpinMode',
      'ipam',
      'cniVersion',
      'name',
    ]);
    const first = stdins[0];
    if (first === undefined) throw new Error('no stdins');
    const apart = stdins.filter((s) => !sameHiddenClass(s, first)).length;
    expect(apart).toBe(0);
  });

  it('pending pods share one hidden class too', () => {
    // One /24 for the cluster: node b gets no podCIDR, and every pod placed there stays Pending.
    const created = createCluster({ clusterCIDR: '10.0.0.0/24' }, 7);
    if (!created.ok) throw new Error('cluster');
    const state = applyCommands(created.state, [
      { type: 'addNode', name: 'a' },
      { type: 'addNode', name: 'b' },
      ...Array.from({ length: 60 }, (_, i) => ({ type: 'schedulePod' as const, name: `p${i}`, node: 'b' })),
    ]).state;
    const pods = state.podOrder.map((k) => state.pods[k]).filter((p) => p?.phase === 'Pending');
    expect(pods.length).toBeGreaterThan(50);
    const first = pods[0];
    if (first === undefined) throw new Error('no pods');
    expect(pods.filter((p) => p !== undefined && !sameHiddenClass(p, first)).length).toBe(0);
  });

  it('keep a `__proto__` key from JSON as a key, like the spread they replace', () => {
    const plugin = JSON.parse('{"type":"bridge","__proto__":{"x":1}}') as JsonObject & { type: string };
    const stdin = pluginStdin({ cniVersion: '1.0.0', name: 'n', plugins: [plugin] }, plugin);
    expect(Object.keys(stdin)).toEqual(['type', '__proto__', 'cniVersion', 'name']);
    expect(Object.getPrototypeOf(stdin)).toBe(Object.prototype);
  });
});
