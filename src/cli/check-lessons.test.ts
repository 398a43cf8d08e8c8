import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLessonFiles } from './check-lessons.ts';

const sample = readFileSync(new URL('../lessons/fixtures/sample-lesson.json', import.meta.url), 'utf8');

describe('checkLessonFiles', () => {
  it('prints every problem as FILE: PATH: message and a summary', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lessons-'));
    const good = join(dir, 'good.json');
    const bad = join(dir, 'bad.json');
    writeFileSync(good, sample);
    writeFileSync(
      bad,
      sample
        .replace('"sample-flannel"', '"other"')
        .replace('"pod": "db", "cidr": "10.244.0.0/16"', '"pod": "dbx", "cidr": "10.244.0.0/16"'),
    );
    const result = checkLessonFiles([good, bad, join(dir, 'missing.json')]);
    expect(result.output.split('\n')).toEqual([
      `${join(dir, 'missing.json')}: : cannot read the file: no such file`,
      `${bad}: steps[1].goal.goals[1].pod: pod "dbx" is neither in cluster.pods nor scheduled by the solution: check the name (known: default/web, default/db)`,
      '3 lessons checked, 2 with problems',
      '',
    ]);
    expect(result.exitCode).toBe(1);
    expect(checkLessonFiles([good])).toEqual({ exitCode: 0, output: '1 lesson checked, 0 with problems\n' });
  });
});
