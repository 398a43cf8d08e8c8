/** Test helper: a CNI call against a scratch host, with the runtime's plumbing. */
import { RandomSource } from '../util/prng.ts';
import type { HostDraft } from './cni-types.ts';
import type { CniEnv, NetConfList } from './spec-types.ts';
import { runChain, type ChainOutcome } from './runtime.ts';

/** A fresh host for plugin tests. */
export function testHost(podCIDR = '10.244.1.0/24'): HostDraft {
  return {
    name: 'node-1',
    ip: '192.168.56.11',
    podCIDR,
    underlayMtu: 1500,
    devices: {},
    ipam: {},
    nextIfIndex: 3,
    pluginData: {},
  };
}

/** Runs a conflist verb for a container on a host. */
export function run(
  host: HostDraft,
  conflist: NetConfList,
  verb: CniEnv['CNI_COMMAND'],
  containerId: string,
  extra: { args?: string; record?: boolean } = {},
): ChainOutcome {
  const rng = new RandomSource(7);
  return runChain({
    verb,
    conflist,
    containerId,
    netns: `/var/run/netns/cni-${containerId}`,
    ifname: 'eth0',
    host,
    random: () => rng.u32(),
    clusterData: {},
    record: extra.record ?? true,
    ...(extra.args !== undefined ? { args: extra.args } : {}),
  });
}

/** A bridge + host-local conflist. */
export function bridgeList(
  ipam: Record<string, unknown> = { type: 'host-local', subnet: '10.244.1.0/24' },
  extra: Record<string, unknown> = {},
): NetConfList {
  return {
    cniVersion: '1.0.0',
    name: 'mynet',
    plugins: [{ type: 'bridge', bridge: 'cni0', isGateway: true, ...extra, ipam: ipam as never }],
  };
}
