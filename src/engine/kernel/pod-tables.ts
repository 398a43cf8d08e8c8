/** A pod's network namespace: lo, eth0, its routes, and the containers sharing it. */
import { own } from '../util/dict.ts';
import { configureIfaceRoutes } from '../cni/pod-routes.ts';
import { numField } from '../cni/conf-read.ts';
import { sandboxResult } from '../cni/packed-result.ts';
import type { ClusterState, ContainerSpec, PodState } from '../state/types.ts';
import { chainOf, nodeConflist } from './conflist-of.ts';
import { formatIpAddr, formatIpNeigh, formatIpRoute } from './format.ts';
import { kernelNeighOrder, learnedNeighRows } from './neigh-rows.ts';
import { nodeRows } from './node-tables.ts';
import { isHostNetworkPod } from '../state/host-network.ts';
import type { Iface, RouteRow } from './rows.ts';

/** A container in the pod with the sockets it listens on (all in the pod's netns). */
export interface PodContainerView extends ContainerSpec {
  listening: string[];
}

/** A pod's tables. */
export interface PodTables {
  interfaces: Iface[];
  ipAddr: string;
  ipRoute: string[];
  routes: RouteRow[];
  /** `ip neigh`: what the pod's traffic taught its kernel (a pod's data plane programs none). */
  ipNeigh: string[];
  containers: PodContainerView[];
  sandbox: { containerId: string; netns: string };
  /** False when the pod's own host cannot reach it (macvlan). */
  hostCanReach: boolean;
  /** `hostNetwork: true`: the tables are its node's own (its netns is the node's). */
  hostNetwork?: true;
}

function mainOf(state: ClusterState, pod: PodState): ReturnType<typeof chainOf>[number] | undefined {
  const node = pod.node === null ? undefined : own(state.nodes, pod.node);
  if (node === undefined) return undefined;
  const c = nodeConflist(state, node);
  return c.ok ? chainOf(c.conflist)[0] : undefined;
}

/** Can the pod's own node reach it? (not with macvlan: the parent never sees its children). */
export function hostCanReachPod(state: ClusterState, podKey: string): boolean {
  const pod = own(state.pods, podKey);
  if (pod === undefined) return false;
  return mainOf(state, pod)?.plugin?.hostReachesPods !== false;
}

function containerViews(pod: PodState): PodContainerView[] {
  return pod.containers.map((c) => ({
    ...c,
    listening: (c.ports ?? []).map((p) => `0.0.0.0:${p.containerPort}/${p.protocol ?? 'TCP'}`),
  }));
}

/**
 * A running hostNetwork pod shares its node's network namespace: `ip addr`, `ip route` and
 * `ip neigh` in it print the node's tables (its sockets listen on the node's addresses).
 */
function hostNetworkPodTables(state: ClusterState, pod: PodState): PodTables | null {
  const node = pod.node === null ? undefined : own(state.nodes, pod.node);
  if (node === undefined || pod.phase !== 'Running') return null;
  const rows = nodeRows(state, node);
  return {
    interfaces: rows.interfaces,
    ipAddr: formatIpAddr(rows.interfaces),
    ipRoute: formatIpRoute(rows.routes),
    routes: rows.routes,
    ipNeigh: formatIpNeigh(kernelNeighOrder(rows.neigh, node.mac)),
    containers: containerViews(pod),
    sandbox: { containerId: '', netns: '' },
    hostCanReach: true,
    hostNetwork: true,
  };
}

/** `podTables`: the pod's netns as `ip addr` / `ip route` print it, or null. */
export function podTables(state: ClusterState, podKey: string): PodTables | null {
  const pod = own(state.pods, podKey);
  if (pod === undefined) return null;
  if (isHostNetworkPod(pod)) {
    const host = hostNetworkPodTables(state, pod);
    if (host !== null) return host;
  }
  const lo: Iface = {
    name: 'lo',
    index: 1,
    mac: '00:00:00:00:00:00',
    mtu: 65536,
    addresses: ['127.0.0.1/8'],
    kind: 'loopback',
    state: 'UNKNOWN',
  };
  const interfaces: Iface[] = [lo];
  let routes: RouteRow[] = [];
  const sb = pod.sandbox;
  const main = mainOf(state, pod);
  if (sb !== undefined) {
    const result = sandboxResult(sb);
    const ifs = result.interfaces ?? [];
    const idx = ifs.findIndex((i) => i.sandbox !== undefined);
    const eth = ifs[idx];
    const kind = main?.plugin?.podIfaceKind ?? 'veth';
    if (eth !== undefined) {
      const confMtu =
        main !== undefined && numField(main.conf, 'mtu') > 0 ? numField(main.conf, 'mtu') : 1500;
      const node = pod.node === null ? undefined : own(state.nodes, pod.node);
      const hookMtu =
        main?.plugin?.podMtu === undefined
          ? undefined
          : main.plugin.podMtu({ pod, sandbox: sb, result, conf: main.conf, ...(node ? { node } : {}) });
      const mtu = eth.mtu ?? hookMtu ?? confMtu;
      const addresses = (result.ips ?? [])
        .filter((ip) => ip.interface === undefined || ip.interface === idx)
        .map((ip) => ip.address);
      interfaces.push({
        name: eth.name,
        index: 2,
        mac: eth.mac ?? '',
        mtu,
        addresses,
        kind,
        state: 'UP',
        peer: 'host',
        ...(kind === 'veth' && sb.hostIfIndex > 0 ? { peerIndex: sb.hostIfIndex } : { peerIndex: 2 }),
      });
    }
    const input = main === undefined ? undefined : { pod, sandbox: sb, result, conf: main.conf };
    routes =
      input !== undefined && main?.plugin?.podRoutes !== undefined
        ? main.plugin.podRoutes(input)
        : configureIfaceRoutes(result, sb.ifname);
  }
  const containers = containerViews(pod);
  return {
    interfaces,
    ipAddr: formatIpAddr(interfaces),
    ipRoute: formatIpRoute(routes),
    routes,
    ipNeigh:
      pod.node === null || sb === undefined
        ? []
        : formatIpNeigh(kernelNeighOrder(learnedNeighRows(state, pod.node, pod.key), sb.netns)),
    containers,
    sandbox: {
      containerId: sb?.containerId ?? pod.attempt?.containerId ?? '',
      netns: sb?.netns ?? pod.attempt?.netns ?? '',
    },
    hostCanReach: main?.plugin?.hostReachesPods !== false,
  };
}
