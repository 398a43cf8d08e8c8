/**
 * The engine's one public entry. Pure TypeScript: the app, the tests, the CLI runner and
 * the benchmark all use it unchanged. See CONTEXT.md.
 */
export type {
  BridgeNetworkSpec,
  ClusterConfig,
  ClusterSpec,
  ClusterState,
  Command,
  CommandResult,
  ContainerPort,
  ContainerSpec,
  HostLocalIpamSpec,
  HostLocalRangeSpec,
  NetworkSpec,
  NodeSpec,
  NodeState,
  PodSandbox,
  PodSpec,
  PodState,
} from './state/types.ts';
export type { EngineError, Problem, Parsed } from './spec/result.ts';
export type { JsonValue, JsonObject } from './util/json.ts';
export type { CniExchange, CniPlugin, CniCall, HostDraft } from './cni/cni-types.ts';
export type { CniResult, CniError, CniEnv, NetConfList, PluginConf } from './cni/spec-types.ts';
export type { Iface, RouteRow, NeighRow, FdbRow, NatRow, FileRow, KernelRows } from './kernel/rows.ts';
export type { NodeTables } from './kernel/node-tables.ts';
export type { PodTables, PodContainerView } from './kernel/pod-tables.ts';
export type { NodeSummary, PodSummary } from './state/queries.ts';
export type { RunnerReport } from './cluster/report.ts';
export type { DataPlane, NodeConflist, NodeJoin, TunnelSpec } from './dataplanes/data-plane.ts';
export type { NetworkPolicy } from './policy/types.ts';
export type { TraceRequest } from './tracer/walk.ts';

export { parseClusterSpec, parseCommand, parseCommands, COMMAND_TYPES } from './spec/spec-schema.ts';
export { createCluster, DEFAULTS } from './cluster/create-cluster.ts';
export { applyCommand, applyCommands } from './commands/apply-command.ts';
export { listNodes, listPods } from './state/queries.ts';
export { isHostNetworkPod, defaultHostNetworkPorts } from './state/host-network.ts';
export { podAddressRanges, type PodAddressRanges } from './dataplanes/pod-address-ranges.ts';
export { nodeTables, nodeRows, UNDERLAY_GATEWAY_MAC } from './kernel/node-tables.ts';
export { podTables, hostCanReachPod } from './kernel/pod-tables.ts';
export { cniExchangeForPod } from './cni/exchange.ts';
export { sandboxResult, type PackedResult, type ResultShape } from './cni/packed-result.ts';
export { buildReport } from './cluster/report.ts';
export { registerDataPlane, dataPlaneFor } from './dataplanes/registry.ts';
export { registerCniPlugin } from './cni/registry.ts';
export { MAX_PODS_PER_NODE, numFeasibleNodesToFind } from './scheduling/scheduler.ts';
export { CIDR_EXHAUSTED } from './scheduling/node-ipam.ts';
export { formatChainName } from './cni/ipmasq.ts';
export type { TraceHop, TraceLeg, TraceResult, TraceWhere } from './tracer/trace-types.ts';
export type {
  Packet,
  EthHeader,
  Ipv4Header,
  L4Header,
  OuterHeaders,
  TraceProtocol,
} from './tracer/packet.ts';
export {
  runScenario,
  runParsedScenario,
  parseScenario,
  scenarioTopProblems,
  SCENARIO_FIELDS,
  type Scenario,
  type ScenarioPhase,
  type ScenarioOptions,
} from './cluster/scenario.ts';
export { dict, own } from './util/dict.ts';
export { unknownFieldMessage, closestName } from './spec/suggest.ts';
export { tracePacket } from './tracer/walk.ts';
export { innerIpLength } from './tracer/packet.ts';
export { reportTrace } from './tracer/report-trace.ts';
export type { LabelSelector } from './policy/types.ts';
export { routeTableOf } from './tracer/host-view.ts';
export { lookupRoute, type RouteEntry } from './tracer/route-table.ts';
export { contains, formatIp, ipToNumber, parseIpv4, parseCidr4 } from './net/ipv4.ts';
export { formatIpAddr, formatIpLink, formatIpBrief } from './kernel/format.ts';
export { dataPlaneTunnel } from './kernel/tunnel-of.ts';
export { formatIpRoute, formatRoute } from './kernel/format.ts';
export { MAX_CLUSTER_NODES, MAX_CLUSTER_PODS } from './spec/limits.ts';
export {
  BUILTIN_NAMESPACES,
  NAMESPACE_NAME_LABEL,
  namespaceExists,
  namespaceLabels,
  namespaceNames,
} from './state/namespaces.ts';
