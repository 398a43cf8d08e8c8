import type { ClusterSpec, NetworkSpec } from '../engine/index.ts';

/** The sandbox cluster a link can ask for: a plugin, its mode, a size. */
export interface SandboxConfig {
  readonly plugin: NetworkSpec['plugin'];
  /** The plugin's mode: flannel backend, Calico mode, Weave encapsulation, or the core plugin. */
  readonly mode: string;
  readonly nodes: number;
  readonly pods: number;
}

export const PLUGIN_MODES: Record<NetworkSpec['plugin'], readonly string[]> = {
  flannel: ['vxlan', 'host-gw'],
  calico: ['ipip', 'vxlan', 'none'],
  weave: ['fastdp', 'sleeve'],
  bridge: ['bridge', 'ptp', 'macvlan'],
};

export const DEFAULT_SANDBOX: SandboxConfig = { plugin: 'flannel', mode: 'vxlan', nodes: 3, pods: 0 };
/** Kubernetes' documented limits for one cluster ("Considerations for large clusters"). */
export const MAX_SANDBOX_NODES = 5000;
export const MAX_SANDBOX_PODS = 150_000;

function isPlugin(value: string): value is NetworkSpec['plugin'] {
  return Object.hasOwn(PLUGIN_MODES, value);
}

function wholeNumber(
  raw: string | null,
  name: string,
  min: number,
  max: number,
  fallback: number,
  problems: string[],
): number {
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) {
    problems.push(`${name}=${raw} is not a whole number from ${min} to ${max}; using ${fallback}.`);
    return fallback;
  }
  return n;
}

/** Reads the sandbox settings from a link's query; each bad value is named and replaced by its default. */
export function parseSandboxParams(params: URLSearchParams): { config: SandboxConfig; problems: string[] } {
  const problems: string[] = [];
  const rawPlugin = params.get('plugin');
  let plugin: NetworkSpec['plugin'] = DEFAULT_SANDBOX.plugin;
  if (rawPlugin !== null) {
    if (isPlugin(rawPlugin)) plugin = rawPlugin;
    else
      problems.push(
        `plugin=${rawPlugin} is not one of ${Object.keys(PLUGIN_MODES).join(', ')}; using ${plugin}.`,
      );
  }
  const modes = PLUGIN_MODES[plugin];
  const rawMode = params.get('mode');
  let mode = modes[0]!;
  if (rawMode !== null) {
    if (modes.includes(rawMode)) mode = rawMode;
    else problems.push(`mode=${rawMode} is not a mode of ${plugin} (${modes.join(', ')}); using ${mode}.`);
  }
  const nodes = wholeNumber(
    params.get('nodes'),
    'nodes',
    1,
    MAX_SANDBOX_NODES,
    DEFAULT_SANDBOX.nodes,
    problems,
  );
  const pods = wholeNumber(params.get('pods'), 'pods', 0, MAX_SANDBOX_PODS, DEFAULT_SANDBOX.pods, problems);
  return { config: { plugin, mode, nodes, pods }, problems };
}

/** The query string for a sandbox config; defaults are left out. */
export function formatSandboxParams(config: SandboxConfig): string {
  const params = new URLSearchParams();
  if (config.plugin !== DEFAULT_SANDBOX.plugin) params.set('plugin', config.plugin);
  if (config.mode !== PLUGIN_MODES[config.plugin][0]) params.set('mode', config.mode);
  if (config.nodes !== DEFAULT_SANDBOX.nodes) params.set('nodes', String(config.nodes));
  if (config.pods !== DEFAULT_SANDBOX.pods) params.set('pods', String(config.pods));
  return params.toString();
}

/** The network spec for a plugin and mode. */
export function networkFor(plugin: NetworkSpec['plugin'], mode: string): NetworkSpec {
  switch (plugin) {
    case 'flannel':
      return { plugin, backend: mode === 'host-gw' ? 'host-gw' : 'vxlan' };
    case 'calico':
      return { plugin, mode: mode === 'vxlan' ? 'vxlan' : mode === 'none' ? 'none' : 'ipip' };
    case 'weave':
      return { plugin, encapsulation: mode === 'sleeve' ? 'sleeve' : 'fastdp' };
    case 'bridge':
      return { plugin, cni: mode === 'ptp' ? 'ptp' : mode === 'macvlan' ? 'macvlan' : 'bridge' };
    default: {
      const never: never = plugin;
      return never;
    }
  }
}

/** Above this many nodes the sandbox widens its networks, as a large cluster's installer would. */
const WIDE_ABOVE = 200;

/**
 * The cluster spec for a sandbox config: nodes node-1…node-N, pods pod-1…pod-M placed by the
 * scheduler. Up to 200 nodes every default stays; a larger cluster gets an underlay /16
 * (a /24 holds about 240 nodes) and, for plugins that address pods from podCIDRs (flannel,
 * the core plugins), a cluster CIDR of 10.0.0.0/11 (8,192 node /24s instead of 256).
 */
export function sandboxClusterSpec(config: SandboxConfig): ClusterSpec {
  const wide = config.nodes > WIDE_ABOVE;
  const hostLocal = config.plugin === 'flannel' || config.plugin === 'bridge';
  return {
    network: networkFor(config.plugin, config.mode),
    ...(wide ? { underlayCIDR: '192.168.0.0/16' } : {}),
    ...(wide && hostLocal ? { clusterCIDR: '10.0.0.0/11' } : {}),
    nodes: Array.from({ length: config.nodes }, (_, i) => ({ name: `node-${i + 1}` })),
    pods: Array.from({ length: config.pods }, (_, i) => ({ name: `pod-${i + 1}` })),
  };
}
