/** The API server's check of a hostNetwork pod's ports. */
import type { PodSpec } from '../state/types.ts';
import { at, type Check } from './validate.ts';

/**
 * `validateHostNetwork` (kubernetes `pkg/apis/core/validation/validation.go`): in a Pod with
 * `hostNetwork`, each container port's hostPort (defaulted to its containerPort when unset,
 * `state/host-network.ts`) must equal its containerPort. Wraps the pod's own check.
 */
export function hostNetworkPorts<T extends Pick<PodSpec, 'hostNetwork' | 'containers'>>(
  check: Check<T>,
): Check<T> {
  return (v, path, problems) => {
    const spec = check(v, path, problems);
    if (spec?.hostNetwork !== true) return spec;
    const before = problems.length;
    for (const [ci, c] of (spec.containers ?? []).entries())
      for (const [pi, p] of (c.ports ?? []).entries())
        if (p.hostPort !== undefined && p.hostPort !== p.containerPort)
          problems.push({
            path: at(at(at(at(at(path, 'containers'), ci), 'ports'), pi), 'hostPort'),
            message: `Invalid value: ${p.hostPort}: must match \`containerPort\` when \`hostNetwork\` is true`,
          });
    return problems.length === before ? spec : undefined;
  };
}
