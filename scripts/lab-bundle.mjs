/**
 * The runner's bundle: `src/cli/main.ts` built by esbuild into one JavaScript file in
 * `ROOT/node_modules/.cache/lab-runner/` (so `npm ci` clears it), beside a manifest of the
 * source files it was built from. `ensureLabBundle` rebuilds it whenever it is missing, was
 * built by another version of this module, or any of its source files, this module or
 * `package-lock.json` changed since its build started: a stale bundle is never run.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/** Bumped when the build options below change. */
const BUILD_VERSION = 1;
const SELF = 'scripts/lab-bundle.mjs';

function paths(root) {
  const dir = join(root, 'node_modules', '.cache', 'lab-runner');
  return { dir, bundle: join(dir, 'lab.mjs'), manifest: join(dir, 'lab.json') };
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
  const tmp = join(p.dir, `lab.${process.pid}.mjs`);
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['src/cli/main.ts'],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    metafile: true,
    logLevel: 'error',
    // Bundled CommonJS dependencies call require(): give the ES module one.
    banner: {
      js: "import { createRequire as __labRequire } from 'node:module'; const require = __labRequire(import.meta.url);",
    },
  });
  const inputs = Object.keys(result.metafile.inputs)
    .map((f) => relative(root, resolve(root, f)).split('\\').join('/'))
    .filter((f) => !f.startsWith('node_modules/') && !f.startsWith('..'));
  renameSync(tmp, p.bundle);
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
