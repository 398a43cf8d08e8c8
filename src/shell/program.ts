/** What a program gets to run and what it gives back. */
import type { ClusterState } from '../engine/index.ts';
import type { Netns } from './netns.ts';
import type { Place, Session, ShellHost } from './types.ts';

/** A program's view of the world for one run. */
export interface Ctx {
  readonly host: ShellHost;
  readonly state: ClusterState;
  readonly place: Place;
  /** The namespace it runs in (null at the workstation). */
  readonly netns: Netns | null;
  readonly session: Session;
  /** The shell's name for its own errors: `bash` on a node and the workstation, `sh` in a pod. */
  readonly shell: 'bash' | 'sh';
  /** What the program reads on standard input (a here-document), when it was given one. */
  readonly stdin?: string;
}

/** A program's output (lines end in `\n`), exit status, and a changed session. */
export interface ProgramResult {
  readonly out: string;
  readonly status: number;
  readonly session?: Session;
  readonly clear?: boolean;
}

export type Program = (ctx: Ctx, argv: readonly string[]) => ProgramResult;

/** Success with output. */
export const ok = (out: string): ProgramResult => ({ out, status: 0 });
/** Failure with output. */
export const fail = (out: string, status = 1): ProgramResult => ({
  out: out.endsWith('\n') || out === '' ? out : `${out}\n`,
  status,
});
/** Lines joined with a final newline (none for no lines). */
export const lines = (ls: readonly string[]): string => (ls.length === 0 ? '' : `${ls.join('\n')}\n`);
