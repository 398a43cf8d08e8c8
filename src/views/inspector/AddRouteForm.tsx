import { useState, type FormEvent } from 'react';
import { useLab } from '../../store/useLab.ts';
import { FormError } from '../shared/FormError.tsx';
import { InputField } from '../shared/Field.tsx';

/** `ip route add DST via GW` on a node: how a student connects nodes when the plugin does not. */
export function AddRouteForm({ node }: { node: string }) {
  const dispatch = useLab((s) => s.dispatch);
  const [dst, setDst] = useState('');
  const [via, setVia] = useState('');
  const [error, setError] = useState<string | null>(null);
  const field =
    'w-36 rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs dark:border-slate-600 dark:bg-slate-900';

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = dispatch({ type: 'addRoute', node, dst: dst.trim(), via: via.trim() });
    if (result.ok) {
      setDst('');
      setVia('');
      setError(null);
    } else setError(result.error.message);
  }

  return (
    <form
      onSubmit={submit}
      aria-label={`Add a route on ${node}`}
      className="mt-3 flex flex-wrap items-end gap-2 text-xs"
    >
      <span className="basis-full font-mono font-semibold">$ ip route add</span>
      <InputField
        label="Destination"
        value={dst}
        onValue={setDst}
        placeholder="10.244.1.0/24"
        className={field}
      />
      <InputField
        label="via (next hop)"
        value={via}
        onValue={setVia}
        placeholder="192.168.56.12"
        className={field}
      />
      <button
        type="submit"
        className="rounded border border-blue-700 px-2 py-1 font-semibold text-blue-800 dark:text-blue-200"
      >
        Add route
      </button>
      <FormError message={error} />
    </form>
  );
}
