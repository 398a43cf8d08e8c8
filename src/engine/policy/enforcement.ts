/** Which network plugins enforce NetworkPolicy. */

/** The plugins the simulator models. */
export type PolicyPluginName = 'calico' | 'weave' | 'flannel' | 'bridge';

/**
 * Whether a plugin enforces NetworkPolicy. Calico (Felix) and Weave Net (weave-npc) do;
 * flannel and the plain CNI bridge do not: the API server accepts the policy and it has no
 * effect, exactly as in a real flannel cluster.
 */
export const POLICY_ENFORCEMENT: Readonly<Record<PolicyPluginName, boolean>> = {
  calico: true,
  weave: true,
  flannel: false,
  bridge: false,
};

/** True when `plugin` enforces NetworkPolicy; unknown plugins (ptp, macvlan…) do not. */
export function enforcesPolicies(plugin: string): boolean {
  return Object.hasOwn(POLICY_ENFORCEMENT, plugin) && POLICY_ENFORCEMENT[plugin as PolicyPluginName];
}

/** What to tell a student whose policy is stored but not enforced. */
export function nonEnforcementNote(plugin: string): string {
  return `${plugin} does not enforce NetworkPolicy: the policy was accepted by the API server and has no effect on traffic`;
}
