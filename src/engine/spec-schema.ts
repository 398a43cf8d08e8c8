/**
 * Parsing cluster specs and commands from `unknown` (lesson JSON, scenario files, the UI).
 */
import type { Parsed, Problem } from './result.ts';
import type { ClusterSpec, Command, ContainerSpec, NetworkSpec, NodeSpec, PodSpec } from './types.ts';
import { arrayOf, at, bool, int, object, oneOf, opt, req, str, stringMap, type Check } from './validate.ts';
import { isRecord } from './json.ts';

/** DNS-1123 subdomain, as Kubernetes requires for node and pod names. */
export const NAME_PATTERN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const name = str(NAME_PATTERN, 'a DNS-1123 name (lowercase letters, digits, "-" and ".")');
const label = str(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'a DNS-1123 label');
const text = str();
/** Any value, validated later by its own parser (a NetworkPolicy object). */
const anyJson: Check<unknown> = (v) => v;

const containerPort = object({
  containerPort: req(int(1, 65535)),
  protocol: opt(oneOf(['TCP', 'UDP'] as const)),
  name: opt(text),
  hostPort: opt(int(1, 65535)),
});
const container: Check<ContainerSpec> = object({
  name: req(label),
  image: opt(text),
  ports: opt(arrayOf(containerPort)),
});
const podFields = {
  name: req(name),
  namespace: opt(label),
  node: opt(name),
  labels: opt(stringMap()),
  containers: opt(arrayOf(container)),
};
const pod: Check<PodSpec> = object(podFields);
const node: Check<NodeSpec> = object({ name: req(name), ip: opt(text) });

const networks: Record<NetworkSpec['plugin'], Check<NetworkSpec>> = {
  bridge: object({
    plugin: req(oneOf(['bridge'] as const)),
    cni: opt(oneOf(['bridge', 'ptp', 'macvlan'] as const)),
    bridge: opt(str(/^[A-Za-z0-9_.-]{1,15}$/, 'an interface name (at most 15 characters)')),
    isGateway: opt(bool),
    isDefaultGateway: opt(bool),
    ipMasq: opt(bool),
    hairpinMode: opt(bool),
    mtu: opt(int(68, 9000)),
    master: opt(text),
    mode: opt(oneOf(['bridge', 'private', 'vepa', 'passthru'] as const)),
  }),
  flannel: object({
    plugin: req(oneOf(['flannel'] as const)),
    backend: opt(oneOf(['vxlan', 'host-gw'] as const)),
  }),
  calico: object({
    plugin: req(oneOf(['calico'] as const)),
    mode: opt(oneOf(['ipip', 'vxlan', 'none'] as const)),
  }),
  weave: object({
    plugin: req(oneOf(['weave'] as const)),
    encapsulation: opt(oneOf(['fastdp', 'sleeve'] as const)),
  }),
};

const network: Check<NetworkSpec> = (v, path, problems) => {
  const plugin = isRecord(v) ? v['plugin'] : undefined;
  const kind = oneOf(['bridge', 'flannel', 'calico', 'weave'] as const)(plugin, at(path, 'plugin'), problems);
  return kind === undefined ? undefined : networks[kind](v, path, problems);
};

const clusterSpec: Check<ClusterSpec> = object({
  clusterCIDR: opt(text),
  nodeCIDRMaskSize: opt(int(1, 32)),
  serviceCIDR: opt(text),
  underlayCIDR: opt(text),
  network: opt(network),
  nodes: opt(arrayOf(node)),
  pods: opt(arrayOf(pod)),
});

