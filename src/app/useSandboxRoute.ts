import { useEffect, useRef } from 'react';
import { useLab, useLabStoreApi } from '../store/useLab.ts';
import { DEFAULT_SEED } from '../store/default-cluster.ts';
import type { Route } from './route.ts';
import { sandboxClusterSpec, type SandboxConfig } from './sandbox-params.ts';

/**
 * Keeps the sandbox in step with its link: the cluster is rebuilt when the link's plugin or
 * size changes, the selection follows the link, and the link follows the selection.
 */
export function useSandboxRoute(
  route: Extract<Route, { page: 'sandbox' }>,
  navigate: (route: Route, opts?: { replace?: boolean }) => void,
): void {
  const store = useLabStoreApi();
  const selection = useLab((s) => s.selection);
  const config: SandboxConfig = route.config;
  const configKey = JSON.stringify(config);
  const loaded = useRef<string | null>(null);
  const routeSelection = route.select;
  const selectionKey = JSON.stringify(routeSelection);

  useEffect(() => {
    if (loaded.current === configKey) return;
    const first = loaded.current === null;
    loaded.current = configKey;
    const outcome = store.getState().loadCluster(sandboxClusterSpec(config), DEFAULT_SEED);
    if (!outcome.ok)
      store
        .getState()
        .notify({ tone: 'error', text: `The cluster could not be built: ${outcome.problems.join('; ')}` });
    else if (!first) {
      store.getState().notify({
        tone: 'info',
        text: `The cluster was rebuilt with ${config.plugin} (${config.mode}) on ${config.nodes} node${config.nodes === 1 ? '' : 's'}. Pods, routes and policies from before are gone; Undo starts afresh.`,
      });
    }
    // configKey stands for config.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [configKey, store]);

  // The link's selection wins when the link changes (a deep link, back, forward)...
  const syncedKey = useRef<string | null>(null);
  useEffect(() => {
    syncedKey.current = selectionKey;
    if (JSON.stringify(store.getState().selection) !== selectionKey) store.getState().select(routeSelection);
    // selectionKey stands for routeSelection.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectionKey, store]);

  // ...and the link follows a selection the student makes in the lab.
  useEffect(() => {
    const key = JSON.stringify(selection);
    if (key !== JSON.stringify(store.getState().selection)) return; // a stale render; the store has moved on
    if (key === syncedKey.current) return;
    syncedKey.current = key;
    navigate({ page: 'sandbox', select: selection, config }, { replace: true });
    // The link follows the selection only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selection]);
}
