/**
 * applyNetworkPolicy / deleteNetworkPolicy: the API server side. The policy is validated and
 * stored whatever the plugin; only Calico and Weave enforce it (the tracer shows the effect).
 */
import { dict, own } from '../util/dict.ts';
import { parseNetworkPolicy } from '../policy/parse-network-policy.ts';
import { policyKey } from '../policy/types.ts';
import { engineError, type EngineError } from '../spec/result.ts';
import type { Tx } from '../cluster/tx.ts';

/** `kubectl apply -f policy.json`: creates or replaces `namespace/name`. */
export function applyNetworkPolicy(tx: Tx, input: unknown): EngineError | null {
  const parsed = parseNetworkPolicy(input);
  if (!parsed.ok) {
    const first = parsed.problems[0];
    return engineError(
      'invalid-policy',
      parsed.problems.map((p) => (p.path === '' ? p.message : `${p.path}: ${p.message}`)).join('; '),
      first === undefined || first.path === '' ? 'policy' : `policy.${first.path}`,
    );
  }
  const next = dict(tx.state.policies);
  next[policyKey(parsed.value)] = parsed.value;
  tx.state.policies = next;
  return null;
}

/** `kubectl delete networkpolicy NAME -n NAMESPACE`. */
export function deleteNetworkPolicy(tx: Tx, name: string, namespace: string | undefined): EngineError | null {
  const key = name.includes('/') ? name : `${namespace ?? 'default'}/${name}`;
  if (own(tx.state.policies, key) === undefined)
    return engineError('unknown-policy', `no NetworkPolicy "${key}" in the cluster`, 'name');
  const next = dict(tx.state.policies);
  delete next[key];
  tx.state.policies = next;
  return null;
}
