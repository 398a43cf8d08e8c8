/**
 * `cniExchangeForPod`: the CNI conversation that networked a pod (runtime → plugin →
 * IPAM → plugin → runtime), re-derived by replaying ADD on a scratch copy of the host.
 * Plugin randomness is seeded from the container id, so the replay draws the same veth
 * name and MACs; host-local is positioned so it hands out the same IP.
 */
import type { JsonValue } from '../json.ts';
import { formatIp, ipToNumber } from '../ipv4.ts';
import { nodeConflist } from '../kernel/conflist-of.ts';
import { cniArgsFor, sandboxRandom } from '../sandbox.ts';
import type { ClusterState, HostState } from '../types.ts';
import type { CniExchange, HostDraft } from './cni-types.ts';
import { runChain } from './runtime.ts';

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** The recorded exchange of a pod's (last) sandbox ADD; empty when none ran. */
export function cniExchangeForPod(state: ClusterState, podKey: string): CniExchange[] {
  const pod = state.pods[podKey];
  const node = pod?.node == null ? undefined : state.nodes[pod.node];
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
    for (const store of Object.values(host.ipam)) {
      for (const [ip, content] of Object.entries(store.files)) {
        if (content !== owner) continue;
        delete store.files[ip];
        store.lastReserved['0'] = formatIp(ipToNumber(ip) - 1);
      }
    }
    // The bridge already existed or not: replay from the state the first pod saw is not
    // needed, the messages are the same either way.
  }
  const run = runChain({
    verb: 'ADD',
    conflist: conf.conflist,
    containerId: ids.containerId,
    netns: ids.netns,
    ifname: 'eth0',
    args: cniArgsFor(pod, ids.containerId),
    host,
    random: sandboxRandom(ids.containerId),
    clusterData: clone(state.clusterData) as Record<string, JsonValue>,
    record: true,
  });
  const last = run.exchanges[run.exchanges.length - 1];
  if (sb !== undefined && last !== undefined && last.to === 'runtime' && last.result !== undefined)
    last.result = sb.result;
  return run.exchanges;
}
