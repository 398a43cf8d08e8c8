/** True when the bundle under `root` was built from the sources as they are now. */
export function isLabBundleFresh(root: string): boolean;
/** Bundles `root/src/cli/main.ts` into `root/node_modules/.cache/lab-runner/lab.cjs`. */
export function buildLabBundle(root: string): Promise<void>;
/** The path of a fresh bundle under `root`, building it first when needed. */
export function ensureLabBundle(root: string): Promise<string>;
/** The bundle at `bundle`, compiled through its code cache when it has one. */
export function loadLabBundle(bundle: string): {
  /** The bundle's exports (`main`). */
  exports: unknown;
  /** True when V8 compiled it from the cache of this build. */
  usedCache: boolean;
  /** Writes the cache when it was not used, and removes the caches of earlier builds. */
  saveCache: () => void;
};
