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
import { TerminalPanel } from './terminal/TerminalPanel.tsx';
import { TracePanel } from './trace/TracePanel.tsx';

/**
 * The lab: the topology with its controls, its text mirror and the inspector. `top` holds
 * what the page adds above the controls (the sandbox's settings), `side` what goes above the
 * inspector (the lesson's step).
 */
export function LabView({
  top,
  side,
  linkProblems = [],
}: {
  top?: ReactNode;
  side?: ReactNode;
  linkProblems?: readonly string[];
}) {
  const undo = useLab((s) => s.undo);
  // In a lesson opened mid-way, Reset goes back to where the catch-up replay left it.
  const reset = useLab((s) => s.resetLab);
  const canUndo = useLab((s) => s.past.length > 0);
  return (
    <div className="grid h-full grid-cols-1 gap-4 p-4 lg:grid-cols-[minmax(0,1fr)_minmax(340px,32%)]">
      <div className="flex min-w-0 flex-col gap-3">
        <NoticeBar linkProblems={linkProblems} />
        {top}
        <div className="flex flex-wrap items-end justify-between gap-3">
          <SchedulePodForm />
          <div className="flex gap-2">
            <button
              type="button"
              disabled={!canUndo}
              onClick={undo}
              className="rounded border border-slate-300 px-3 py-1.5 text-sm disabled:opacity-50 dark:border-slate-600"
            >
              Undo
            </button>
            <button
              type="button"
              onClick={reset}
              className="rounded border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-600"
            >
              Reset
            </button>
          </div>
        </div>
        <ActionStatus />
        <div className="h-[52vh] min-h-[320px] rounded border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-950">
          <GraphView />
        </div>
        <TracePanel />
        <TerminalPanel />
        <PolicyPanel />
        <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
          <PodsTable />
          <NodesList />
        </div>
      </div>
      <aside aria-label="Details" className="flex min-w-0 flex-col gap-4">
        {side ? (
          <div className="rounded border border-slate-200 p-3 dark:border-slate-700">{side}</div>
        ) : null}
        <div className="rounded border border-slate-200 p-3 dark:border-slate-700">
          <Inspector />
        </div>
        <KeyboardShortcuts />
      </aside>
    </div>
  );
}
