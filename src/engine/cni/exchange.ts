/**
 * `cniExchangeForPod`: the CNI conversation that networked a pod (runtime → plugin →
 * IPAM → plugin → runtime), re-derived by replaying ADD on a scratch copy of the host.
 * Plugin randomness is seeded from the container id, so the replay draws the same veth
 * name and MACs; host-local is positioned so it hands out the same IP.
 */
import { own } from '../util/dict.ts';
import { isJsonObject, type JsonValue } from '../util/json.ts';
import { ipToNumber } from '../net/ipv4.ts';
import { nodeConflist } from '../kernel/conflist-of.ts';
import { cniArgsFor, sandboxRandom } from '../cluster/sandbox.ts';
import { portMappingsOf } from './portmap.ts';
import { calicoBeforeAssign, calicoWorkloadHandle } from '../dataplanes/calico-ipam.ts';
import { weaveBeforeAllocate } from '../dataplanes/weave-ipam.ts';
import type { ClusterState, HostState } from '../state/types.ts';
import { CALICO_IPAM_KEY, calicoIpamOf } from './calico.ts';
import { hostLocalBeforeAdd } from './host-local.ts';
import { parseHostLocalConfig, type IpRange } from './host-local-config.ts';
import type { CniExchange, HostDraft } from './cni-types.ts';
import type { NetConfList } from './spec-types.ts';
import { sandboxResult } from './packed-result.ts';
import { runChain } from './runtime.ts';
import { weaveIpamOf, WEAVE_IPAM_KEY } from './weave-net.ts';

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/**
 * Cluster-wide IPAM state as the pod's ADD found it, as far as it matters: its address is free
 * again and the next one handed out (each IPAM knows how: `calicoBeforeAssign`,
 * `weaveBeforeAllocate`).
 */
function clusterDataBefore(
  state: ClusterState,
  containerId: string,
  podIp: string | null,
  node: string,
): Record<string, JsonValue> {
  const data = { ...state.clusterData };
  const ip = ipToNumber(podIp ?? '');
  if (Number.isNaN(ip)) return clone(data);
  const calico = calicoIpamOf(data);
  if (calico !== null)
    data[CALICO_IPAM_KEY] = calicoBeforeAssign(
      calico,
      calicoWorkloadHandle(containerId),
    ) as unknown as JsonValue;
  const weave = weaveIpamOf(data);
  if (weave !== null) data[WEAVE_IPAM_KEY] = weaveBeforeAllocate(weave, node, ip) as unknown as JsonValue;
  // The plugins write to what they are given: hand them a copy.
  return clone(data);
}

/** The range sets of the host-local `ipam` a conflist's plugins carry (flannel renders its own: none). */
function hostLocalRangeSets(list: NetConfList): IpRange[][] | undefined {
  for (const p of list.plugins) {
    const ipam = p['ipam'];
    if (!isJsonObject(ipam) || ipam['type'] !== 'host-local') continue;
    const cfg = parseHostLocalConfig(ipam);
    return typeof cfg === 'string' ? undefined : cfg.rangeSets;
  }
  return undefined;
}

/** The recorded exchange of a pod's (last) sandbox ADD; empty when none ran. */
export function cniExchangeForPod(state: ClusterState, podKey: string): CniExchange[] {
  const pod = own(state.pods, podKey);
  const node = pod?.node == null ? undefined : own(state.nodes, pod.node);
  if (pod === undefined || node === undefined) return [];
  const conf = nodeConflist(state, node);
  const ids = pod.sandbox ?? pod.attempt;
  if (!conf.ok || ids === undefined) return [];
  const hostState: HostState = clone({
    devices: node.devices,
    ipam: node.ipam,
    nextIfIndex: node.nextIfIndex,
    pluginData: node.pluginData,
  });
  const host: HostDraft = {
    ...hostState,
    name: node.name,
    ip: node.ip,
    podCIDR: node.podCIDR,
    underlayMtu: node.underlayMtu,
  };
  const sb = pod.sandbox;
  if (sb !== undefined) {
    const owner = `${sb.containerId}\r\n${sb.ifname}`;
    const sets = hostLocalRangeSets(conf.conflist);
    for (const [net, store] of Object.entries(host.ipam))
      host.ipam[net] = hostLocalBeforeAdd(store, owner, net === conf.conflist.name ? sets : undefined);
    // The host as this ADD found it: a bridge it created (the device numbered just before
    // its veth) did not exist yet, and the next ifindex was the one it took.
    host.nextIfIndex = sb.hostIfIndex;
    for (const [name, dev] of Object.entries(host.devices)) {
      if (dev.kind !== 'bridge' || dev.index !== sb.hostIfIndex - 1) continue;
      delete host.devices[name];
      host.nextIfIndex = dev.index;
    }
  }
  const run = runChain({
    verb: 'ADD',
    conflist: conf.conflist,
    containerId: ids.containerId,
    netns: ids.netns,
    ifname: 'eth0',
    args: cniArgsFor(pod, ids.containerId),
    portMappings: portMappingsOf(pod),
    host,
    random: sandboxRandom(ids.containerId),
    clusterData:
      sb === undefined
        ? clone(state.clusterData)
        : clusterDataBefore(state, sb.containerId, pod.ip, node.name),
    record: true,
  });
  const last = run.exchanges[run.exchanges.length - 1];
  if (sb !== undefined && last !== undefined && last.to === 'runtime' && last.result !== undefined)
    last.result = sandboxResult(sb);
  return [...run.exchanges];
}
