import { useState, type FormEvent } from 'react';
import {
  MAX_SANDBOX_NODES,
  MAX_SANDBOX_PODS,
  PLUGIN_MODES,
  type SandboxConfig,
} from '../app/sandbox-params.ts';
import type { NetworkSpec } from '../engine/index.ts';
import { FormError } from './shared/FormError.tsx';
import { CONTROL_CLASS, Field, InputField } from './shared/Field.tsx';

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
  const [error, setError] = useState<string | null>(null);

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
      <Field label="Network plugin">
        {(id) => (
          <select
            id={id}
            value={draft.plugin}
            className={CONTROL_CLASS}
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
        )}
      </Field>
      <Field label="Mode">
        {(id) => (
          <select
            id={id}
            value={draft.mode}
            className={CONTROL_CLASS}
            onChange={(e) => setDraft({ ...draft, mode: e.target.value })}
          >
            {PLUGIN_MODES[draft.plugin].map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        )}
      </Field>
      <InputField
        label="Nodes"
        type="number"
        min={1}
        max={MAX_SANDBOX_NODES}
        value={draft.nodes}
        className={`${CONTROL_CLASS} w-20`}
        onValue={(v) => setDraft({ ...draft, nodes: Number(v) })}
      />
      <InputField
        label="Pods"
        type="number"
        min={0}
        max={MAX_SANDBOX_PODS}
        value={draft.pods}
        className={`${CONTROL_CLASS} w-24`}
        onValue={(v) => setDraft({ ...draft, pods: Number(v) })}
      />
      <p className="w-full text-xs text-slate-600 dark:text-slate-300">
        Up to {MAX_SANDBOX_NODES.toLocaleString('en-US')} nodes and {MAX_SANDBOX_PODS.toLocaleString('en-US')}{' '}
        pods, Kubernetes&apos; documented limits for one cluster; large clusters are drawn as node summaries.
      </p>
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
