import { useId, useState, type FormEvent } from 'react';
import {
  MAX_SANDBOX_NODES,
  MAX_SANDBOX_PODS,
  PLUGIN_MODES,
  type SandboxConfig,
} from '../app/sandbox-params.ts';
import type { NetworkSpec } from '../engine/index.ts';
import { FormError } from './shared/FormError.tsx';

const PLUGIN_LABELS: Record<NetworkSpec['plugin'], string> = {
  bridge: 'Core plugins only (bridge + host-local)',
  flannel: 'Flannel',
  calico: 'Calico',
  weave: 'Weave Net (archived upstream in 2022)',
};

/** The sandbox's cluster: plugin, mode and size. Applying it rebuilds the cluster. */
export function ClusterSettings({
  config,
  onRebuild,
}: {
  config: SandboxConfig;
  onRebuild: (config: SandboxConfig) => void;
}) {
  const [draft, setDraft] = useState(config);
  const [seen, setSeen] = useState(config);
  if (seen !== config) {
    setSeen(config);
    setDraft(config);
  }
  const ids = { plugin: useId(), mode: useId(), nodes: useId(), pods: useId() };
  const [error, setError] = useState<string | null>(null);
  const field =
    'rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900';

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!Number.isInteger(draft.nodes) || draft.nodes < 1 || draft.nodes > MAX_SANDBOX_NODES) {
      return setError(`Nodes must be a whole number from 1 to ${MAX_SANDBOX_NODES}.`);
    }
    if (!Number.isInteger(draft.pods) || draft.pods < 0 || draft.pods > MAX_SANDBOX_PODS) {
      return setError(`Pods must be a whole number from 0 to ${MAX_SANDBOX_PODS}.`);
    }
    setError(null);
    onRebuild(draft);
  }

  return (
    <form onSubmit={submit} aria-label="Cluster settings" className="flex flex-wrap items-end gap-2">
      <div className="flex flex-col">
        <label htmlFor={ids.plugin} className="text-xs font-medium">
          Network plugin
        </label>
        <select
          id={ids.plugin}
          value={draft.plugin}
          className={field}
          onChange={(e) => {
            const plugin = e.target.value as NetworkSpec['plugin'];
            setDraft({ ...draft, plugin, mode: PLUGIN_MODES[plugin][0]! });
          }}
        >
          {(Object.keys(PLUGIN_LABELS) as NetworkSpec['plugin'][]).map((p) => (
            <option key={p} value={p}>
              {PLUGIN_LABELS[p]}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col">
        <label htmlFor={ids.mode} className="text-xs font-medium">
          Mode
        </label>
        <select
          id={ids.mode}
          value={draft.mode}
          className={field}
          onChange={(e) => setDraft({ ...draft, mode: e.target.value })}
        >
          {PLUGIN_MODES[draft.plugin].map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col">
        <label htmlFor={ids.nodes} className="text-xs font-medium">
          Nodes
        </label>
        <input
          id={ids.nodes}
          type="number"
          min={1}
          max={MAX_SANDBOX_NODES}
          value={draft.nodes}
          className={`${field} w-20`}
          onChange={(e) => setDraft({ ...draft, nodes: Number(e.target.value) })}
        />
      </div>
      <div className="flex flex-col">
        <label htmlFor={ids.pods} className="text-xs font-medium">
          Pods
        </label>
        <input
          id={ids.pods}
          type="number"
          min={0}
          max={MAX_SANDBOX_PODS}
          value={draft.pods}
          className={`${field} w-20`}
          onChange={(e) => setDraft({ ...draft, pods: Number(e.target.value) })}
        />
      </div>
      <button
        type="submit"
        className="rounded border border-blue-700 px-3 py-1.5 text-sm font-semibold text-blue-800 dark:text-blue-200"
      >
        Rebuild cluster
      </button>
      <FormError message={error} />
    </form>
  );
}
