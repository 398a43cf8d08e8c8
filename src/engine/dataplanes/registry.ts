/**
 * Which data planes exist. To add one: implement `DataPlane` (data-plane.ts) and add a
 * `registerDataPlane(...)` line at the bottom of this file.
 */
import { bridgeDataPlane } from './bridge-data-plane.ts';
import { registerCniPlugin } from '../cni/registry.ts';
import { calicoDataPlane } from './calico-data-plane.ts';
import { weaveDataPlane } from './weave-data-plane.ts';
import { flannelDataPlane } from './flannel-data-plane.ts';
import type { DataPlane } from './data-plane.ts';
import type { NetworkSpec } from '../state/types.ts';

const dataPlanes = new Map<string, DataPlane>();

/** Registers a data plane and installs its CNI plugins. */
export function registerDataPlane(dp: DataPlane): void {
  dataPlanes.set(dp.plugin, dp);
  for (const p of dp.cniPlugins) registerCniPlugin(p);
}

/** The data plane for a plugin name, if registered. */
export function dataPlaneFor(plugin: NetworkSpec['plugin']): DataPlane | undefined {
  return dataPlanes.get(plugin);
}

registerDataPlane(bridgeDataPlane);
registerDataPlane(flannelDataPlane);
registerDataPlane(calicoDataPlane);
registerDataPlane(weaveDataPlane);
