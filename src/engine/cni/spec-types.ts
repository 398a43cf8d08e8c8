/**
 * The CNI spec's documents (SPEC.md §5): Result, error, environment, network configuration.
 * Plain JSON shapes that import nothing of the cluster's state, so the state's own types
 * (`cluster/types.ts`, through `packed-result.ts`) can use them without an import circle.
 */
import type { JsonObject } from '../util/json.ts';
/** `interfaces[]` entry of a Result. */
export interface CniInterface {
  name: string;
  mac?: string;
  mtu?: number;
  sandbox?: string;
}
/** `ips[]` entry; `interface` indexes `interfaces[]`. */
export interface CniIpConfig {
  /** `"4"` or `"6"`: printed on Results at cniVersion 0.3.0 to 0.4.0 only (dropped in 1.0.0). */
  version?: string;
  address: string;
  gateway?: string;
  interface?: number;
}
/** `routes[]` entry. */
export interface CniRoute {
  dst: string;
  gw?: string;
}
/** `dns`. */
export interface CniDns {
  nameservers?: string[];
  domain?: string;
  search?: string[];
  options?: string[];
}
/** An ADD Result (CNI 1.x). */
export interface CniResult {
  cniVersion: string;
  interfaces?: CniInterface[];
  ips?: CniIpConfig[];
  routes?: CniRoute[];
  dns?: CniDns;
}
/** A CNI error document (SPEC.md §5 "Error"). */
export interface CniError {
  cniVersion: string;
  code: number;
  msg: string;
  details?: string;
}
/** The verbs the runtime calls. */
export type CniVerb = 'ADD' | 'DEL' | 'CHECK';

/** The `CNI_*` environment of one call. */
export interface CniEnv {
  CNI_COMMAND: CniVerb;
  CNI_CONTAINERID: string;
  CNI_NETNS: string;
  CNI_IFNAME: string;
  CNI_PATH: string;
  CNI_ARGS?: string;
}

/** A plugin's stdin: its own config plus what the runtime injects. */
export type PluginConf = JsonObject & { type: string; name: string; cniVersion: string };

/** A network configuration list, as in `/etc/cni/net.d/*.conflist`. */
export interface NetConfList {
  cniVersion: string;
  name: string;
  plugins: Array<JsonObject & { type: string }>;
}
