/** The plugin binaries in `/opt/cni/bin`, by type. Data planes add theirs on registration. */
import { bridgePlugin } from './bridge.ts';
import type { CniPlugin } from './cni-types.ts';
import { hostLocalPlugin } from './host-local.ts';
import { macvlanPlugin } from './macvlan.ts';
import { ptpPlugin } from './ptp.ts';

const plugins = new Map<string, CniPlugin>();

/** Installs a plugin binary (idempotent per type). */
export function registerCniPlugin(plugin: CniPlugin): void {
  plugins.set(plugin.type, plugin);
}

/** The plugin of a type, if installed. */
export function cniPluginFor(type: string): CniPlugin | undefined {
  return plugins.get(type);
}

for (const p of [bridgePlugin, ptpPlugin, macvlanPlugin, hostLocalPlugin]) registerCniPlugin(p);
