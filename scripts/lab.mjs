/**
 * `npm run lab`: runs the headless runner (`src/cli/main.ts`) as one built JavaScript file
 * with plain node, so a run starts without transpiling TypeScript. The bundle is built on
 * first use and rebuilt whenever a source file changed, and compiled through V8's code
 * cache, saved after the first run (`lab-bundle.mjs`).
 * `npm run lab:dev` runs the TypeScript through tsx instead.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureLabBundle, loadLabBundle } from './lab-bundle.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
let bundle;
try {
  bundle = await ensureLabBundle(root);
} catch (e) {
  process.stderr.write(`lab: cannot build the runner: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
}
const loaded = loadLabBundle(bundle);
process.exitCode = loaded.exports.main(
  process.argv.slice(2),
  (s) => process.stdout.write(s),
  (s) => process.stderr.write(`${s}\n`),
);
try {
  loaded.saveCache();
} catch {
  // A cache that cannot be written (a read-only tree) only costs the next run its start-up.
}
