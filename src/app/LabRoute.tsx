import { useState } from 'react';
import { createLabStore } from '../store/lab-store.ts';
import { LabStoreContext, useLabStoreApi } from '../store/useLab.ts';
import { ClusterSettings } from '../views/ClusterSettings.tsx';
import { ExportLessonButton } from '../views/ExportLessonButton.tsx';
import { LabView } from '../views/LabView.tsx';
import { selectShareableSandbox } from '../store/selectors.ts';
import { CopyLinkButton } from './CopyLinkButton.tsx';
import { editorDraftStore } from './editor-draft.ts';
import { formatRoute, type Route } from './route.ts';
import { buildLink, linkBase, loadCodec } from './share-codec.ts';
import { formatSharedSandbox } from './share-link.ts';
import type { SandboxConfig } from './sandbox-params.ts';
import { useSandboxRoute } from './useSandboxRoute.ts';

type LabRouteProps = {
  readonly route: Extract<Route, { page: 'sandbox' }>;
  readonly navigate: (route: Route, opts?: { replace?: boolean }) => void;
};

function SandboxLab({ route, navigate }: LabRouteProps) {
  useSandboxRoute(route, navigate);
  const store = useLabStoreApi();
  const rebuild = (config: SandboxConfig) => {
    if (JSON.stringify(config) !== JSON.stringify(route.config)) {
      navigate({ page: 'sandbox', select: null, config });
      return;
    }
    // Same settings: the link stays as it is, so rebuild here.
    store.getState().reset();
    store.getState().notify({
      tone: 'info',
      text: 'The cluster was rebuilt with the same settings. Pods, routes and policies from before are gone.',
    });
  };
  return (
    <LabView
      linkProblems={route.problems ?? []}
      settings={
        <div className="flex flex-col gap-3">
          <ClusterSettings config={route.config} onRebuild={rebuild} />
          <div className="flex flex-wrap items-center gap-2">
            <CopyLinkButton
              makeLink={async () => {
                const codec = await loadCodec();
                const encoded = codec.compress(formatSharedSandbox(selectShareableSandbox(store.getState())));
                const hash = formatRoute({
                  page: 'sandbox',
                  select: null,
                  config: route.config,
                  share: encoded,
                });
                return buildLink(linkBase(window.location.href), hash);
              }}
              tooLong="Use Export as lesson instead: the file keeps the cluster and every action, and opens from the course page."
            />
            <ExportLessonButton
              onEdit={(text) => {
                // The builder: what was done in the sandbox becomes tasks, goals and a solution to edit.
                editorDraftStore.getState().set(text);
                navigate({ page: 'editor' });
              }}
            />
          </div>
        </div>
      }
    />
  );
}

/**
 * The sandbox: engine, store, Cytoscape drawing and tracer, loaded on demand so the
 * course page opens without them.
 */
export default function LabRoute(props: LabRouteProps) {
  const [store] = useState(createLabStore);
  return (
    <LabStoreContext.Provider value={store}>
      <SandboxLab {...props} />
    </LabStoreContext.Provider>
  );
}
