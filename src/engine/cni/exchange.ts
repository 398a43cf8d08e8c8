/**
 * `cniExchangeForPod`: the CNI conversation that networked a pod (runtime → plugin →
 * IPAM → plugin → runtime), re-derived by replaying ADD on a scratch copy of the host.
 * Plugin randomness is seeded from the container id, so the replay draws the same veth
 * name and MACs; host-local is positioned so it hands out the same IP.
 */
import type { JsonValue } from '../json.ts';
import { formatIp, ipToNumber, lastOf } from '../ipv4.ts';
import { nodeConflist } from '../kernel/conflist-of.ts';
import { cniArgsFor, sandboxRandom } from '../sandbox.ts';
import { calicoWorkloadHandle } from '../dataplanes/calico-ipam.ts';
import { weaveRelease, type WeaveIpamState } from '../dataplanes/weave-ipam.ts';
import type { ClusterState, HostState } from '../types.ts';
import { calicoIpamOf } from './calico.ts';
import type { CniExchange, HostDraft } from './cni-types.ts';
import { sandboxResult } from './packed-result.ts';
import { runChain } from './runtime.ts';
import { weaveIpamOf, WEAVE_IPAM_KEY } from './weave-net.ts';

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/**
 * Cluster-wide IPAM state as the pod's ADD found it, as far as it matters: its address is free
 * again and the next one handed out (Calico: first in its block's free list, every other block
 * full; Weave: the lowest free address of the peer).
 */
function clusterDataBefore(
  state: ClusterState,
  containerId: string,
  podIp: string | null,
  node: string,
): Record<string, JsonValue> {
  const data = clone(state.clusterData) as Record<string, JsonValue>;
  const ip = ipToNumber(podIp ?? '');
  if (Number.isNaN(ip)) return data;
  const calico = calicoIpamOf(data);
  if (calico !== null) {
    const handle = calicoWorkloadHandle(containerId);
    for (const block of Object.values(calico.blocks)) {
      const held = Object.entries(block.allocations).find(([, h]) => h === handle);
      if (held === undefined) continue;
      const ordinal = Number(held[0]);
      const mutable = block as unknown as { allocations: Record<string, string>; unallocated: number[] };
      delete mutable.allocations[held[0]];
      mutable.unallocated = [ordinal, ...block.unallocated.filter((o) => o !== ordinal)];
      // Room freed since in other blocks (the host's own, or borrowable ones ahead of a
      // borrowed block) would be taken first: hide it.
      for (const other of Object.values(calico.blocks)) {
        if (other !== block) (other as unknown as { unallocated: number[] }).unallocated = [];
      }
    }
  }
  const weave = weaveIpamOf(data);
  if (weave !== null) data[WEAVE_IPAM_KEY] = weaveAsBefore(weave, node, ip) as unknown as JsonValue;
  return data;
}

/**
 * Weave hands out the lowest free address of the peer's ranges. For the replay, the pod's
 * address is freed and any lower address freed since (an older pod deleted) counts as taken.
 */
function weaveAsBefore(state: WeaveIpamState, peer: string, ip: number): WeaveIpamState {
  const released = weaveRelease(state, peer, ip);
  const owned = released.ranges.some((r) => r.peer === peer && ip >= r.cidr.net && ip <= lastOf(r.cidr));
  if (!owned) return released;
  const taken = new Set(released.allocated[peer] ?? []);
  for (const r of released.ranges) {
    if (r.peer !== peer) continue;
    const end = lastOf(r.cidr);
    for (let a = r.cidr.net; a <= end && a !== ip; a += 1) taken.add(a);
    if (ip >= r.cidr.net && ip <= end) break;
  }
  return { ...released, allocated: { ...released.allocated, [peer]: [...taken].sort((x, y) => x - y) } };
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
