import { useId, useState } from 'react';

export type LinkOutcome = { ok: true; url: string } | { ok: false; message: string };

/**
 * "Copy link": makes the link, copies it, and says so. When the clipboard is not available
 * (an insecure origin, a denied permission) the link is shown to copy by hand; when there
 * is no link (too long), the reason is shown with what to do instead.
 */
export function CopyLinkButton({
  makeLink,
  label = 'Copy link',
  tooLong,
}: {
  makeLink: () => Promise<LinkOutcome>;
  label?: string;
  /** What to do instead when the link is too long (the file route). */
  tooLong: string;
}) {
  const [state, setState] = useState<
    | { kind: 'copied'; url: string }
    | { kind: 'manual'; url: string }
    | { kind: 'refused'; message: string }
    | null
  >(null);
  const fieldId = useId();
  async function copy() {
    let outcome: LinkOutcome;
    try {
      outcome = await makeLink();
    } catch {
      outcome = {
        ok: false,
        message: 'The part of the lab that makes links did not load (are you offline?).',
      };
    }
    if (!outcome.ok) return setState({ kind: 'refused', message: outcome.message });
    try {
      await navigator.clipboard.writeText(outcome.url);
      setState({ kind: 'copied', url: outcome.url });
    } catch {
      setState({ kind: 'manual', url: outcome.url });
    }
  }
  return (
    <div className="flex min-w-0 flex-wrap items-center gap-2">
      <button
        type="button"
        onClick={() => void copy()}
        className="rounded border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-600"
      >
        {label}
      </button>
      {state?.kind === 'copied' ? (
        <p role="status" className="text-xs">
          Link copied ({state.url.length.toLocaleString('en')} characters). Whoever opens it gets this exact
          cluster.
        </p>
      ) : state?.kind === 'manual' ? (
        <p role="status" className="flex min-w-0 items-center gap-1 text-xs">
          <label htmlFor={fieldId}>The clipboard is not available here; copy the link:</label>
          <input
            id={fieldId}
            readOnly
            value={state.url}
            onFocus={(e) => e.currentTarget.select()}
            className="w-48 rounded border border-slate-300 px-1 font-mono dark:border-slate-600 dark:bg-slate-900"
          />
        </p>
      ) : state?.kind === 'refused' ? (
        <p role="alert" className="max-w-md text-xs text-red-800 dark:text-red-300">
          {state.message} {tooLong}
        </p>
      ) : null}
    </div>
  );
}
