/**
 * The `portmap` meta plugin (plugins/meta/portmap): without `runtimeConfig.portMappings` it
 * changes nothing and passes `prevResult` through, which is all a pod without hostPorts sees.
 */
import type { CniPlugin, CniResult, PluginConf } from './cni-types.ts';
import { isJsonObject } from '../json.ts';

function prevResultOf(conf: PluginConf): CniResult | undefined {
  const prev = conf['prevResult'];
  return isJsonObject(prev) ? (prev as unknown as CniResult) : undefined;
}

/** The `portmap` CNI plugin binary. */
export const portmapPlugin: CniPlugin = {
  type: 'portmap',
  add(_call, conf) {
    const result = prevResultOf(conf);
    return result === undefined ? { ok: true } : { ok: true, result };
  },
  del: () => ({ ok: true }),
  check: () => ({ ok: true }),
};
