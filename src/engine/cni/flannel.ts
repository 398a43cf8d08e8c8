/**
 * The flannel CNI plugin (flannel-io/cni-plugin): reads `/run/flannel/subnet.env` (here the
 * node's `pluginData.flannel`, written by the data plane), renders the bridge delegate config
 * and hands it to `bridge`, which execs `host-local`: runtime → flannel → bridge → host-local.
 */
import { isJsonObject, type JsonObject } from '../util/json.ts';
import { numField } from './conf-read.ts';
import { bridgePlugin } from './bridge.ts';
import { cniError, type CniCall, type CniOutcome, type CniPlugin, type PodRowsInput } from './cni-types.ts';
import { type PluginConf } from './spec-types.ts';
import { configureIfaceRoutes } from './pod-routes.ts';
import { derived, derivedKey, keepDerived } from '../util/derived.ts';

/** What flanneld wrote to subnet.env, as the data plane stores it in `pluginData.flannel`. */
export interface FlannelSubnetEnv {
  network: string;
  subnet: string;
  mtu: number;
  ipmasq: boolean;
}

/** Reads `pluginData.flannel`; null when flanneld has not written subnet.env yet. */
export function readSubnetEnv(pluginData: JsonObject): FlannelSubnetEnv | null {
  const v = pluginData['flannel'];
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const network = v['network'];
  const subnet = v['subnet'];
  if (typeof network !== 'string' || typeof subnet !== 'string') return null;
  return { network, subnet, mtu: numField(v, 'mtu', 1450), ipmasq: v['ipmasq'] !== false };
}

/** The bridge config flannel delegates to (`doCmdAdd`): bridge cbr0 + host-local on the node subnet. */
export function flannelDelegate(conf: PluginConf, env: FlannelSubnetEnv): PluginConf {
  const extra = conf['delegate'];
  const delegate: JsonObject = isJsonObject(extra) ? extra : {};
  return {
    cniVersion: conf.cniVersion,
    name: conf.name,
    ...delegate,
    type: 'bridge',
    isGateway: true,
    ipMasq: !env.ipmasq,
    mtu: env.mtu,
    ipam: { type: 'host-local', ranges: [[{ subnet: env.subnet }]], routes: [{ dst: env.network }] },
  };
}

const MISSING =
  "failed to load flannel 'subnet.env' file: open /run/flannel/subnet.env: no such file or directory. Check the flannel pod log for this node.";

interface Delegation {
  conf: PluginConf;
  env: FlannelSubnetEnv;
  delegate: PluginConf;
}
const DELEGATION = derivedKey<Delegation>('flannel delegate');

/**
 * subnet.env and the delegate rendered from it for `conf`, kept on the node's subnet.env
 * record (rewritten as a new object when flanneld writes the file): the delegate is then
 * the same object pod after pod, and bridge and host-local find what they derived from it.
 */
function delegation(pluginData: JsonObject, conf: PluginConf): Delegation | null {
  const file = pluginData['flannel'];
  const kept = isJsonObject(file) ? derived(file, DELEGATION) : undefined;
  if (kept?.conf === conf) return kept;
  const env = readSubnetEnv(pluginData);
  if (env === null) return null;
  const made = { conf, env, delegate: flannelDelegate(conf, env) };
  return isJsonObject(file) ? keepDerived(file, DELEGATION, made) : made;
}

function delegateCall(call: CniCall, conf: PluginConf, verb: 'ADD' | 'DEL' | 'CHECK'): CniOutcome {
  const d = delegation(call.host.pluginData, conf);
  if (d === null) return verb === 'DEL' ? { ok: true } : cniError(999, MISSING, conf.cniVersion);
  // flannel.go returns the delegate's Result as it is (invoke.DelegateAdd, then
  // types.PrintResult): bridge's interfaces carry no MTU although both veth ends have it.
  return call.execDelegate('flannel', d.delegate, verb);
}

/** The MTU the delegate gave both veth ends: the bridge's (made with subnet.env's MTU). */
function delegateMtu(input: PodRowsInput): number {
  const bridge = input.result.interfaces?.[0]?.name;
  const dev = bridge === undefined ? undefined : input.node?.devices[bridge];
  if (dev !== undefined) return dev.mtu;
  const env = input.node === undefined ? null : readSubnetEnv(input.node.pluginData);
  return env?.mtu ?? 1500;
}

function delegateRowsConf(input: PodRowsInput): PluginConf {
  return { ...input.conf, type: 'bridge', hairpinMode: true, ipMasq: false, mtu: delegateMtu(input) };
}

/** The `flannel` CNI plugin binary. */
export const flannelCniPlugin: CniPlugin = {
  type: 'flannel',
  add: (call, conf) => delegateCall(call, conf, 'ADD'),
  del: (call, conf) => delegateCall(call, conf, 'DEL'),
  check: (call, conf) => delegateCall(call, conf, 'CHECK'),
  hostRows: (input) => bridgePlugin.hostRows?.({ ...input, conf: delegateRowsConf(input) }) ?? {},
  podRoutes: ({ sandbox, result }) => configureIfaceRoutes(result, sandbox.ifname),
  podMtu: delegateMtu,
};
