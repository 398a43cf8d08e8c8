import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyCommand, applyCommands, createCluster, listPods, nodeTables } from '../engine/index.ts';
import { parseLesson } from '../lessons/load-lesson.ts';
import { createLabStore } from './lab-store.ts';
import { selectShareableSandbox } from './selectors.ts';

describe('lab store', () => {
  it('starts on the default 3-node cluster with no pods', () => {
    const store = createLabStore();
    const { cluster } = store.getState();
    expect(cluster.nodeOrder).toEqual(['node-1', 'node-2', 'node-3']);
    expect(listPods(cluster)).toEqual([]);
  });

  it('dispatch applies a command, records it and keeps the previous state for undo', () => {
    const store = createLabStore();
    const before = store.getState().cluster;
    const result = store.getState().dispatch({ type: 'schedulePod', name: 'web', node: 'node-2' });
    expect(result.ok).toBe(true);
    const pods = listPods(store.getState().cluster);
    expect(pods).toHaveLength(1);
    expect(pods[0]).toMatchObject({ name: 'web', node: 'node-2', ip: '10.244.1.2', phase: 'Running' });
    expect(store.getState().commands).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().cluster).toBe(before);
    expect(store.getState().commands).toHaveLength(0);
  });

  it('showTrace shows a trace without logging it, so a prediction reveal meets no later task', () => {
    const store = createLabStore();
    store.getState().dispatch({ type: 'schedulePod', name: 'a', node: 'node-1' });
    store.getState().dispatch({ type: 'schedulePod', name: 'b', node: 'node-2' });
    const logged = store.getState().log.length;
    const result = store.getState().showTrace({ from: 'pod/a', to: 'b', protocol: 'icmp' });
    expect(result.ok).toBe(true);
    expect(store.getState().trace?.result.delivered).toBe(true);
    expect(store.getState().log).toHaveLength(logged);
    store.getState().runTrace({ from: 'pod/a', to: 'b', protocol: 'icmp' });
    expect(store.getState().log).toHaveLength(logged + 1);
  });

  it('a failed command leaves the cluster object untouched and keeps the error for display', () => {
    const store = createLabStore();
    store.getState().dispatch({ type: 'schedulePod', name: 'web', node: 'node-1' });
    const before = store.getState().cluster;
    const result = store.getState().dispatch({ type: 'schedulePod', name: 'web', node: 'node-3' });
    expect(result.ok).toBe(false);
    expect(store.getState().cluster).toBe(before);
    expect(store.getState().past).toHaveLength(1);
    expect(store.getState().lastAction?.result.ok).toBe(false);
  });

  it('reset rebuilds the origin cluster; loadCluster refuses a bad spec and changes nothing', () => {
    const store = createLabStore();
    store.getState().dispatch({ type: 'schedulePod', name: 'web' });
    store.getState().reset();
    expect(listPods(store.getState().cluster)).toEqual([]);
    const before = store.getState().cluster;
    const outcome = store.getState().loadCluster({ clusterCIDR: 'not-a-cidr', nodes: [] });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.problems.join('\n')).toMatch(/cluster\.clusterCIDR/);
    expect(store.getState().cluster).toBe(before);
  });

  it('undo takes the log back with the cluster, so goals do not count undone traces', () => {
    const store = createLabStore();
    store.getState().dispatch({ type: 'schedulePod', name: 'a', node: 'node-1' });
    store.getState().dispatch({ type: 'schedulePod', name: 'b', node: 'node-2' });
    store.getState().runTrace({ from: 'pod/a', to: 'b', protocol: 'icmp' });
    store.getState().dispatch({ type: 'schedulePod', name: 'a', node: 'node-3' });
    expect(store.getState().log.map((e) => e.command.type)).toEqual([
      'schedulePod',
      'schedulePod',
      'trace',
      'schedulePod',
    ]);
    store.getState().undo();
    expect(store.getState().log.map((e) => e.command.type)).toEqual(['schedulePod']);
    expect(listPods(store.getState().cluster).map((p) => p.name)).toEqual(['a']);
  });

  it('a trace keeps the neighbours it taught; it joins the step before it for undo; a link replays them', () => {
    const store = createLabStore();
    store.getState().dispatch({ type: 'schedulePod', name: 'a', node: 'node-1' });
    store.getState().dispatch({ type: 'schedulePod', name: 'b', node: 'node-2' });
    const before = store.getState().cluster;
    expect(nodeTables(before, 'node-1')?.ipNeigh.filter((l) => !l.endsWith('PERMANENT'))).toEqual([]);
    store.getState().runTrace({ from: 'pod/a', to: 'b', protocol: 'icmp' });
    const after = store.getState().cluster;
    expect(after).not.toBe(before);
    expect(nodeTables(after, 'node-1')?.ipNeigh.some((l) => l.startsWith('192.168.56.12 dev eth0'))).toBe(
      true,
    );
    // No undo step of its own, and the trace it showed stays shown.
    expect(store.getState().past).toHaveLength(2);
    expect(store.getState().commands).toHaveLength(2);
    expect(store.getState().trace?.result.delivered).toBe(true);
    // A sandbox link replays the trace, so the learned entries come back.
    const link = selectShareableSandbox(store.getState());
    const built = createCluster(link.cluster, link.seed);
    if (!built.ok) throw new Error('the origin cluster did not build');
    expect(JSON.stringify(applyCommands(built.state, link.actions).state)).toBe(JSON.stringify(after));
    // Undo takes back the last pod with the trace after it, and what the trace taught.
    store.getState().undo();
    expect(store.getState().cluster.neighbours).toBeUndefined();
    expect(store.getState().log.map((e) => e.command.type)).toEqual(['schedulePod']);
  });
});

describe('lesson replay', () => {
  it('"Show solution" traces with the whole request, payload size and TTL included', () => {
    const file = JSON.parse(
      readFileSync(new URL('../../lessons/05-across-nodes-without-nat.json', import.meta.url), 'utf8'),
    ) as { solution: unknown[] };
    file.solution.push({ type: 'trace', from: 'pod/web', to: 'api', protocol: 'icmp', size: 1000, ttl: 1 });
    const parsed = parseLesson(file);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const store = createLabStore();
    expect(store.getState().startLesson(parsed.lesson).ok).toBe(true);
    store.getState().replaySolution();
    const shown = store.getState().trace?.result;
    expect(shown?.delivered).toBe(false);
    expect(shown?.dropReason).toContain('TTL exceeded in transit');
    // The same trace the engine (and the lesson check) runs on that cluster.
    const direct = applyCommand(store.getState().cluster, {
      type: 'trace',
      from: 'pod/web',
      to: 'api',
      protocol: 'icmp',
      size: 1000,
      ttl: 1,
    });
    expect(direct.result.ok && 'trace' in direct.result ? direct.result.trace : null).toEqual(shown);
  });
});
