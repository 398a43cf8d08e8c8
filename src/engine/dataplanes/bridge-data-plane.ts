/**
 * The `bridge` data plane: the core CNI plugins alone (bridge, ptp or macvlan with
 * host-local on the node's podCIDR, or the ranges the spec gives: `bridge-ipam.ts`), one
 * conflist per node and no cross-node routes: the student adds those with `addRoute`.
 */
import type { JsonObject } from '../util/json.ts';
import type { DataPlane } from './data-plane.ts';
import type { BridgeNetworkSpec, ClusterConfig, HostLocalIpamSpec } from '../state/types.ts';
import { bridgeIpamProblems, hostLocalIpamConf, ipamSpecOf, nodeIpamError } from './bridge-ipam.ts';

/** The network name in the conflist (and `/var/lib/cni/networks/<name>`). */
export const BRIDGE_NETWORK_NAME = 'mynet';

/** The message kubelet reports while the node has no CNI config. */
export const NETWORK_NOT_READY =
  'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized';

function mainPlugin(
  net: BridgeNetworkSpec,
  podCIDR: string,
  spec: HostLocalIpamSpec | undefined,
): JsonObject & { type: string } {
  const isDefaultGateway = net.isDefaultGateway === true;
  // Without routes in the spec: a default route (isDefaultGateway adds its own, except ptp).
  const defaultRoutes = !isDefaultGateway || net.cni === 'ptp' ? [{ dst: '0.0.0.0/0' }] : null;
  const ipam = hostLocalIpamConf(spec, podCIDR, defaultRoutes);
  const mtu: JsonObject = net.mtu === undefined ? {} : { mtu: net.mtu };
  switch (net.cni ?? 'bridge') {
    case 'bridge':
      return {
        type: 'bridge',
        bridge: net.bridge ?? 'cni0',
        isGateway: net.isGateway ?? true,
        ...(isDefaultGateway ? { isDefaultGateway } : {}),
        ipMasq: net.ipMasq ?? true,
        hairpinMode: net.hairpinMode ?? false,
        ...mtu,
        ipam,
      };
    case 'ptp':
      return { type: 'ptp', ipMasq: net.ipMasq ?? true, ...mtu, ipam };
    case 'macvlan':
      return { type: 'macvlan', master: net.master ?? 'eth0', mode: net.mode ?? 'bridge', ...mtu, ipam };
  }
}

function bridgeSpec(config: ClusterConfig): BridgeNetworkSpec {
  return config.network.plugin === 'bridge' ? config.network : { plugin: 'bridge' };
}

/** The core-plugins data plane. */
export const bridgeDataPlane: DataPlane = {
  plugin: 'bridge',
  defaultClusterCIDR: '10.244.0.0/16',
  ipam: 'host-local',
  cniPlugins: [],
  validate: bridgeIpamProblems,
  nodeIpamError,
  conflist(config, node) {
    if (node.podCIDR === null) return { ok: false, message: NETWORK_NOT_READY };
    const net = bridgeSpec(config);
    return {
      ok: true,
      fileName: `10-${BRIDGE_NETWORK_NAME}.conflist`,
      conflist: {
        cniVersion: '1.0.0',
        name: BRIDGE_NETWORK_NAME,
        plugins: [mainPlugin(net, node.podCIDR, ipamSpecOf(config, node))],
      },
    };
  },
};
