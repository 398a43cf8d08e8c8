/**
 * Parsing cluster specs and commands from `unknown` (lesson JSON, scenario files, the UI).
 */
import type { Parsed, Problem } from './result.ts';
import type {
  ClusterSpec,
  Command,
  ContainerPort,
  ContainerSpec,
  NetworkSpec,
  NodeSpec,
  PodSpec,
} from '../state/types.ts';
import {
  arrayOf,
  at,
  bool,
  describe,
  int,
  object,
  oneOf,
  opt,
  req,
  str,
  stringMap,
  type Check,
} from './validate.ts';
import { isRecord } from '../util/json.ts';
import { hostNetworkPorts } from './host-network-ports.ts';
import { hostLocalIpam } from './host-local-spec.ts';
import { MAX_CLUSTER_NODES, MAX_CLUSTER_PODS } from './limits.ts';

const LIMIT_WHY = "Kubernetes' documented limit for one cluster";
import { LABEL_NAME, LABEL_VALUE } from '../policy/parse-fields.ts';

/** Pod labels: keys and values as the API server accepts them (a `__proto__` key is refused, not dropped). */
const labelMap: Check<Record<string, string>> = (v, path, problems) => {
  const before = problems.length;
  const map = stringMap()(v, path, problems);
  if (map === undefined) return undefined;
  for (const [key, value] of Object.entries(map)) {
    const shown = JSON.stringify(key.length > 80 ? `${key.slice(0, 77)}...` : key);
    if (!LABEL_NAME.test(key))
      problems.push({
        path: at(path, key),
        message: `${shown} is not a valid label key: letters, digits, '-', '_' and '.', starting and ending with a letter or digit, with an optional DNS prefix and "/"`,
      });
    else if (!LABEL_VALUE.test(value))
      problems.push({
        path: at(path, key),
        message: `${JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value)} is not a valid label value: at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`,
      });
  }
  return problems.length === before ? map : undefined;
};

/** A label key to remove (`kubectl label pod web app-`). */
const labelKey: Check<string> = (v, path, problems) => {
  const key = str()(v, path, problems);
  if (key === undefined) return undefined;
  if (LABEL_NAME.test(key)) return key;
  problems.push({
    path,
    message: `${JSON.stringify(key.length > 80 ? `${key.slice(0, 77)}...` : key)} is not a valid label key`,
  });
  return undefined;
};

/** DNS-1123 subdomain, as Kubernetes requires for node and pod names. */
export const NAME_PATTERN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const name = str(NAME_PATTERN, 'a DNS-1123 name (lowercase letters, digits, "-" and ".")');
const label = str(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'a DNS-1123 label');
const text = str();
/** Any value, validated later by its own parser (a NetworkPolicy object). */
const anyJson: Check<unknown> = (v) => v;

type PortProtocol = NonNullable<ContainerPort['protocol']>;
/** The API server's `supportedPortProtocols`, in the sorted order its message lists them. */
const PORT_PROTOCOLS: readonly PortProtocol[] = ['SCTP', 'TCP', 'UDP'];

/**
 * A container port's protocol as the API server takes it: "" is defaulted to TCP
 * (`SetDefaults_ContainerPort`), anything else not listed is refused with
 * `field.NotSupported`'s words.
 */
const portProtocol: Check<PortProtocol> = (v, path, problems) => {
  const p = text(v, path, problems);
  if (p === undefined) return undefined;
  if (p === '') return 'TCP';
  if ((PORT_PROTOCOLS as readonly string[]).includes(p)) return p as PortProtocol;
  const shown = JSON.stringify(p.length > 80 ? `${p.slice(0, 77)}...` : p);
  problems.push({
    path,
    message: `Unsupported value: ${shown}: supported values: ${PORT_PROTOCOLS.map((x) => `"${x}"`).join(', ')}`,
  });
  return undefined;
};

const containerPort = object({
  containerPort: req(int(1, 65535)),
  protocol: opt(portProtocol),
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
  labels: opt(labelMap),
  containers: opt(arrayOf(container)),
  hostNetwork: opt(bool),
};
const pod: Check<PodSpec> = hostNetworkPorts(object(podFields));
const node: Check<NodeSpec> = object({ name: req(name), ip: opt(text), ipam: opt(hostLocalIpam) });

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
    ipam: opt(hostLocalIpam),
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

/**
 * A union discriminated on `key`: not an object, or no `key`, is said as such (never
 * "got undefined"); then the variant's own checks, unknown fields included.
 */
function union<T>(key: string, variants: Readonly<Record<string, Check<T>>>, example: string): Check<T> {
  const kinds = Object.keys(variants);
  const list = kinds.map((x) => `"${x}"`).join(', ');
  return (v, path, problems) => {
    if (!isRecord(v)) {
      problems.push({ path, message: `expected an object like ${example}, got ${describe(v)}` });
      return undefined;
    }
    if (!Object.hasOwn(v, key) || v[key] === undefined) {
      problems.push({ path: at(path, key), message: `is required: one of ${list}` });
      return undefined;
    }
    const kind = oneOf(kinds)(v[key], at(path, key), problems);
    const variant = kind === undefined ? undefined : variants[kind];
    return variant === undefined ? undefined : variant(v, path, problems);
  };
}

const network: Check<NetworkSpec> = union('plugin', networks, '{ "plugin": "flannel" }');

const clusterSpec: Check<ClusterSpec> = object({
  clusterCIDR: opt(text),
  nodeCIDRMaskSize: opt(int(1, 32)),
  serviceCIDR: opt(text),
  underlayCIDR: opt(text),
  network: opt(network),
  nodes: opt(arrayOf(node, { max: MAX_CLUSTER_NODES, what: 'nodes', why: LIMIT_WHY })),
  pods: opt(arrayOf(pod, { max: MAX_CLUSTER_PODS, what: 'pods', why: LIMIT_WHY })),
  namespaces: opt(arrayOf(object({ name: req(label), labels: opt(labelMap) }))),
});

const commands: Record<Command['type'], Check<Command>> = {
  addNode: object({
    type: req(oneOf(['addNode'] as const)),
    name: req(name),
    ip: opt(text),
    ipam: opt(hostLocalIpam),
  }),
  removeNode: object({ type: req(oneOf(['removeNode'] as const)), name: req(name) }),
  schedulePod: hostNetworkPorts(object({ type: req(oneOf(['schedulePod'] as const)), ...podFields })),
  deletePod: object({ type: req(oneOf(['deletePod'] as const)), name: req(text), namespace: opt(label) }),
  createNamespace: object({
    type: req(oneOf(['createNamespace'] as const)),
    name: req(label),
    labels: opt(labelMap),
  }),
  labelNamespace: object({
    type: req(oneOf(['labelNamespace'] as const)),
    name: req(label),
    labels: opt(labelMap),
    remove: opt(arrayOf(labelKey)),
    overwrite: opt(bool),
  }),
  labelPod: object({
    type: req(oneOf(['labelPod'] as const)),
    name: req(text),
    namespace: opt(label),
    labels: opt(labelMap),
    remove: opt(arrayOf(labelKey)),
    overwrite: opt(bool),
  }),
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
    protocol: req(oneOf(['icmp', 'tcp', 'udp', 'sctp'] as const)),
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

const fullCommand: Check<Command> = union('type', commands, '{ "type": "addNode", "name": "node-3" }');

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
