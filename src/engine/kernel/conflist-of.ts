/** The conflist a node's runtime would use, and the plugin confs it hands each plugin. */
import type { CniPlugin } from '../cni/cni-types.ts';
import type { NetConfList, PluginConf } from '../cni/spec-types.ts';
import { cniPluginFor } from '../cni/registry.ts';
import { pluginStdin } from '../cni/runtime.ts';
import { dataPlaneFor } from '../dataplanes/registry.ts';
import type { NodeConflist } from '../dataplanes/data-plane.ts';
import type { ClusterState, NodeState } from '../state/types.ts';

/** The node's conflist (derived from the data plane). */
export function nodeConflist(state: ClusterState, node: NodeState): NodeConflist {
  const dp = dataPlaneFor(state.config.network.plugin);
  return dp === undefined ? { ok: false, message: 'no data plane' } : dp.conflist(state.config, node);
}

/** Each plugin of a conflist with the stdin the runtime gives it. */
export function chainOf(list: NetConfList): Array<{ plugin: CniPlugin | undefined; conf: PluginConf }> {
  return list.plugins.map((p) => ({ plugin: cniPluginFor(p.type), conf: pluginStdin(list, p) }));
}
