import { useState } from 'react';
import type { CniExchange } from '../../engine/index.ts';
import { CodeBlock } from './CodeBlock.tsx';

function caption(x: CniExchange): string {
  if (x.kind === 'request') return `${x.from} → ${x.to}: ${x.verb} (exec /opt/cni/bin/${x.to})`;
  return x.error ? `${x.from} → ${x.to}: error` : `${x.from} → ${x.to}: result`;
}

function explain(x: CniExchange): string {
  if (x.kind === 'request' && x.from === 'runtime')
    return 'The container runtime created the pod sandbox and its network namespace, then hands the network setup to CNI: it runs the plugin with the CNI_* environment and the network configuration on stdin.';
  if (x.kind === 'request')
    return `The ${x.from} plugin does not pick addresses itself: it runs the IPAM plugin ${x.to} with the same environment and configuration.`;
  if (x.error)
    return `${x.from} failed; the error travels back up the chain to the runtime, and the pod stays Pending.`;
  if (x.to === 'runtime')
    return 'The plugin returns the CNI Result to the runtime: the interfaces it created, the IP (with the index of the interface it belongs to) and the routes. The runtime records the pod IP from it.';
  return `${x.from} answers with the address it reserved on disk; the plugin now configures eth0 inside the pod with it.`;
}

/** The CNI ADD exchange that networked a pod, replayable one message at a time. */
export function CniReplay({ exchanges }: { exchanges: readonly CniExchange[] }) {
  const [step, setStep] = useState(0);
  const x = exchanges[step];
  if (!x)
    return (
      <p className="text-sm">No CNI exchange is recorded for this pod: its sandbox was never networked.</p>
    );
  return (
    <div>
      <div className="flex items-center gap-2 text-sm" role="group" aria-label="CNI exchange">
        <button
          type="button"
          className="rounded border px-2 py-0.5 disabled:opacity-40"
          disabled={step === 0}
          onClick={() => setStep(step - 1)}
        >
          Previous message
        </button>
        <button
          type="button"
          className="rounded border px-2 py-0.5 disabled:opacity-40"
          disabled={step === exchanges.length - 1}
          onClick={() => setStep(step + 1)}
        >
          Next message
        </button>
        <span aria-live="polite">
          {step + 1} of {exchanges.length}
        </span>
      </div>
      <ol className="mt-2 flex flex-wrap gap-1 text-xs" aria-label="Messages">
        {exchanges.map((e, i) => (
          <li key={i}>
            <button
              type="button"
              aria-current={i === step ? 'step' : undefined}
              onClick={() => setStep(i)}
              className={`rounded px-1.5 py-0.5 font-mono ${i === step ? 'bg-blue-700 text-white' : 'bg-slate-200 dark:bg-slate-700'}`}
            >
              {i + 1}. {e.from}→{e.to}
            </button>
          </li>
        ))}
      </ol>
      <h4 className="mt-2 font-mono text-sm font-semibold">{caption(x)}</h4>
      <p className="mt-1 text-sm">{explain(x)}</p>
      {x.env ? (
        <CodeBlock
          title="environment"
          lines={Object.entries(x.env)
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => `${k}=${String(v)}`)}
        />
      ) : null}
      {x.stdin !== undefined ? (
        <CodeBlock title="stdin (network configuration)" lines={JSON.stringify(x.stdin, null, 2)} />
      ) : null}
      {x.result ? <CodeBlock title="stdout (CNI Result)" lines={JSON.stringify(x.result, null, 2)} /> : null}
      {x.error ? <CodeBlock title="stdout (CNI error)" lines={JSON.stringify(x.error, null, 2)} /> : null}
    </div>
  );
}
