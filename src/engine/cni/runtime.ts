/**
 * The container runtime's side of CNI (containerd + libcni): runs a node's conflist with
 * ADD in order, DEL in reverse, CHECK in order, wraps errors like libcni and records every
 * message so the UI can replay the conversation.
 */
import { copyToExtend, isJsonObject, type JsonObject, type JsonValue } from '../util/json.ts';
import type { CniCall, CniExchange, CniOutcome, HostDraft } from './cni-types.ts';
import type { CniEnv, CniError, CniResult, CniVerb, NetConfList, PluginConf } from './spec-types.ts';
import { canonicalResult } from './packed-result.ts';
import { cniPluginFor } from './registry.ts';

/** `CNI_PATH` as containerd sets it. */
export const CNI_PATH = '/opt/cni/bin';

/** One invocation of a conflist for a sandbox. */
export interface ChainRun {
  verb: CniVerb;
  conflist: NetConfList;
  containerId: string;
  netns: string;
  ifname: string;
  args?: string;
  host: HostDraft;
  random: () => number;
  clusterData: Record<string, JsonValue>;
  /** For ADD: each plugin's stdin (`pluginStdin`), when the caller already has them. */
  addStdins?: readonly PluginConf[] | null;
  /** The cached ADD result, passed as prevResult to DEL and CHECK. */
  prevResult?: CniResult;
  /** Record the exchange (off for bulk runs). */
  record: boolean;
  /** The pod's host ports, given as `runtimeConfig.portMappings` to plugins with that capability. */
  portMappings?: readonly PortMapping[];
}

/** One entry of `runtimeConfig.portMappings` (CONVENTIONS.md), as containerd builds it. */
export interface PortMapping {
  hostPort: number;
  containerPort: number;
  protocol: 'tcp' | 'udp' | 'sctp';
}

/** What a chain run produced. */
export interface ChainOutcome {
  outcome: CniOutcome;
  exchanges: readonly CniExchange[];
  hostIfIndex: number;
}

const VERB_WORD: Record<CniVerb, string> = { ADD: 'add', DEL: 'delete', CHECK: 'check' };

/** libcni's `pluginDescription` wrap: `plugin type="bridge" name="x" failed (add): msg`. */
export function wrapPluginError(type: string, name: string, verb: CniVerb, error: CniError): string {
  const msg =
    error.details !== undefined && error.details !== '' ? `${error.msg}; ${error.details}` : error.msg;
  return `plugin type="${type}" name="${name}" failed (${VERB_WORD[verb]}): ${msg}`;
}

const confCache = new WeakMap<object, PluginConf>();

function confFor(
  list: NetConfList,
  plugin: JsonObject & { type: string },
  prevResult: CniResult | undefined,
  portMappings?: readonly PortMapping[],
): PluginConf {
  const caps = plugin['capabilities'];
  const wantsPorts =
    portMappings !== undefined &&
    portMappings.length > 0 &&
    isJsonObject(caps) &&
    caps['portMappings'] === true;
  if (wantsPorts) {
    // libcni injects the runtime's arguments for the capabilities a plugin declares.
    const conf = confFor(list, plugin, prevResult);
    return {
      ...conf,
      runtimeConfig: { portMappings: portMappings.map((m) => ({ ...m })) },
    } as PluginConf;
  }
  // Without prevResult the stdin only depends on the (immutable) conflist: build it once.
  const cached = prevResult === undefined ? confCache.get(plugin) : undefined;
  if (cached !== undefined && cached['cniVersion'] === list.cniVersion && cached['name'] === list.name)
    return cached;
  const conf = copyToExtend(plugin) as PluginConf;
  conf['cniVersion'] = list.cniVersion;
  conf['name'] = list.name;
  delete conf['capabilities'];
  if (prevResult !== undefined) conf['prevResult'] = prevResult as unknown as JsonObject;
  else confCache.set(plugin, conf);
  return conf;
}

/** The stdin the runtime gives `plugin` of `list` (no prevResult): the conf with the list's `cniVersion`/`name`, without `capabilities`. */
export function pluginStdin(list: NetConfList, plugin: JsonObject & { type: string }): PluginConf {
  return confFor(list, plugin, undefined);
}

