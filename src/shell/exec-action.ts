/**
 * The `exec` action of scenarios and lesson solutions: a terminal line run at a place,
 * `{ "type": "exec", "on": "pod/NAME" | "node/NAME" | "kubectl", "command": "ip route" }`.
 * This file only describes and validates it (lessons import it); `run-exec.ts` runs it.
 */
import { parseCommand, type Command, type Parsed, type Problem } from '../engine/index.ts';

export interface ExecAction {
  readonly type: 'exec';
  /** `kubectl` (the workstation), `node/NAME`, or `pod/NAME` / `pod/NAMESPACE/NAME`. */
  readonly on: string;
  readonly command: string;
}

/** A scenario or solution action: an engine command or a terminal line. */
export type ScenarioAction = Command | ExecAction;

/** The keys an exec action has (validation refuses any other). */
export const EXEC_ACTION_KEYS = ['type', 'on', 'command'] as const;

const MAX_COMMAND = 4096;

/** A here-document: `kubectl apply -f - <<EOF`, its lines, and the delimiter on the last line. */
function isHeredoc(command: string): boolean {
  const lines = command.replace(/\n$/, '').split('\n');
  const m = /<<-?\s*['"]?([A-Za-z_][A-Za-z0-9_]*)['"]?\s*$/.exec(lines[0] ?? '');
  return m !== null && lines.length >= 2 && lines[lines.length - 1]?.replace(/^\t+/, '') === m[1];
}

/** Validates an exec action; problems name the field. */
export function parseExecAction(input: unknown, path = 'action'): Parsed<ExecAction> {
  const problems: Problem[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { ok: false, problems: [{ path, message: 'expected an object' }] };
  const o = input as Record<string, unknown>;
  for (const k of Object.keys(o))
    if (!(EXEC_ACTION_KEYS as readonly string[]).includes(k))
      problems.push({
        path: `${path}.${k}`,
        message: `unknown key "${k}" (an exec action has type, on and command)`,
      });
  const on = o['on'];
  if (
    typeof on !== 'string' ||
    !(on === 'kubectl' || /^node\/[^/\s]+$/.test(on) || /^pod\/([^/\s]+\/)?[^/\s]+$/.test(on))
  )
    problems.push({
      path: `${path}.on`,
      message: `expected "kubectl", "node/NAME" or "pod/NAME", got ${JSON.stringify(on) ?? 'nothing'}`,
    });
  const command = o['command'];
  if (typeof command !== 'string' || command.trim() === '')
    problems.push({
      path: `${path}.command`,
      message: 'expected the command line as a non-empty string, e.g. "ip route"',
    });
  else if (command.length > MAX_COMMAND || /\r/.test(command) || (/\n/.test(command) && !isHeredoc(command)))
    problems.push({
      path: `${path}.command`,
      message: `expected one line, or a here-document (a first line with <<WORD, its lines, then WORD), of at most ${MAX_COMMAND} characters`,
    });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { type: 'exec', on: on as string, command: command as string } };
}

/** Validates an action of either kind. */
export function parseScenarioAction(input: unknown, path = 'action'): Parsed<ScenarioAction> {
  if (typeof input === 'object' && input !== null && (input as { type?: unknown }).type === 'exec')
    return parseExecAction(input, path);
  return parseCommand(input, path);
}

/** True for an exec action. */
export function isExecAction(a: { readonly type: string }): a is ExecAction {
  return a.type === 'exec';
}
