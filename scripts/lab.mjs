/**
 * `npm run lab`: runs the headless runner (`src/cli/main.ts`) as one built JavaScript file
 * with plain node, so a run starts without transpiling TypeScript. The bundle is built on
 * first use and rebuilt whenever a source file changed (`lab-bundle.mjs`).
 * `npm run lab:dev` runs the TypeScript through tsx instead.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureLabBundle } from './lab-bundle.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
let bundle;
try {
  bundle = await ensureLabBundle(root);
} catch (e) {
  process.stderr.write(`lab: cannot build the runner: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
}
const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = main(
  process.argv.slice(2),
  (s) => process.stdout.write(s),
  (s) => process.stderr.write(`${s}\n`),
);
