/** The conflist a node's runtime would use, and the plugin confs it hands each plugin. */
import type { CniPlugin, NetConfList, PluginConf } from '../cni/cni-types.ts';
import { cniPluginFor } from '../cni/registry.ts';
import { pluginStdin } from '../cni/runtime.ts';
import { dataPlaneFor } from '../data-plane-registry.ts';
import type { NodeConflist } from '../network-plugin.ts';
import type { ClusterState, NodeState } from '../types.ts';

/** The node's conflist (derived from the data plane). */
export function nodeConflist(state: ClusterState, node: NodeState): NodeConflist {
  const dp = dataPlaneFor(state.config.network.plugin);
  return dp === undefined ? { ok: false, message: 'no data plane' } : dp.conflist(state.config, node);
}

/** Each plugin of a conflist with the stdin the runtime gives it. */
export function chainOf(list: NetConfList): Array<{ plugin: CniPlugin | undefined; conf: PluginConf }> {
  return list.plugins.map((p) => ({ plugin: cniPluginFor(p.type), conf: pluginStdin(list, p) }));
}
