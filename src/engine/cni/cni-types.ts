/**
 * The plugin contract used by the runtime: calls, outcomes, the host a plugin changes, IPAM
 * delegation. The spec's own documents are in `spec-types.ts`.
 */
import type { JsonValue } from '../util/json.ts';
import type { CniError, CniResult, CniVerb, CniEnv, PluginConf, CniIpConfig } from './spec-types.ts';
import type { KernelRows, RouteRow } from '../kernel/rows.ts';
import type { HostState, IfaceKind, NodeState, PodSandbox, PodState } from '../state/types.ts';

/** What a plugin call returns: a Result (nothing for DEL/CHECK) or a CNI error. */
export type CniOutcome = { ok: true; result?: CniResult } | CniFailure;
/** A failed call: the error a plugin prints. */
export interface CniFailure {
  ok: false;
  error: CniError;
}

/** One message of a CNI conversation, for step-by-step replay. */
export interface CniExchange {
  step: number;
  /** `runtime`, or the plugin type that sent it. */
  from: string;
  to: string;
  kind: 'request' | 'response';
  verb: CniVerb;
  env?: CniEnv;
  stdin?: JsonValue;
  result?: CniResult;
  error?: CniError;
}

/** A mutable view of one host's kernel-relevant state, handed to plugins. */
export interface HostDraft extends HostState {
  readonly name: string;
  readonly ip: string;
  readonly podCIDR: string | null;
  /** MTU of the underlay interface `eth0`. */
  readonly underlayMtu: number;
}

/** What a plugin gets for one call. */
export interface CniCall {
  env: CniEnv;
  host: HostDraft;
  /** Random uint32s for this sandbox (seeded from its container id, so a replay is exact). */
  random: () => number;
  /** Cluster-wide state owned by the data plane (e.g. Calico's block affinities), mutable. */
  clusterData: Record<string, JsonValue>;
  /** Execs an IPAM plugin like `pkg/ipam.ExecAdd/ExecDel/ExecCheck`, recording the exchange. */
  execIpam: (conf: PluginConf, verb: CniVerb) => CniOutcome;
  /**
   * Execs another plugin with `conf` on stdin, like `invoke.DelegateAdd/Del/Check` (flannel
   * hands its rendered bridge config to `bridge`); recorded like any other call.
   */
  execDelegate: (caller: string, conf: PluginConf, verb: CniVerb) => CniOutcome;
  /** Facts about the sandbox the runtime keeps (the host-side peer's ifindex). */
  sandbox: { hostIfIndex: number };
}

/** Input to the derivation hooks: one running pod networked by this plugin. */
export interface PodRowsInput {
  pod: PodState;
  sandbox: PodSandbox;
  /** The sandbox's ADD Result (unpacked). */
  result: CniResult;
  conf: PluginConf;
  /** The pod's node, for hooks that read what the plugin left on the host. */
  node?: NodeState;
}

/** A CNI plugin binary under `/opt/cni/bin`. */
export interface CniPlugin {
  readonly type: string;
  add(call: CniCall, conf: PluginConf): CniOutcome;
  /** Must succeed when called again or when resources are gone. */
  del(call: CniCall, conf: PluginConf): CniOutcome;
  check(call: CniCall, conf: PluginConf): CniOutcome;
  /** Host-side rows for one running pod (veth, host route, NAT); derived, never stored. */
  hostRows?(input: PodRowsInput): Partial<KernelRows>;
  /** The pod's routes, when they differ from "connected + result routes". */
  podRoutes?(input: PodRowsInput): RouteRow[];
  /** The MTU of the pod's interface when its Result does not say (flannel's delegate set it). */
  podMtu?(input: PodRowsInput): number | undefined;
  /** Kind of the pod's interface (`veth` when absent). */
  podIfaceKind?: IfaceKind;
  /** False when the host cannot reach the pods it networks (macvlan's gotcha). */
  hostReachesPods?: boolean;
}

/** Builds a CNI error (the JSON a plugin prints on failure). */
export function cniError(code: number, msg: string, cniVersion = '1.0.0', details?: string): CniOutcome {
  const error: CniError =
    details === undefined ? { cniVersion, code, msg } : { cniVersion, code, msg, details };
  return { ok: false, error };
}

/** A successful IPAM ADD that handed out at least one IP config. */
export interface IpamAnswer {
  ok: true;
  result: CniResult & { ips: [CniIpConfig, ...CniIpConfig[]] };
}

/**
 * `ipam.ExecAdd` and the check every main plugin makes of the answer: IPAM's error as it is,
 * or, when it returned no IP config, IPAM DEL (releasing whatever it took) and the error.
 */
export function execIpamAdd(call: CniCall, conf: PluginConf): IpamAnswer | CniFailure {
  const ipam = call.execIpam(conf, 'ADD');
  if (!ipam.ok) return ipam;
  const ips = ipam.result?.ips;
  if (ips === undefined || ips.length === 0) {
    call.execIpam(conf, 'DEL');
    return {
      ok: false,
      error: { cniVersion: conf.cniVersion, code: 999, msg: 'IPAM plugin returned missing IP config' },
    };
  }
  return ipam as IpamAnswer;
}
