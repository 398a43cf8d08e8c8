import type { ClusterSpec } from '../engine/index.ts';

/** The cluster the lab opens on when no lesson or link says otherwise. */
export const DEFAULT_SEED = 1;

export const DEFAULT_CLUSTER_SPEC: ClusterSpec = {
  clusterCIDR: '10.244.0.0/16',
  nodeCIDRMaskSize: 24,
  network: { plugin: 'flannel', backend: 'vxlan' },
  nodes: [{ name: 'node-1' }, { name: 'node-2' }, { name: 'node-3' }],
  pods: [],
} as ClusterSpec;
