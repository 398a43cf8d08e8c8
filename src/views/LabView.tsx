import type { ReactNode } from 'react';
import { useLab } from '../store/useLab.ts';
import { ActionStatus } from './ActionStatus.tsx';
import { GraphView } from './graph/GraphView.tsx';
import { Inspector } from './inspector/Inspector.tsx';
import { KeyboardShortcuts } from './KeyboardShortcuts.tsx';
import { NodesList } from './NodesList.tsx';
import { NoticeBar } from './NoticeBar.tsx';
import { PodsTable } from './PodsTable.tsx';
import { PolicyPanel } from './policy/PolicyPanel.tsx';
import { SchedulePodForm } from './SchedulePodForm.tsx';
import { useMediaQuery } from './shared/useMediaQuery.ts';
import { TerminalPanel } from './terminal/TerminalPanel.tsx';
import { TracePanel } from './trace/TracePanel.tsx';

const panel = 'rounded border border-slate-200 bg-white p-3 dark:border-slate-700 dark:bg-slate-900';

function Toolbar() {
  const undo = useLab((s) => s.undo);
  // In a lesson opened mid-way, Reset goes back to where the catch-up replay left it.
  const reset = useLab((s) => s.resetLab);
  const canUndo = useLab((s) => s.past.length > 0);
  const button =
    'rounded border border-slate-300 px-3 py-1.5 text-sm disabled:opacity-50 dark:border-slate-600';
  return (
    <div
      role="toolbar"
      aria-label="Cluster actions"
      className="flex flex-wrap items-end justify-between gap-2"
    >
      <SchedulePodForm />
      <div className="flex gap-2">
        <button type="button" disabled={!canUndo} onClick={undo} className={button}>
          Undo
        </button>
        <button type="button" onClick={reset} className={button}>
          Reset
        </button>
      </div>
    </div>
  );
}

function Drawing({ desktop }: { desktop: boolean }) {
  const building = useLab((s) => s.building);
  return (
    <section
      aria-label="Cluster drawing"
      aria-busy={building !== null}
      className={`${desktop ? 'h-[max(440px,calc(100vh-12.5rem))]' : 'h-[72vh] min-h-[380px]'} relative overflow-hidden rounded border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-950`}
    >
      <GraphView />
      {building ? (
        <div
          role="status"
          className="absolute inset-0 grid place-items-center bg-white/80 text-sm font-semibold dark:bg-slate-950/80"
        >
          <div className="flex flex-col items-center gap-2">
            <span>{building}</span>
            <progress aria-label="Building the cluster" className="w-48" />
          </div>
        </div>
      ) : null}
    </section>
  );
}

/**
 * The lab, laid out for learning: the drawing in the centre with the cluster's actions in a
 * toolbar above it; the lesson (when there is one) and the inspector beside it on a wide
 * screen, the lesson first on a phone. `settings` holds the sandbox's cluster settings,
 * `side` the lesson's step, `bottom` a panel under the drawing (a terminal).
 */
export function LabView({
  settings,
  side,
  bottom,
  linkProblems = [],
}: {
  settings?: ReactNode;
  side?: ReactNode;
  bottom?: ReactNode;
  linkProblems?: readonly string[];
}) {
  const desktop = useMediaQuery('(min-width: 1024px)');
  const lesson = side ? (
    <section aria-label="Lesson" className={panel}>
      {side}
    </section>
  ) : null;
  const inspector = (
    <aside aria-label="Details" className="flex min-w-0 flex-col gap-3">
      <div className={panel}>
        <Inspector />
      </div>
      <KeyboardShortcuts />
    </aside>
  );
  const cluster = settings ? (
    <section aria-label="Cluster" className={panel}>
      {settings}
    </section>
  ) : null;
  const below = (
    <>
      {bottom}
      <TracePanel />
      <TerminalPanel />
      <PolicyPanel />
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        <PodsTable />
        <NodesList />
      </div>
    </>
  );
  const top = (
    <>
      <NoticeBar linkProblems={linkProblems} />
      <Toolbar />
      <ActionStatus />
    </>
  );
  if (!desktop)
    return (
      <div className="flex min-w-0 flex-col gap-3 p-2">
        {lesson}
        {top}
        <Drawing desktop={false} />
        {inspector}
        {cluster}
        {below}
      </div>
    );
  return (
    <div className="grid grid-cols-[minmax(0,1fr)_22rem] items-start gap-4 p-3">
      <div className="flex min-w-0 flex-col gap-3">
        {top}
        <Drawing desktop />
        {below}
      </div>
      <div className="sticky top-2 flex max-h-[calc(100vh-1rem)] min-w-0 flex-col gap-3 overflow-y-auto">
        {lesson}
        {cluster}
        {inspector}
      </div>
    </div>
  );
}
