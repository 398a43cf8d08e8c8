/**
 * The shape of a trace in the runner's report and in the UI (issue 4, "The packet tracer").
 */
import type { Packet, TraceProtocol } from './packet.ts';

/** Where a hop happens: inside a pod's network namespace, on a node, or on the underlay wire. */
export type TraceWhere = `pod/${string}` | `node/${string}` | 'underlay';

/** One step of a packet's path: the place, the device it is on, the decision and why, and the packet there. */
export interface TraceHop {
  readonly where: TraceWhere;
  readonly device: string;
  /** The decision and its reason, e.g. `route 10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink matched`. */
  readonly note: string;
  readonly packet: Packet;
}

/**
 * One direction of a trace. `dropReason` is set exactly when `delivered` is false: it says
 * what is missing, never the fix. `dropFix`, when the tracer knows one, is a concrete
 * change that would let the packet through, for a student who asks for it.
 */
export interface TraceLeg {
  readonly delivered: boolean;
  readonly dropReason?: string;
  readonly dropFix?: string;
  readonly hops: readonly TraceHop[];
}

/** A complete trace: the request, and the reply when the request was delivered and answered. */
export interface TraceResult {
  /** `pod/NAME` or `node/NAME` as the student wrote it. */
  readonly from: string;
  /** A pod name or an IP. */
  readonly to: string;
  readonly protocol: TraceProtocol;
  readonly port?: number;
  readonly delivered: boolean;
  readonly dropReason?: string;
  readonly dropFix?: string;
  readonly hops: readonly TraceHop[];
  readonly reply?: TraceLeg;
}
