/** The network spec each benchmarked data plane runs with. */
export const BENCH_NETWORKS: Record<string, Record<string, string>>;
/** A scenario: `nodes` nodes, `pods` schedulePod actions, then one trace pod-1 → pod-2. */
export function benchScenario(plugin: string, nodes: number, pods: number): unknown;
/** A mixed scenario of `count` seeded actions that keeps many pods pending. */
export function mixedScenario(count: number, plugin?: string, seed?: number): unknown;
