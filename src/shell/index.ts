/** The lab's shell: a pure command line over the engine (see README in this folder). */
export type { Place, Session, ShellHost, LineResult, Job, CaptureSpec } from './types.ts';
export { createSession, currentPlace, promptOf } from './types.ts';
export { runLine, interrupt, cancelHeredoc, feedTrace, tickJob, commandsAt, type FedTrace } from './shell.ts';
export { createCaptureTracker, type CaptureTracker } from './captures.ts';
export { tokenize } from './tokenize.ts';
export { createLocalHost, type LocalHost } from './local-host.ts';
export { formatPodsTable, formatNodesTable } from './kubectl-tables.ts';
export { completeLine, type Completion } from './complete.ts';
export * as lineEditor from './line-editor.ts';
export {
  parseExecAction,
  parseScenarioAction,
  isExecAction,
  EXEC_ACTION_KEYS,
  type ExecAction,
  type ScenarioAction,
} from './exec-action.ts';
export { runExecAction, execOnState, placeOf } from './run-exec.ts';
export { runShellScenario, type ShellReport, type ExecReport } from './run-scenario.ts';
