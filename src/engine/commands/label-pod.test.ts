import { describe, expect, it } from 'vitest';
import { applyCommand, createCluster } from '../index.ts';

function cluster() {
  const r = createCluster({ nodes: [{ name: 'node-1' }], pods: [{ name: 'web', labels: { app: 'web' } }] });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.state;
}

describe('labelPod', () => {
  it('sets and removes labels; a changed value needs overwrite; the pod keeps running', () => {
    let s = cluster();
    s = applyCommand(s, { type: 'labelPod', name: 'web', labels: { tier: 'front' } }).state;
    expect(s.pods['default/web']?.labels).toEqual({ app: 'web', tier: 'front' });
    const clash = applyCommand(s, { type: 'labelPod', name: 'web', labels: { app: 'shop' } });
    expect(clash.result).toMatchObject({
      ok: false,
      error: { code: 'label-exists', message: "'app' already has a value (web), and --overwrite is false" },
    });
    expect(clash.state).toBe(s);
    s = applyCommand(s, { type: 'labelPod', name: 'web', labels: { app: 'shop' }, overwrite: true }).state;
    s = applyCommand(s, { type: 'labelPod', name: 'web', remove: ['tier'] }).state;
    expect(s.pods['default/web']).toMatchObject({ labels: { app: 'shop' }, phase: 'Running' });
  });

  it('keys named constructor and toString are plain labels; __proto__ is refused by name', () => {
    let s = cluster();
    s = applyCommand(s, { type: 'labelPod', name: 'web', labels: { constructor: 'x', toString: 'y' } }).state;
    expect(Object.keys(s.pods['default/web']?.labels ?? {})).toEqual(['app', 'constructor', 'toString']);
    const bad = applyCommand(s, {
      type: 'labelPod',
      name: 'web',
      labels: JSON.parse('{"__proto__":"x"}') as Record<string, string>,
    });
    expect(bad.result.ok).toBe(false);
    expect(JSON.stringify(bad.result)).toMatch(/__proto__/);
    expect(bad.state).toBe(s);
  });

  it('labels named code and message are labels, not mistaken for an error', () => {
    const { state, result } = applyCommand(cluster(), {
      type: 'labelPod',
      name: 'web',
      labels: { code: 'x', message: 'y' },
    });
    expect(result.ok).toBe(true);
    expect(state.pods['default/web']?.labels).toEqual({ app: 'web', code: 'x', message: 'y' });
  });

  it('an unknown pod is the API server NotFound', () => {
    expect(
      applyCommand(cluster(), { type: 'labelPod', name: 'ghost', labels: { a: 'b' } }).result,
    ).toMatchObject({
      ok: false,
      error: { code: 'unknown-pod', message: 'pods "ghost" not found' },
    });
  });
});
