import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { benchScenario } from './bench-scenario.mjs';

describe('the benchmark floor', () => {
  it('prints the core report the runner prints for the same file (same nodes, pods and results)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'floor-')), 'flannel.json');
    writeFileSync(file, JSON.stringify(benchScenario('flannel', 20, 300)));
    let out = '';
    expect(
      main(
        ['run', file, '--summary'],
        (s) => (out += s),
        () => undefined,
      ),
    ).toBe(0);
    const lab = JSON.parse(out) as Record<string, Array<Record<string, unknown>>>;
    const floor = spawnSync(process.execPath, ['scripts/bench-floor.mjs', file], { encoding: 'utf8' });
    expect(floor.status).toBe(0);
    const f = JSON.parse(floor.stdout) as typeof lab;
    expect(f['nodes']).toEqual(lab['nodes']);
    expect(f['results']).toEqual(lab['results']);
    const shape = (p: Record<string, unknown>) => [p['name'], p['namespace'], p['phase'], Object.keys(p)];
    expect(f['pods']?.map(shape)).toEqual(lab['pods']?.map(shape));
    expect(Object.keys(f)).toEqual(Object.keys(lab));
  });
});
