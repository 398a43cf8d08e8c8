/**
 * NetworkPolicy evaluation for one flow, as Kubernetes defines it: a pod selected by any
 * policy for a direction is isolated (default-deny) for that direction, and a connection is
 * allowed when any rule of any selecting policy allows it. Egress is checked at the source
 * pod, ingress at the destination pod; both must allow. Policies are additive: none denies.
 */
import { contains, parseCidr } from '../net/ipv4.ts';
import { NAMESPACE_NAME_LABEL, matchesSelector } from './selector.ts';
import {
  policyKey,
  type NetworkPolicy,
  type NetworkPolicyPeer,
  type NetworkPolicyPort,
  type PolicyProtocol,
  type PolicyType,
} from './types.ts';

/** A container port a pod declares; named ports resolve through these. */
export interface ContainerPort {
  readonly name?: string;
  readonly containerPort: number;
  readonly protocol: PolicyProtocol;
}

/** A pod taking part in a flow. `ip` is a uint32. */
export interface PolicyPodEndpoint {
  readonly kind: 'pod';
  readonly name: string;
  readonly namespace: string;
  readonly ip: number;
  readonly labels: Readonly<Record<string, string>>;
  /** The namespace's labels; `kubernetes.io/metadata.name` is added automatically. */
  readonly namespaceLabels: Readonly<Record<string, string>>;
  readonly containerPorts: readonly ContainerPort[];
}

/** Anything that is not a pod: an address outside the cluster, or a node (host network). */
export interface PolicyExternalEndpoint {
  readonly kind: 'external';
  readonly ip: number;
  /** How to name it in a reason, e.g. `8.8.8.8` or `node/node-1`. */
  readonly label: string;
}

export type PolicyEndpoint = PolicyPodEndpoint | PolicyExternalEndpoint;

/** One connection attempt. `port` is required for TCP/UDP/SCTP and ignored for ICMP. */
export interface PolicyFlow {
  readonly source: PolicyEndpoint;
  readonly destination: PolicyEndpoint;
  readonly protocol: 'tcp' | 'udp' | 'sctp' | 'icmp';
  readonly port?: number;
}

/** The verdict for one direction. `decidedBy` holds policy keys (`namespace/name`). */
export interface DirectionVerdict {
  readonly verdict: 'allow' | 'deny';
  readonly isolated: boolean;
  readonly decidedBy: readonly string[];
  readonly reason: string;
}

export interface PolicyEvaluation {
  /** `allow` only when both directions allow. */
  readonly verdict: 'allow' | 'deny';
  readonly egress: DirectionVerdict;
  readonly ingress: DirectionVerdict;
}

function describeEndpoint(e: PolicyEndpoint): string {
  return e.kind === 'pod' ? `${e.namespace}/${e.name}` : e.label;
}

function describeTraffic(flow: PolicyFlow): string {
  return flow.protocol === 'icmp' ? 'icmp' : `${flow.protocol}/${flow.port ?? '?'}`;
}

function inIpBlock(cidr: string, except: readonly string[], ip: number): boolean {
  const block = parseCidr(cidr);
  if (!block || !contains(block, ip)) return false;
  return !except.some((e) => {
    const ex = parseCidr(e);
    return ex !== null && contains(ex, ip);
  });
}

/**
 * Does a peer match an endpoint? A selector peer matches only pods (podSelector alone: the
 * policy's namespace; namespaceSelector alone: every pod of the matching namespaces; both:
 * AND). An ipBlock matches by address, cluster-external or pod IP alike (as Calico and Weave
 * apply it; Kubernetes advises using it for cluster-external addresses).
 */
function peerMatches(peer: NetworkPolicyPeer, policyNamespace: string, e: PolicyEndpoint): boolean {
  if (peer.ipBlock) return inIpBlock(peer.ipBlock.cidr, peer.ipBlock.except, e.ip);
  if (e.kind !== 'pod') return false;
  if (peer.namespaceSelector) {
    const nsLabels = { ...e.namespaceLabels, [NAMESPACE_NAME_LABEL]: e.namespace };
    if (!matchesSelector(peer.namespaceSelector, nsLabels)) return false;
  } else if (e.namespace !== policyNamespace) return false;
  return peer.podSelector ? matchesSelector(peer.podSelector, e.labels) : true;
}