const commands: Record<Command['type'], Check<Command>> = {
  addNode: object({ type: req(oneOf(['addNode'] as const)), name: req(name), ip: opt(text) }),
  removeNode: object({ type: req(oneOf(['removeNode'] as const)), name: req(name) }),
  schedulePod: object({ type: req(oneOf(['schedulePod'] as const)), ...podFields }),
  deletePod: object({ type: req(oneOf(['deletePod'] as const)), name: req(text), namespace: opt(label) }),
  addRoute: object({
    type: req(oneOf(['addRoute'] as const)),
    node: req(name),
    dst: req(text),
    via: req(text),
  }),
  deleteRoute: object({
    type: req(oneOf(['deleteRoute'] as const)),
    node: req(name),
    dst: req(text),
    via: opt(text),
  }),
  deleteInterface: object({
    type: req(oneOf(['deleteInterface'] as const)),
    node: req(name),
    name: req(text),
  }),
  trace: object({
    type: req(oneOf(['trace'] as const)),
    from: req(text),
    to: req(text),
    protocol: req(oneOf(['icmp', 'tcp', 'udp'] as const)),
    port: opt(int(1, 65535)),
    size: opt(int(0, 65000)),
    ttl: opt(int(1, 255)),
  }),
  applyNetworkPolicy: object({ type: req(oneOf(['applyNetworkPolicy'] as const)), policy: req(anyJson) }),
  deleteNetworkPolicy: object({
    type: req(oneOf(['deleteNetworkPolicy'] as const)),
    name: req(text),
    namespace: opt(label),
  }),
};

/** The command types, for messages and UIs. */
export const COMMAND_TYPES = Object.keys(commands) as Array<Command['type']>;

/**
 * Allocation-free check for the bulk shapes (`schedulePod {name[, node]}`, `addNode {name}`)
 * that scenarios repeat by the hundred thousand; it accepts exactly what the full check
 * accepts for them, and anything else goes through the full check.
 */
export function isPlainBulkCommand(c: unknown): c is Command {
  if (typeof c !== 'object' || c === null || Array.isArray(c)) return false;
  const o = c as Record<string, unknown>;
  let n = 0;
  for (const k in o) {
    n++;
    if ((k !== 'type' && k !== 'name' && k !== 'node') || !Object.prototype.hasOwnProperty.call(o, k))
      return false;
  }
  const name = o['name'];
  if (typeof name !== 'string' || !NAME_PATTERN.test(name)) return false;
  if (o['type'] === 'schedulePod')
    return o['node'] === undefined
      ? n === 2
      : typeof o['node'] === 'string' && NAME_PATTERN.test(o['node']) && n === 3;
  return o['type'] === 'addNode' && n === 2;
}

const fullCommand: Check<Command> = (v, path, problems) => {
  const type = isRecord(v) ? v['type'] : undefined;
  const kind = oneOf(COMMAND_TYPES)(type, at(path, 'type'), problems);
  return kind === undefined ? undefined : commands[kind](v, path, problems);
};

const command: Check<Command> = (v, path, problems) =>
  isPlainBulkCommand(v) ? v : fullCommand(v, path, problems);

function run<T>(check: Check<T>, input: unknown, path: string): Parsed<T> {
  const problems: Problem[] = [];
  const value = check(input, path, problems);
  if (value === undefined || problems.length > 0) {
    return { ok: false, problems: problems.length > 0 ? problems : [{ path, message: 'is invalid' }] };
  }
  return { ok: true, value };
}

/** Parses a cluster spec; problems name JSON paths under `path` (default `cluster`). */
export function parseClusterSpec(input: unknown, path = 'cluster'): Parsed<ClusterSpec> {
  return run(clusterSpec, input, path);
}

/** Parses one command; problems name JSON paths under `path` (default `command`). */
export function parseCommand(input: unknown, path = 'command'): Parsed<Command> {
  return run(command, input, path);
}

/** `parseCommand` without the bulk fast path (its tests compare the two). */
export function parseCommandFully(input: unknown, path = 'command'): Parsed<Command> {
  return run(fullCommand, input, path);
}

/** Parses a list of commands (`actions[2].node`). */
export function parseCommands(input: unknown, path = 'actions'): Parsed<Command[]> {
  return run(arrayOf(command), input, path);
}
