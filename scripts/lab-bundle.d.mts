/** True when the bundle under `root` was built from the sources as they are now. */
export function isLabBundleFresh(root: string): boolean;
/** Bundles `root/src/cli/main.ts` into `root/node_modules/.cache/lab-runner/lab.mjs`. */
export function buildLabBundle(root: string): Promise<void>;
/** The path of a fresh bundle under `root`, building it first when needed. */
export function ensureLabBundle(root: string): Promise<string>;