function portMatches(rulePort: NetworkPolicyPort, flow: PolicyFlow): boolean {
  if (
    flow.protocol === 'icmp' ||
    rulePort.protocol.toLowerCase() !== flow.protocol ||
    flow.port === undefined
  )
    return false;
  const { port } = rulePort;
  if (port === undefined) return true;
  if (typeof port === 'number') return flow.port >= port && flow.port <= (rulePort.endPort ?? port);
  const dst = flow.destination;
  if (dst.kind !== 'pod') return false;
  return dst.containerPorts.some(
    (cp) => cp.name === port && cp.protocol === rulePort.protocol && cp.containerPort === flow.port,
  );
}

function ruleAllows(
  peers: readonly NetworkPolicyPeer[],
  ports: readonly NetworkPolicyPort[],
  ns: string,
  peer: PolicyEndpoint,
  flow: PolicyFlow,
): boolean {
  const peerOk = peers.length === 0 || peers.some((p) => peerMatches(p, ns, peer));
  const portOk = ports.length === 0 || ports.some((p) => portMatches(p, flow));
  return peerOk && portOk;
}

/** The policies that select `pod` for `direction` (same namespace, podSelector matches, policyTypes lists it). */
export function selectingPolicies(
  policies: readonly NetworkPolicy[],
  pod: PolicyPodEndpoint,
  direction: PolicyType,
): NetworkPolicy[] {
  return policies.filter(
    (p) =>
      p.metadata.namespace === pod.namespace &&
      p.spec.policyTypes.includes(direction) &&
      matchesSelector(p.spec.podSelector, pod.labels),
  );
}

function byPolicies(keys: readonly string[]): string {
  return `${keys.length === 1 ? 'policy' : 'policies'} ${keys.join(', ')}`;
}

function evaluateDirection(
  policies: readonly NetworkPolicy[],
  flow: PolicyFlow,
  direction: PolicyType,
): DirectionVerdict {
  const isIngress = direction === 'Ingress';
  const self = isIngress ? flow.destination : flow.source;
  const other = isIngress ? flow.source : flow.destination;
  const dir = isIngress ? 'ingress' : 'egress';
  const fromTo = isIngress ? 'from' : 'to';
  const traffic = `${describeTraffic(flow)} ${fromTo} ${describeEndpoint(other)}`;
  if (self.kind !== 'pod') {
    return {
      verdict: 'allow',
      isolated: false,
      decidedBy: [],
      reason: `allowed: ${self.label} is not a pod, so no NetworkPolicy applies to its ${dir}`,
    };
  }
  const selecting = selectingPolicies(policies, self, direction);
  if (selecting.length === 0) {
    return {
      verdict: 'allow',
      isolated: false,
      decidedBy: [],
      reason: `allowed: no NetworkPolicy selects pod ${self.name} for ${dir}, so all ${dir} is allowed`,
    };
  }
  const allowing = selecting.filter((p) =>
    isIngress
      ? p.spec.ingress.some((r) => ruleAllows(r.from, r.ports, p.metadata.namespace, other, flow))
      : p.spec.egress.some((r) => ruleAllows(r.to, r.ports, p.metadata.namespace, other, flow)),
  );
  if (allowing.length > 0) {
    const keys = allowing.map(policyKey);
    return {
      verdict: 'allow',
      isolated: true,
      decidedBy: keys,
      reason: `allowed by ${byPolicies(keys)}: pod ${self.name} is isolated for ${dir}, and a rule allows ${traffic}`,
    };
  }
  const keys = selecting.map(policyKey);
  return {
    verdict: 'deny',
    isolated: true,
    decidedBy: keys,
    reason: `denied by default: pod ${self.name} is isolated for ${dir} by ${byPolicies(keys)} and no rule allows ${traffic}`,
  };
}

/**
 * Evaluates every policy for a flow: egress at the source pod, ingress at the destination
 * pod. A policy that selects neither pod changes nothing. Only enforcing plugins should act
 * on the verdict (see `enforcesPolicies`).
 */
export function evaluatePolicies(policies: readonly NetworkPolicy[], flow: PolicyFlow): PolicyEvaluation {
  const egress = evaluateDirection(policies, flow, 'Egress');
  const ingress = evaluateDirection(policies, flow, 'Ingress');
  return {
    verdict: egress.verdict === 'allow' && ingress.verdict === 'allow' ? 'allow' : 'deny',
    egress,
    ingress,
  };
}
