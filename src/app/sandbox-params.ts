import type { ClusterSpec, NetworkSpec } from '../engine/index.ts';
import { closestName } from '../engine/spec/suggest.ts';
import { echo } from '../lessons/echo.ts';
import { MAX_CLUSTER_NODES, MAX_CLUSTER_PODS } from '../engine/spec/limits.ts';

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
/** The engine's size policy (Kubernetes' documented limits for one cluster). */
export const MAX_SANDBOX_NODES = MAX_CLUSTER_NODES;
export const MAX_SANDBOX_PODS = MAX_CLUSTER_PODS;

function isPlugin(value: string): value is NetworkSpec['plugin'] {
  return Object.hasOwn(PLUGIN_MODES, value);
}

/** The settings a sandbox link holds; `select` and `share` are read by the route. */
export const SANDBOX_LINK_KEYS = ['plugin', 'mode', 'nodes', 'pods', 'select', 'share'] as const;

/**
 * A query's values, each as the browser reads it (`+` is a space) and as it was typed
 * (only %-escapes decoded), so a message can echo `nodes=+3` rather than `nodes= 3`.
 */
export interface LinkQuery {
  readonly params: URLSearchParams;
  /** The first value of each name as typed; names in the order they first appear. */
  readonly typed: ReadonlyMap<string, string>;
  /** Names given more than once. */
  readonly repeated: readonly string[];
}

function decodeTyped(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Reads a link's query string (what follows `?`). */
export function readLinkQuery(query: string): LinkQuery {
  const typed = new Map<string, string>();
  const repeated = new Set<string>();
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name =
      new URLSearchParams(`${part.slice(0, eq < 0 ? part.length : eq)}=`).keys().next().value ?? '';
    if (typed.has(name)) repeated.add(name);
    else typed.set(name, decodeTyped(eq < 0 ? '' : part.slice(eq + 1)));
  }
  return { params: new URLSearchParams(query), typed, repeated: [...repeated] };
}

function wholeNumber(
  query: LinkQuery,
  name: string,
  min: number,
  max: number,
  fallback: number,
  problems: string[],
): number {
  const raw = query.params.get(name);
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) {
    const typed = query.typed.get(name) ?? raw;
    problems.push(
      `${name}=${echo(typed)} is not a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}; using ${fallback}.`,
    );
    return fallback;
  }
  return n;
}

/** Names in the link that are not settings, each named with the setting it most likely misspells. */
function unknownSettings(query: LinkQuery): string[] {
  const known: readonly string[] = SANDBOX_LINK_KEYS;
  const problems: string[] = [];
  for (const [name, typed] of query.typed) {
    if (known.includes(name)) continue;
    const near = closestName(name, known);
    const setting = `${echo(name)}${typed === '' ? '' : `=${echo(typed)}`}`;
    problems.push(
      near === undefined
        ? `did not understand ${setting}: a sandbox link holds ${known.join(', ')}; it was ignored.`
        : `did not understand ${setting}; did you mean ${near}? It was ignored.`,
    );
  }
  for (const name of query.repeated)
    if (known.includes(name)) problems.push(`${name} is given more than once; the first is used.`);
  return problems;
}

/**
 * Reads the sandbox settings from a link's query string: each bad value is named and replaced
 * by its default, and each name that is not a setting is named (with the one it most likely
 * misspells) and ignored.
 */
export function parseSandboxParams(query: string): { config: SandboxConfig; problems: string[] } {
  const link = readLinkQuery(query);
  const params = link.params;
  const problems: string[] = [];
  const typed = (name: string) => echo(link.typed.get(name) ?? params.get(name) ?? '');
  const rawPlugin = params.get('plugin');
  let plugin: NetworkSpec['plugin'] = DEFAULT_SANDBOX.plugin;
  if (rawPlugin !== null) {
    if (isPlugin(rawPlugin)) plugin = rawPlugin;
    else
      problems.push(
        `plugin=${typed('plugin')} is not one of ${Object.keys(PLUGIN_MODES).join(', ')}; using ${plugin}.`,
      );
  }
  const modes = PLUGIN_MODES[plugin];
  const rawMode = params.get('mode');
  let mode = modes[0]!;
  if (rawMode !== null) {
    if (modes.includes(rawMode)) mode = rawMode;
    else
      problems.push(`mode=${typed('mode')} is not a mode of ${plugin} (${modes.join(', ')}); using ${mode}.`);
  }
  const nodes = wholeNumber(link, 'nodes', 1, MAX_SANDBOX_NODES, DEFAULT_SANDBOX.nodes, problems);
  const pods = wholeNumber(link, 'pods', 0, MAX_SANDBOX_PODS, DEFAULT_SANDBOX.pods, problems);
  problems.push(...unknownSettings(link));
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
