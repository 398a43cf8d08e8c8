/**
 * What a goal is checked against: the cluster state and the log of actions taken. The
 * types are narrow structural views of the engine's own (extra fields are fine), so the
 * lessons layer reads the engine's values without depending on their full shape.
 */
import { isRecord } from './safe-json.ts';

/** The packet fields goals and predictions read at a hop. */
export interface PacketLike {
  readonly ip: {
    readonly src: string;
    readonly dst: string;
    readonly ttl: number;
    readonly protocol: number;
  };
  readonly outer?: {
    readonly ip: { readonly src: string; readonly dst: string; readonly protocol: number };
    readonly udp?: { readonly dstPort: number };
    readonly vxlan?: { readonly vni: number };
  };
}

/** One hop of a trace (`where` is `pod/NAME`, `node/NAME` or `underlay`). */
export interface HopLike {
  readonly where: string;
  readonly device: string;
  readonly note: string;
  readonly packet: PacketLike;
}

/** A trace result as the engine returns it in `result.trace`. */
export interface TraceLike {
  readonly from: string;
  readonly to: string;
  readonly protocol: string;
  readonly delivered: boolean;
  readonly dropReason?: string;
  readonly hops: readonly HopLike[];
}

/** A command's result: ok, or an error with a stable code; traces carry `trace`. */
export interface ResultLike {
  readonly ok: boolean;
  readonly error?: { readonly code: string; readonly message: string };
  readonly trace?: unknown;
  readonly detail?: unknown;
}

/** One action the student (or the solution) took, with its result. */
export interface LogEntry {
  readonly command: { readonly type: string };
  readonly result: ResultLike;
}

export interface PodLike {
  readonly name: string;
  readonly namespace: string;
  readonly node: string | null;
  readonly phase: string;
  readonly ip: string | null;
  readonly reason?: string;
  readonly message?: string;
}

export interface NodeLike {
  readonly name: string;
  readonly staticRoutes?: readonly { readonly dst: string; readonly via: string; readonly dev?: string }[];
}

/** The parts of the cluster state goals read (the engine's `ClusterState` fits). */
export interface GoalState {
  readonly pods: Readonly<Record<string, PodLike>>;
  readonly nodes: Readonly<Record<string, NodeLike>>;
}

/** Everything a goal is evaluated against. */
export interface GoalContext {
  readonly state: GoalState;
  readonly log: readonly LogEntry[];
  /**
   * The node's routing table as `ip route` lines, when the caller can derive it (the engine's
   * kernel tables). Without it, `nodeHasRoute` sees only the static routes in the state.
   */
  readonly routesOf?: (node: string) => readonly string[] | undefined;
}

/** True when a value has the shape of a trace result (checked, since it comes from elsewhere). */
export function isTraceLike(value: unknown): value is TraceLike {
  if (!isRecord(value)) return false;
  if (typeof value['delivered'] !== 'boolean' || !Array.isArray(value['hops'])) return false;
  return value['hops'].every(
    (hop: unknown) =>
      isRecord(hop) &&
      typeof hop['where'] === 'string' &&
      typeof hop['device'] === 'string' &&
      isRecord(hop['packet']) &&
      isRecord(hop['packet']['ip']),
  );
}

/** The trace a log entry carries, from `result.trace` (or a trace-shaped `result.detail`). */
export function traceOf(entry: LogEntry): TraceLike | undefined {
  if (entry.command.type !== 'trace' || !entry.result.ok) return undefined;
  if (isTraceLike(entry.result.trace)) return entry.result.trace;
  if (isTraceLike(entry.result.detail)) return entry.result.detail;
  return undefined;
}

/** The trace command's own fields (the request as written), when present. */
export function traceRequestOf(entry: LogEntry): { from: string; to: string; protocol: string } | undefined {
  const command: unknown = entry.command;
  if (!isRecord(command) || command['type'] !== 'trace') return undefined;
  const { from, to, protocol } = command;
  if (typeof from !== 'string' || typeof to !== 'string' || typeof protocol !== 'string') return undefined;
  return { from, to, protocol };
}
