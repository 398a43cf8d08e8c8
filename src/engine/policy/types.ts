/**
 * NetworkPolicy (networking.k8s.io/v1) as plain data, after parsing and defaulting:
 * the same shape as the Kubernetes object, with every optional list present (possibly
 * empty), `protocol` defaulted to TCP and `policyTypes` defaulted as the API server does.
 */

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  readonly values: readonly string[];
}

/** A metav1.LabelSelector. Both parts empty selects everything. */
export interface LabelSelector {
  readonly matchLabels: Readonly<Record<string, string>>;
  readonly matchExpressions: readonly LabelSelectorRequirement[];
}

export interface IpBlock {
  readonly cidr: string;
  readonly except: readonly string[];
}

/** One entry of `from` / `to`: podSelector, namespaceSelector, both (AND), or ipBlock alone. */
export interface NetworkPolicyPeer {
  readonly podSelector?: LabelSelector;
  readonly namespaceSelector?: LabelSelector;
  readonly ipBlock?: IpBlock;
}

export type PolicyProtocol = 'TCP' | 'UDP' | 'SCTP';

/** `port` is a number or a named container port; absent means every port of `protocol`. */
export interface NetworkPolicyPort {
  readonly protocol: PolicyProtocol;
  readonly port?: number | string;
  readonly endPort?: number;
}

/** An ingress rule. Empty `from` matches every source; empty `ports` matches every port. */
export interface NetworkPolicyIngressRule {
  readonly from: readonly NetworkPolicyPeer[];
  readonly ports: readonly NetworkPolicyPort[];
}

/** An egress rule. Empty `to` matches every destination; empty `ports` matches every port. */
export interface NetworkPolicyEgressRule {
  readonly to: readonly NetworkPolicyPeer[];
  readonly ports: readonly NetworkPolicyPort[];
}

export type PolicyType = 'Ingress' | 'Egress';

export interface NetworkPolicy {
  readonly apiVersion: 'networking.k8s.io/v1';
  readonly kind: 'NetworkPolicy';
  readonly metadata: { readonly name: string; readonly namespace: string };
  readonly spec: {
    readonly podSelector: LabelSelector;
    readonly policyTypes: readonly PolicyType[];
    readonly ingress: readonly NetworkPolicyIngressRule[];
    readonly egress: readonly NetworkPolicyEgressRule[];
  };
}

/** A validation problem: `path` as Kubernetes prints it, e.g. `spec.ingress[0].from[1].ipBlock.cidr`. */
export interface PolicyProblem {
  readonly path: string;
  readonly message: string;
}

export type ParsePolicyResult =
  | { readonly ok: true; readonly value: NetworkPolicy }
  | { readonly ok: false; readonly problems: readonly PolicyProblem[] };

/** The key a policy is stored under: `namespace/name`. */
export function policyKey(policy: NetworkPolicy): string {
  return `${policy.metadata.namespace}/${policy.metadata.name}`;
}
