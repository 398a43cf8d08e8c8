import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main.ts';

function runCli(args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = main(
    args,
    (s) => (out += s),
    (s) => (err += `${s}\n`),
  );
  return { code, out, err };
}

function file(name: string, content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'lab-'));
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('lab runner', () => {
  const scenario = {
    cluster: { nodes: [{ name: 'node-1' }, { name: 'node-2' }], pods: [{ name: 'a', node: 'node-1' }] },
    actions: [
      { type: 'schedulePod', name: 'b' },
      { type: 'deletePod', name: 'nope' },
      { type: 'trace', from: 'a', to: 'b', protocol: 'icmp' },
    ],
  };

  it('prints the report and exits 0 for a valid file (failed actions are reported)', () => {
    const r = runCli(['run', file('s.json', scenario)]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.nodes[0]).toMatchObject({ name: 'node-1', ip: '192.168.56.11', podCIDR: '10.244.0.0/24' });
    expect(report.nodes[0].routes).toContain('10.244.0.0/24 dev cni0 proto kernel scope link src 10.244.0.1');
    expect(report.pods[1]).toMatchObject({
      name: 'b',
      namespace: 'default',
      node: 'node-2',
      ip: '10.244.1.2',
      phase: 'Running',
    });
    expect(report.pods[1].routes).toContain('default via 10.244.1.1 dev eth0');
    expect(report.results.map((x: { type: string }) => x.type)).toEqual([
      'schedulePod',
      'deletePod',
      'trace',
    ]);
    expect(report.results.slice(0, 2).map((x: { ok: boolean }) => x.ok)).toEqual([true, false]);
    expect(report.results[1].error.code).toBe('unknown-pod');
    expect(report.traces).toHaveLength(1);
  });

  it('--summary leaves out routes; a lesson file uses its solution and reports every goal', () => {
    const r = runCli(['run', 'lessons/01-ip-per-pod.json', '--summary']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.nodes[0].routes).toBeUndefined();
    expect(report.pods.map((p: { name: string }) => p.name)).toEqual(['api', 'db', 'cache']);
    expect(report.goals).toEqual([
      { step: 'schedule-web', met: true, detail: expect.stringContaining('10.244.0.2') },
      { step: 'pods-everywhere', met: true, detail: expect.any(String) },
      { step: 'no-reuse', met: true, detail: expect.stringContaining('10.244.0.3') },
    ]);
  });

  it('exits 1 for a lesson file with problems, naming each path', () => {
    const r = runCli([
      'run',
      file('l.json', {
        schemaVersion: 1,
        title: 'x',
        cluster: scenario.cluster,
        solution: scenario.actions,
        seed: 3,
      }),
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/l\.json: id: /);
    expect(r.err).toMatch(/l\.json: steps: /);
  });

  it('check validates lesson files and skips the JSON Schema beside them', () => {
    const good = runCli(['check', 'lessons/01-ip-per-pod.json', 'lessons/lesson.schema.json']);
    expect(good.code).toBe(0);
    expect(good.out).toContain('1 lesson checked, 0 with problems');
    const bad = runCli(['check', file('bad.json', { schemaVersion: 1 })]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/bad\.json: id: /);
  });

  it('exits 1 naming the JSON path of a bad value', () => {
    const bad = {
      ...scenario,
      actions: [
        { type: 'addNode', name: 'x' },
        { type: 'addNode', name: 'y' },
        { type: 'schedulePod', name: 'p', node: 7 },
      ],
    };
    const path = file('scenario.json', bad);
    const r = runCli(['run', path]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${path}: actions[2].node: expected a string`);
    expect(runCli(['run', file('x.json', '{nope')]).code).toBe(1);
    const c = runCli([
      'run',
      file('c.json', { cluster: { nodes: [{ name: 'a' }, { name: 'a' }] }, actions: [] }),
    ]);
    expect(c.err).toContain('cluster.nodes[1].name: node "a" already exists');
  });

  it('exits 2 with usage on bad arguments', () => {
    expect(runCli([]).code).toBe(2);
    expect(runCli(['run']).err).toContain('usage:');
    expect(runCli(['run', 'a', 'b']).code).toBe(2);
    expect(runCli(['run', 'a.json', '--fast']).code).toBe(2);
  });
});
