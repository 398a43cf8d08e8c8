import { useEffect, useId } from 'react';
import { TRACE_SPEEDS, type TraceSpeed } from '../../store/trace-slice.ts';
import { useLab } from '../../store/useLab.ts';
import { keyOf } from '../shared/shortcuts.ts';

/** The shortcut of a control, shown beside its name (left out of the accessible name). */
function Key({ k }: { k: string }) {
  return (
    <kbd
      aria-hidden="true"
      className="ml-1 rounded border border-slate-300 px-1 font-mono text-xs dark:border-slate-600"
    >
      {k}
    </kbd>
  );
}

const button =
  'rounded border border-slate-300 px-2.5 py-1 text-sm disabled:opacity-40 dark:border-slate-600';

/** Play, pause, step and reset, like a network simulator's simulation mode; time moves by events. */
export function TraceControls() {
  const trace = useLab((s) => s.trace);
  const cursor = useLab((s) => s.cursor);
  const playing = useLab((s) => s.playing);
  const speed = useLab((s) => s.speed);
  const play = useLab((s) => s.play);
  const pause = useLab((s) => s.pause);
  const stepForward = useLab((s) => s.stepForward);
  const stepBack = useLab((s) => s.stepBack);
  const resetTrace = useLab((s) => s.resetTrace);
  const setSpeed = useLab((s) => s.setSpeed);
  const speedId = useId();
  const last = (trace?.events.length ?? 0) - 1;

  useEffect(() => {
    if (!playing) return;
    const timer = window.setInterval(() => stepForward(), 1000 / speed);
    return () => window.clearInterval(timer);
  }, [playing, speed, stepForward]);

  return (
    <div role="group" aria-label="Simulation controls" className="flex flex-wrap items-center gap-1.5">
      {playing ? (
        <button type="button" className={button} onClick={pause} aria-keyshortcuts={keyOf('trace-play')}>
          Pause
          <Key k={keyOf('trace-play')} />
        </button>
      ) : (
        <button
          type="button"
          className={button}
          onClick={play}
          disabled={!trace}
          aria-keyshortcuts={keyOf('trace-play')}
        >
          Play
          <Key k={keyOf('trace-play')} />
        </button>
      )}
      <button
        type="button"
        className={button}
        onClick={stepBack}
        disabled={!trace || cursor <= 0}
        aria-keyshortcuts={keyOf('trace-back')}
      >
        Step back
        <Key k={keyOf('trace-back')} />
      </button>
      <button
        type="button"
        className={button}
        onClick={stepForward}
        disabled={!trace || cursor >= last}
        aria-keyshortcuts={keyOf('trace-forward')}
      >
        Step forward
        <Key k={keyOf('trace-forward')} />
      </button>
      <button type="button" className={button} onClick={resetTrace} disabled={!trace}>
        Reset
      </button>
      <label htmlFor={speedId} className="ml-2 text-xs font-medium">
        Speed
      </label>
      <select
        id={speedId}
        value={speed}
        onChange={(e) => setSpeed(Number(e.target.value) as TraceSpeed)}
        className="rounded border border-slate-300 bg-white px-1 py-1 text-sm dark:border-slate-600 dark:bg-slate-900"
      >
        {TRACE_SPEEDS.map((s) => (
          <option key={s} value={s}>
            {s} hop{s === 1 ? '' : 's'}/s
          </option>
        ))}
      </select>
      {trace ? (
        <span className="ml-2 text-xs" aria-hidden="true">
          hop {cursor + 1} / {last + 1}
        </span>
      ) : null}
    </div>
  );
}
