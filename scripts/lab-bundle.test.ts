import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { ensureLabBundle, isLabBundleFresh, loadLabBundle } from './lab-bundle.mjs';

/** A project root with a runner entry that imports a helper, and a lock file. */
function project(answer: number): string {
  const root = mkdtempSync(join(tmpdir(), 'lab-bundle-'));
  mkdirSync(join(root, 'src', 'cli'), { recursive: true });
  mkdirSync(join(root, 'scripts'));
  writeFileSync(join(root, 'scripts', 'lab-bundle.mjs'), '');
  writeFileSync(join(root, 'package-lock.json'), '{}');
  writeFileSync(join(root, 'src', 'cli', 'main.ts'), "export { main } from './helper.ts';\n");
  writeHelper(root, answer);
  const past = new Date(Date.now() - 60_000);
  for (const f of ['scripts/lab-bundle.mjs', 'package-lock.json', 'src/cli/main.ts', 'src/cli/helper.ts'])
    utimesSync(join(root, f), past, past);
  return root;
}

function writeHelper(root: string, answer: number): void {
  writeFileSync(
    join(root, 'src', 'cli', 'helper.ts'),
    `export function main(): number { return ${answer}; }\n`,
  );
}

/** An edit after the last build: the file's mtime becomes now. */
async function touch(path: string): Promise<void> {
  await new Promise((r) => setTimeout(r, 10));
  const now = new Date();
  utimesSync(path, now, now);
}

async function run(bundle: string): Promise<number> {
  const loaded = loadLabBundle(bundle);
  const answer = (loaded.exports as { main: () => number }).main();
  loaded.saveCache();
  return Promise.resolve(answer);
}

/** The code caches beside the bundle. */
function caches(bundle: string): string[] {
  return readdirSync(join(bundle, '..')).filter((f) => f.endsWith('.v8cache'));
}

describe('the runner bundle', () => {
  it('is built on first use, then reused while its sources are unchanged', async () => {
    const root = project(1);
    expect(isLabBundleFresh(root)).toBe(false);
    const bundle = await ensureLabBundle(root);
    expect(await run(bundle)).toBe(1);
    expect(isLabBundleFresh(root)).toBe(true);
  });

  it('is rebuilt when an imported source, the lock file or the build script changes', async () => {
    const root = project(1);
    await ensureLabBundle(root);
    writeHelper(root, 2);
    await touch(join(root, 'src', 'cli', 'helper.ts'));
    expect(isLabBundleFresh(root)).toBe(false);
    expect(await run(await ensureLabBundle(root))).toBe(2);
    expect(isLabBundleFresh(root)).toBe(true);
    for (const file of ['package-lock.json', join('scripts', 'lab-bundle.mjs')]) {
      await touch(join(root, file));
      expect(isLabBundleFresh(root)).toBe(false);
      await ensureLabBundle(root);
      expect(isLabBundleFresh(root)).toBe(true);
    }
  });

  it('is compiled from its code cache after the first run, and a rebuild never gets an old cache', async () => {
    const root = project(5);
    const bundle = await ensureLabBundle(root);
    expect(caches(bundle)).toEqual([]);
    expect(loadLabBundle(bundle).usedCache).toBe(false);
    expect(await run(bundle)).toBe(5);
    const [first] = caches(bundle);
    expect(first).toMatch(/^lab-[0-9a-z]+-[0-9a-f]{12}\.v8cache$/);
    const cached = loadLabBundle(bundle);
    expect(cached.usedCache).toBe(true);
    expect((cached.exports as { main: () => number }).main()).toBe(5);
    // Same length, other code: V8 alone would accept the old cache; the build id refuses it.
    writeHelper(root, 6);
    await touch(join(root, 'src', 'cli', 'helper.ts'));
    const rebuilt = await ensureLabBundle(root);
    const fresh = loadLabBundle(rebuilt);
    expect(fresh.usedCache).toBe(false);
    expect((fresh.exports as { main: () => number }).main()).toBe(6);
    fresh.saveCache();
    expect(caches(rebuilt)).toHaveLength(1);
    expect(caches(rebuilt)).not.toContain(first);
  });

  it('is rebuilt when a watched file is gone', async () => {
    const root = project(3);
    await ensureLabBundle(root);
    writeFileSync(join(root, 'src', 'cli', 'main.ts'), 'export function main(): number { return 4; }\n');
    rmSync(join(root, 'src', 'cli', 'helper.ts'));
    expect(isLabBundleFresh(root)).toBe(false);
    expect(await run(await ensureLabBundle(root))).toBe(4);
  });
});

describe('npm run lab', () => {
  it('prints what the runner prints, from the bundle, with --timings on stderr', () => {
    const args = ['run', 'lessons/01-ip-per-pod.json', '--summary'];
    let expected = '';
    main(
      args,
      (s) => (expected += s),
      () => undefined,
    );
    const r = spawnSync(process.execPath, ['scripts/lab.mjs', ...args, '--timings'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(expected);
    expect(r.stderr).toMatch(
      /^timings: start \d+ ms, read \d+ ms, parse \d+ ms, lesson \d+ ms, validate \d+ ms, engine \d+ ms, report \d+ ms, stringify \d+ ms, print \d+ ms; total \d+ ms, cpu \d+ ms; peak RSS \d+ MB, heap used \d+ MB\n$/,
    );
  });
});
