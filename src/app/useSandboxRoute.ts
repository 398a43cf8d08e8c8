import { useEffect, useRef } from 'react';
import type { LabStore } from '../store/lab-store.ts';
import { useLab, useLabStoreApi } from '../store/useLab.ts';
import { DEFAULT_SEED } from '../store/default-cluster.ts';
import type { Route } from './route.ts';
import { sandboxClusterSpec, type SandboxConfig } from './sandbox-params.ts';
import { selectShareableSandbox } from '../store/selectors.ts';
import { decodeLinkValue, loadCodec, MAX_LINK_CHARS } from './share-codec.ts';
import { formatSharedSandbox, parseSharedSandbox } from './share-link.ts';

/** Cluster origins whose spec alone is too big for a link. */
const unshareable = new WeakSet<object>();

/** From this many nodes plus pods the build is announced before it runs. */
const LARGE = 2000;

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
  const share = route.share;
  // A shared sandbox replaces the settings: a new share, or settings without one, rebuild.
  const configKey = JSON.stringify([config, share ?? null]);
  const loaded = useRef<string | null>(null);
  const routeSelection = route.select;
  const selectionKey = JSON.stringify(routeSelection);

  useEffect(() => {
    if (loaded.current === configKey) return;
    const first = loaded.current === null;
    loaded.current = configKey;
    if (share !== undefined) {
      void openShared(store, share, config, () => loaded.current === configKey);
      return;
    }
    const build = () => {
      const outcome = store.getState().loadCluster(sandboxClusterSpec(config), DEFAULT_SEED);
      store.getState().setBuilding(null);
      if (!outcome.ok)
        store
          .getState()
          .notify({ tone: 'error', text: `The cluster could not be built: ${outcome.problems.join('; ')}` });
      else if (!first) {
        store.getState().notify({
          tone: 'info',
          text: `The cluster was rebuilt with ${config.plugin} (${config.mode}) on ${config.nodes} node${config.nodes === 1 ? '' : 's'}. Pods, routes and policies from before are gone; Undo starts afresh.${outcome.notice === undefined ? '' : ` ${outcome.notice}`}`,
        });
      } else if (outcome.notice !== undefined)
        store.getState().notify({ tone: 'info', text: outcome.notice });
    };
    if (config.nodes + config.pods < LARGE) return build();
    // A large cluster takes the engine a while: say so first, then build once it is on screen.
    store
      .getState()
      .setBuilding(
        `Building ${config.nodes.toLocaleString('en-US')} nodes and ${config.pods.toLocaleString('en-US')} pods with ${config.plugin}…`,
      );
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(build, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
      loaded.current = null;
    };
    // configKey stands for config and share.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [configKey, store]);

  // The link follows what the student does: after each action the sandbox goes into the link
  // (replaced, not pushed), so a reload or a bookmark keeps pods, labels, policies and
  // deletions. A sandbox too big for a link keeps the link it had.
  const log = useLab((s) => s.log);
  useEffect(() => {
    // A fresh sandbox from its settings needs no share; one opened from a share keeps its own.
    if (log.length === 0 && share === undefined) return;
    let cancelled = false;
    // The link this write is for: a link opened meanwhile (the student followed another
    // sandbox link) wins, or this write would put the old sandbox back over it.
    const scheduledFor = loaded.current;
    const timer = window.setTimeout(() => {
      void loadCodec().then((codec) => {
        if (cancelled || loaded.current !== scheduledFor) return;
        const state = store.getState();
        // A cluster whose spec alone does not fit (a 1,000-node sandbox lists 30,000 pods) is
        // not compressed again after every action: that took about 70 ms a click.
        if (unshareable.has(state.origin)) return;
        const encoded = codec.compress(formatSharedSandbox(selectShareableSandbox(state)));
        const room = MAX_LINK_CHARS - window.location.href.length;
        if (encoded.length > room) {
          const bare = codec.compress(
            formatSharedSandbox(selectShareableSandbox({ origin: state.origin, log: [] })),
          );
          if (bare.length > room) unshareable.add(state.origin);
          return;
        }
        if (encoded === share) return;
        loaded.current = JSON.stringify([config, encoded]);
        const selected = store.getState().selection;
        navigate({ page: 'sandbox', select: selected, config, share: encoded }, { replace: true });
      });
    }, 250);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
    // configKey stands for config and share.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [log, store]);

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
    navigate({ page: 'sandbox', select: selection, config, ...(share ? { share } : {}) }, { replace: true });
    // The link follows the selection only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selection]);
}

/** Replays a shared sandbox; a link that cannot be read is refused with its reason. */
async function openShared(
  store: LabStore,
  value: string,
  config: SandboxConfig,
  current: () => boolean,
): Promise<void> {
  const refuse = (why: string) => {
    if (!current()) return;
    store.getState().loadCluster(sandboxClusterSpec(config), DEFAULT_SEED);
    store.getState().notify({
      tone: 'error',
      text: `This sandbox link could not be opened: ${why}. The lab shows the sandbox from the link's other settings instead.`,
    });
  };
  let codec;
  try {
    codec = await loadCodec();
  } catch {
    return refuse('the part of the lab that reads links did not load (are you offline?)');
  }
  const decoded = decodeLinkValue(codec, value);
  if (!decoded.ok) return refuse(decoded.message);
  const parsed = parseSharedSandbox(decoded.text);
  if (!parsed.ok) return refuse(parsed.problems.join('; '));
  if (!current()) return;
  const { seed, cluster, actions } = parsed.value;
  const built = store.getState().loadCluster(cluster, seed);
  if (!built.ok) return refuse(built.problems.join('; '));
  const failed = store.getState().replayActions(actions);
  const n = actions.length;
  const notice = built.notice === undefined ? '' : ` ${built.notice}`;
  store.getState().notify(
    failed.length === 0
      ? {
          tone: 'info',
          text: `Opened a shared sandbox: its cluster and ${n} action${n === 1 ? '' : 's'}, replayed. Undo goes back through them.${notice}`,
        }
      : {
          tone: 'error',
          text: `Opened a shared sandbox, but ${failed.length} of its ${n} actions failed when replayed: ${failed
            .slice(0, 3)
            .map((f) => `action ${f.index}: ${f.message}`)
            .join('; ')}.${notice}`,
        },
  );
}
