const button =
  'grid h-7 min-w-7 place-items-center rounded border border-slate-300 bg-white px-2 text-sm font-semibold shadow-sm hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-800 dark:hover:bg-slate-700';

export type ZoomAction = 'in' | 'out' | 'fit';

/** Zoom in, zoom out and fit, above the drawing; the wheel, a pinch and the keyboard do the same. */
export function ZoomControls({ onZoom }: { onZoom: (action: ZoomAction) => void }) {
  return (
    <div role="group" aria-label="Zoom" className="flex shrink-0 gap-1">
      <button
        type="button"
        aria-label="Zoom in"
        title="Zoom in (+)"
        className={button}
        onClick={() => onZoom('in')}
      >
        +
      </button>
      <button
        type="button"
        aria-label="Zoom out"
        title="Zoom out (−)"
        className={button}
        onClick={() => onZoom('out')}
      >
        −
      </button>
      <button
        type="button"
        title="Fit the whole cluster (0)"
        className={button}
        onClick={() => onZoom('fit')}
      >
        Fit
      </button>
    </div>
  );
}