/** One plugin invocation's view (a class, so the hot path creates no closures). */
class Call implements CniCall {
  constructor(
    readonly runner: Runner,
    readonly env: CniEnv,
    readonly from: string,
  ) {}
  get host(): HostDraft {
    return this.runner.run.host;
  }
  get random(): () => number {
    return this.runner.run.random;
  }
  get clusterData(): Record<string, JsonValue> {
    return this.runner.run.clusterData;
  }
  get sandbox(): { hostIfIndex: number } {
    return this.runner;
  }
  execIpam(parent: PluginConf, verb: CniVerb): CniOutcome {
    const ipam = parent['ipam'];
    const type = isJsonObject(ipam) ? ipam['type'] : undefined;
    if (typeof type !== 'string') {
      return {
        ok: false,
        error: { cniVersion: parent.cniVersion, code: 7, msg: "IPAM config missing 'ipam' key" },
      };
    }
    // IPAM plugins get the parent's whole config on stdin; `type` is the binary to exec.
    return this.runner.invoke(parent.type, parent, verb, type);
  }
  execDelegate(caller: string, conf: PluginConf, verb: CniVerb): CniOutcome {
    return this.runner.invoke(caller, conf, verb, conf.type);
  }
}

/** Shared by runs that record nothing. */
const NO_EXCHANGES = Object.freeze([]) as unknown as CniExchange[];

/** The stdin as the runtime sends it: `prevResult` serialized like any Result. */
function printed(conf: PluginConf): PluginConf {
  const prev = conf['prevResult'];
  if (!isJsonObject(prev)) return conf;
  return { ...conf, prevResult: canonicalResult(prev as unknown as CniResult) as unknown as JsonObject };
}

class Runner {
  /** The messages, when the run records them. */
  readonly exchanges: CniExchange[];
  /** The sandbox's host-side ifindex, as a plugin sets it (`call.sandbox`). */
  hostIfIndex = 0;
  readonly baseEnv: CniEnv;

  constructor(readonly run: ChainRun) {
    this.exchanges = run.record ? [] : NO_EXCHANGES;
    this.baseEnv = {
      CNI_COMMAND: run.verb,
      CNI_CONTAINERID: run.containerId,
      CNI_NETNS: run.netns,
      CNI_IFNAME: run.ifname,
      CNI_PATH,
    };
    if (run.args !== undefined) this.baseEnv.CNI_ARGS = run.args;
  }

  log(e: Omit<CniExchange, 'step'>): void {
    this.exchanges.push({ step: this.exchanges.length + 1, ...e });
  }

  invoke(from: string, conf: PluginConf, verb: CniVerb, type: string): CniOutcome {
    const base = this.baseEnv;
    const env: CniEnv = verb === base.CNI_COMMAND ? base : { ...base, CNI_COMMAND: verb };
    const record = this.run.record;
    if (record) this.log({ from, to: type, kind: 'request', verb, env, stdin: printed(conf) });
    const plugin = cniPluginFor(type);
    const call = new Call(this, env, from);
    let out: CniOutcome;
    if (plugin === undefined) {
      const msg = `failed to find plugin "${type}" in path [${CNI_PATH}]`;
      out = { ok: false, error: { cniVersion: conf.cniVersion, code: 999, msg } };
    } else if (verb === 'ADD') out = plugin.add(call, conf);
    else if (verb === 'DEL') out = plugin.del(call, conf);
    else out = plugin.check(call, conf);
    if (!record) return out;
    if (out.ok)
      this.log({
        from: type,
        to: from,
        kind: 'response',
        verb,
        ...(out.result ? { result: canonicalResult(out.result) } : {}),
      });
    else this.log({ from: type, to: from, kind: 'response', verb, error: out.error });
    return out;
  }
}

/** Runs the conflist for one verb. Errors come back wrapped as libcni wraps them. */
export function runChain(run: ChainRun): ChainOutcome {
  const runner = new Runner(run);
  const plugins = run.verb === 'DEL' ? [...run.conflist.plugins].reverse() : run.conflist.plugins;
  let prev = run.verb === 'ADD' ? undefined : run.prevResult;
  const stdins = run.verb === 'ADD' ? run.addStdins : undefined;
  for (let i = 0; i < plugins.length; i++) {
    const p = plugins[i];
    if (p === undefined) continue;
    const conf =
      (prev === undefined ? stdins?.[i] : undefined) ?? confFor(run.conflist, p, prev, run.portMappings);
    const out = runner.invoke('runtime', conf, run.verb, conf.type);
    if (!out.ok) {
      const msg = wrapPluginError(p.type, run.conflist.name, run.verb, out.error);
      return {
        outcome: { ok: false, error: { ...out.error, msg } },
        exchanges: runner.exchanges,
        hostIfIndex: runner.hostIfIndex,
      };
    }
    if (run.verb === 'ADD') prev = out.result;
  }
  const outcome: CniOutcome =
    prev !== undefined && run.verb === 'ADD' ? { ok: true, result: prev } : { ok: true };
  return { outcome, exchanges: runner.exchanges, hostIfIndex: runner.hostIfIndex };
}
