import { useId, useState, type FormEvent } from 'react';
import { useLab } from '../../store/useLab.ts';
import { EXAMPLE_POLICY, POLICY_SKELETON, readPolicyText } from './policy-text.ts';
import { FormError } from '../shared/FormError.tsx';

const ENFORCING = new Set(['calico', 'weave']);

/** NetworkPolicy: paste a manifest, apply it, see which plugins enforce it, delete it. */
export function PolicyPanel() {
  const cluster = useLab((s) => s.cluster);
  const dispatch = useLab((s) => s.dispatch);
  // In a lesson the box starts as a skeleton to fill in; the sandbox starts from a working example.
  const inLesson = useLab((s) => s.lesson !== null);
  const [text, setText] = useState(inLesson ? POLICY_SKELETON : EXAMPLE_POLICY);
  const [error, setError] = useState<string | null>(null);
  const editorId = useId();
  const plugin = cluster.config.network.plugin;
  const policies = Object.entries(cluster.policies);

  async function apply(event: FormEvent) {
    event.preventDefault();
    const read = await readPolicyText(text);
    if (!read.ok) return setError(read.message);
    const result = dispatch({ type: 'applyNetworkPolicy', policy: read.value });
    setError(result.ok ? null : result.error.message);
  }

  return (
    <details className="rounded border border-slate-200 p-3 dark:border-slate-700">
      <summary className="cursor-pointer text-sm font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-300">
        Network policies ({policies.length})
      </summary>
      <p className="mt-2 text-sm">
        {ENFORCING.has(plugin)
          ? `${plugin} enforces NetworkPolicy: a pod selected by a policy for a direction only accepts what some rule allows.`
          : `${plugin === 'bridge' ? 'The core plugins do' : `${plugin} does`} not enforce NetworkPolicy: the API server accepts a policy, and traffic is not affected.`}
      </p>
      {policies.length > 0 ? (
        <ul aria-label="Applied policies" className="mt-2 space-y-1 font-mono text-xs">
          {policies.map(([key]) => {
            const [namespace = 'default', name = key] = key.split('/');
            return (
              <li key={key} className="flex items-center justify-between gap-2">
                <span>{key}</span>
                <button
                  type="button"
                  aria-label={`Delete policy ${key}`}
                  className="rounded border border-slate-300 px-1.5 font-sans dark:border-slate-600"
                  onClick={() => dispatch({ type: 'deleteNetworkPolicy', name, namespace })}
                >
                  Delete
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      <form onSubmit={apply} aria-label="Apply a network policy" className="mt-2 flex flex-col gap-2">
        <label htmlFor={editorId} className="text-xs font-medium">
          NetworkPolicy manifest (YAML or JSON)
        </label>
        <textarea
          id={editorId}
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={10}
          spellCheck={false}
          className="rounded border border-slate-300 bg-white p-2 font-mono text-xs dark:border-slate-600 dark:bg-slate-900"
        />
        <div>
          <button type="submit" className="rounded bg-blue-700 px-3 py-1.5 text-sm font-semibold text-white">
            Apply policy
          </button>
        </div>
        <FormError message={error} />
      </form>
    </details>
  );
}
