/**
 * The suite's only way to touch the kernel: network namespaces it creates under a prefix
 * unique to the run, commands run inside them (`ip netns exec NS ...`), temp dirs, and the
 * processes it starts. Everything is removed on exit, on error and on SIGINT/SIGTERM; only
 * processes it started are ended, by their PID.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The output of a finished command. */
export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

const namespaces = new Set<string>();
const children = new Map<number, ChildProcess>();
const dirs = new Set<string>();
let installed = false;

/** A prefix no other run shares: `pnlk` + pid + 4 random hex digits (netns names stay short). */
export const RUN_PREFIX = `pnlk${process.pid.toString(36)}${Math.floor(Math.random() * 0xffff)
  .toString(16)
  .padStart(4, '0')}`;

/** Removes everything this run created. Synchronous, so it also works from `exit`. */
export function cleanupAll(): void {
  for (const [pid, child] of children) {
    try {
      if (child.exitCode === null) process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  children.clear();
  for (const ns of namespaces) spawnSync('ip', ['netns', 'del', ns], { stdio: 'ignore' });
  namespaces.clear();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs.clear();
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', cleanupAll);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.on(sig, () => {
      cleanupAll();
      process.exit(sig === 'SIGINT' ? 130 : 143);
    });
  process.on('uncaughtException', (e) => {
    console.error(e);
    cleanupAll();
    process.exit(1);
  });
}

/** A temp dir removed at exit. */
export function tempDir(label: string): string {
  install();
  const d = mkdtempSync(join(tmpdir(), `${RUN_PREFIX}-${label}-`));
  dirs.add(d);
  return d;
}

/** Runs a command (never through a shell), with a timeout. */
export function run(
  cmd: string,
  args: readonly string[],
  opts: { input?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Ran> {
  return new Promise((resolve) => {
    const child = execFile(
      cmd,
      args,
      {
        timeout: opts.timeoutMs ?? 20_000,
        env: { PATH: process.env['PATH'] ?? '/usr/sbin:/usr/bin:/sbin:/bin', ...opts.env },
        maxBuffer: 16 * 1024 * 1024,
      },
      (err, stdout, stderr) => {
        if (child.pid !== undefined) children.delete(child.pid);
        const code = err === null ? 0 : typeof err.code === 'number' ? err.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
    if (child.pid !== undefined) children.set(child.pid, child);
    if (opts.input !== undefined) child.stdin?.end(opts.input);
    else child.stdin?.end();
  });
}

/** Creates a namespace of this run (the name gets the run prefix). */
export async function addNetns(suffix: string): Promise<string> {
  install();
  const name = `${RUN_PREFIX}${suffix}`;
  namespaces.add(name);
  const r = await run('ip', ['netns', 'add', name]);
  if (r.code !== 0) throw new Error(`ip netns add ${name}: ${r.stderr.trim()}`);
  await inNs(name, 'ip', ['link', 'set', 'lo', 'up']);
  return name;
}

/** Deletes one of this run's namespaces. */
export async function delNetns(name: string): Promise<void> {
  if (!namespaces.has(name)) throw new Error(`${name} is not a namespace of this run`);
  await run('ip', ['netns', 'del', name]);
  namespaces.delete(name);
}

/** Runs a command inside one of this run's namespaces. */
export function inNs(
  ns: string,
  cmd: string,
  args: readonly string[],
  opts: { input?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Ran> {
  if (!namespaces.has(ns)) throw new Error(`refusing to run outside this run's namespaces: ${ns}`);
  return run('ip', ['netns', 'exec', ns, cmd, ...args], opts);
}

/** Like `inNs` but fails loudly on a non-zero exit. */
export async function mustNs(ns: string, cmd: string, args: readonly string[]): Promise<string> {
  const r = await inNs(ns, cmd, args);
  if (r.code !== 0)
    throw new Error(`[${ns}] ${cmd} ${args.join(' ')}: ${r.stderr.trim() || r.stdout.trim()}`);
  return r.stdout;
}

/** A long-running process in a namespace (tcpdump); stop it with `stop`. */
export function startInNs(
  ns: string,
  cmd: string,
  args: readonly string[],
): {
  stop: () => Promise<string>;
  ready: Promise<void>;
} {
  if (!namespaces.has(ns)) throw new Error(`refusing to run outside this run's namespaces: ${ns}`);
  const child = spawn('ip', ['netns', 'exec', ns, cmd, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid !== undefined) children.set(child.pid, child);
  let out = '';
  let err = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  const ready = new Promise<void>((resolve) => {
    const t = setTimeout(resolve, 1500);
    child.stderr.on('data', (b: Buffer) => {
      err += b.toString();
      if (err.includes('listening on')) {
        clearTimeout(t);
        resolve();
      }
    });
  });
  const done = new Promise<void>((resolve) => child.on('close', () => resolve()));
  return {
    ready,
    stop: async () => {
      // A child killed by a signal has signalCode set and exitCode still null.
      const running = (): boolean => child.exitCode === null && child.signalCode === null;
      if (child.pid !== undefined && running()) process.kill(child.pid, 'SIGINT');
      await Promise.race([done, new Promise((r) => setTimeout(r, 2000))]);
      if (child.pid !== undefined && running()) process.kill(child.pid, 'SIGKILL');
      if (child.pid !== undefined) children.delete(child.pid);
      return out;
    },
  };
}

/** Why the suite cannot run here, or null when it can (root, netns, the tools, the plugins). */
export async function preflight(pluginDir: string): Promise<string | null> {
  if (process.platform !== 'linux') return `not Linux (${process.platform})`;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return 'not running as root';
  for (const tool of ['ip', 'iptables', 'ping', 'traceroute', 'tcpdump', 'bridge']) {
    const r = spawnSync('sh', ['-c', `command -v ${tool}`]);
    if (r.status !== 0) return `${tool} is not installed`;
  }
  for (const p of ['bridge', 'host-local', 'ptp', 'macvlan', 'portmap']) {
    const r = spawnSync('test', ['-x', join(pluginDir, p)]);
    if (r.status !== 0) return `the CNI plugin ${join(pluginDir, p)} is missing`;
  }
  try {
    const ns = await addNetns('probe');
    await delNetns(ns);
  } catch (e) {
    return `network namespaces are not available (${(e as Error).message})`;
  }
  return null;
}
