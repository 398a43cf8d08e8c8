/**
 * The runner's bundle: `src/cli/main.ts` built by esbuild into one CommonJS file in
 * `ROOT/node_modules/.cache/lab-runner/` (so `npm ci` clears it), beside a manifest of the
 * source files it was built from. `ensureLabBundle` rebuilds it whenever it is missing, was
 * built by another version of this module, or any of its source files, this module or
 * `package-lock.json` changed since its build started: a stale bundle is never run.
 *
 * `loadLabBundle` compiles it with V8's code cache: the first run after a build saves the
 * compiled code (the functions that run compiled too) next to the bundle, and later runs
 * skip parsing and compiling most of it. Node 20 has no compile cache of its own
 * (`module.enableCompileCache` is Node 22), so this is done with `vm.Script`'s `cachedData`.
 * V8 checks a cache against the source's length only, so each build gets an id, written in
 * the bundle's first line, and its cache is named after that id: a cache is only ever
 * offered to the bundle it was made from.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { Script } from 'node:vm';

/** Bumped when the build options below change. */
const BUILD_VERSION = 2;
const SELF = 'scripts/lab-bundle.mjs';
const ID_LINE = /^\/\* lab-build ([0-9a-z-]+) \*\//;

function paths(root) {
  const dir = join(root, 'node_modules', '.cache', 'lab-runner');
  return { dir, bundle: join(dir, 'lab.cjs'), manifest: join(dir, 'lab.json') };
}

/** True when the bundle under `root` was built from the sources as they are now. */
export function isLabBundleFresh(root) {
  const p = paths(root);
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(p.manifest, 'utf8'));
    statSync(p.bundle);
  } catch {
    return false;
  }
  if (manifest.version !== BUILD_VERSION || !Array.isArray(manifest.watched)) return false;
  for (const file of manifest.watched) {
    try {
      if (statSync(join(root, file)).mtimeMs > manifest.builtAt) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** Bundles `root/src/cli/main.ts`; writes the bundle, then its manifest, each by rename. */
export async function buildLabBundle(root) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    throw new Error('esbuild is not installed; run `npm ci` first (it is a dev dependency)');
  }
  const p = paths(root);
  const builtAt = Date.now();
  mkdirSync(p.dir, { recursive: true });
  const tmp = join(p.dir, `lab.${process.pid}.cjs`);
  const id = `${builtAt.toString(36)}-${randomBytes(6).toString('hex')}`;
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['src/cli/main.ts'],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    metafile: true,
    logLevel: 'error',
    banner: { js: `/* lab-build ${id} */` },
  });
  const inputs = Object.keys(result.metafile.inputs)
    .map((f) => relative(root, resolve(root, f)).split('\\').join('/'))
    .filter((f) => !f.startsWith('node_modules/') && !f.startsWith('..'));
  renameSync(tmp, p.bundle);
  rmSync(join(p.dir, 'lab.mjs'), { force: true }); // the ES module bundle of build version 1
  const watched = [...inputs, SELF, 'package-lock.json'];
  const tmpManifest = join(p.dir, `lab.${process.pid}.json`);
  writeFileSync(tmpManifest, JSON.stringify({ version: BUILD_VERSION, builtAt, watched }, null, 1));
  renameSync(tmpManifest, p.manifest);
}

/** The path of a fresh bundle under `root`, building it first when needed. */
export async function ensureLabBundle(root) {
  if (!isLabBundleFresh(root)) await buildLabBundle(root);
  return paths(root).bundle;
}

/**
 * Compiles and runs the bundle at `bundle` (through its code cache when there is one) and
 * returns its exports, whether the cache was used, and `saveCache()`, to call once the run
 * is over: it writes the cache when there was none or V8 refused it (another node or V8
 * version), and removes the caches of earlier builds.
 */
export function loadLabBundle(bundle) {
  const source = readFileSync(bundle, 'utf8');
  const id = ID_LINE.exec(source)?.[1];
  const dir = dirname(bundle);
  const cacheFile = id === undefined ? null : join(dir, `lab-${id}.v8cache`);
  let cachedData;
  if (cacheFile !== null) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
  }
  const script = new Script(Module.wrap(source), { filename: bundle, cachedData });
  const usedCache = cachedData !== undefined && !script.cachedDataRejected;
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dir);
  const saveCache = () => {
    if (cacheFile === null || usedCache) return;
    const tmp = `${cacheFile}.${process.pid}`;
    writeFileSync(tmp, script.createCachedData());
    renameSync(tmp, cacheFile);
    for (const f of readdirSync(dir))
      if (f.endsWith('.v8cache') && join(dir, f) !== cacheFile) rmSync(join(dir, f), { force: true });
  };
  return { exports: module.exports, usedCache, saveCache };
}
