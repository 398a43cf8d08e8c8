const button =
  'grid h-7 min-w-7 place-items-center rounded border border-slate-300 bg-white px-2 text-sm font-semibold shadow-sm hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-800 dark:hover:bg-slate-700';

export type ZoomAction = 'in' | 'out' | 'fit';

const ZOOM_BUTTONS: readonly { action: ZoomAction; text: string; label?: string; title: string }[] = [
  { action: 'in', text: '+', label: 'Zoom in', title: 'Zoom in (+)' },
  { action: 'out', text: '−', label: 'Zoom out', title: 'Zoom out (−)' },
  { action: 'fit', text: 'Fit', title: 'Fit the whole cluster (0)' },
];

/** Zoom in, zoom out and fit, above the drawing; the wheel, a pinch and the keyboard do the same. */
export function ZoomControls({ onZoom }: { onZoom: (action: ZoomAction) => void }) {
  return (
    <div role="group" aria-label="Zoom" className="flex shrink-0 gap-1">
      {ZOOM_BUTTONS.map(({ action, text, label, title }) => (
        <button
          key={action}
          type="button"
          aria-label={label}
          title={title}
          className={button}
          onClick={() => onZoom(action)}
        >
          {text}
        </button>
      ))}
    </div>
  );
}
