/** kubectl's resource names, its NotFound message and how it reads `TYPE NAME` and `TYPE/NAME`. */
import type { ClusterState, PodState } from '../engine/index.ts';
import type { KubectlArgs } from './kubectl-flags.ts';

export type Resource = 'pods' | 'nodes' | 'networkpolicies' | 'events' | 'namespaces';
export const RESOURCES: Record<string, Resource> = {
  po: 'pods',
  pod: 'pods',
  pods: 'pods',
  no: 'nodes',
  node: 'nodes',
  nodes: 'nodes',
  netpol: 'networkpolicies',
  networkpolicy: 'networkpolicies',
  networkpolicies: 'networkpolicies',
  'networkpolicy.networking.k8s.io': 'networkpolicies',
  'networkpolicies.networking.k8s.io': 'networkpolicies',
  ns: 'namespaces',
  namespace: 'namespaces',
  namespaces: 'namespaces',
  ev: 'events',
  event: 'events',
  events: 'events',
};
export const API_NAME: Record<Resource, string> = {
  pods: 'pods',
  nodes: 'nodes',
  networkpolicies: 'networkpolicies.networking.k8s.io',
  events: 'events',
  namespaces: 'namespaces',
};
export const SINGULAR: Record<Resource, string> = {
  pods: 'pod',
  nodes: 'node',
  networkpolicies: 'networkpolicy.networking.k8s.io',
  events: 'event',
  namespaces: 'namespace',
};

export const notFound = (r: Resource, name: string): string =>
  `Error from server (NotFound): ${API_NAME[r]} "${name}" not found`;

/** The namespace a command acts in (`-n`, else default). */
export function namespaceOf(a: KubectlArgs): string {
  return a.flags['namespace'] ?? 'default';
}

/** Splits `pod/a` and `pods a b` forms into a resource and names. */
export function target(
  positional: readonly string[],
): { resource: Resource; names: string[] } | { error: string } {
  const first = positional[0];
  if (first === undefined)
    return {
      error:
        'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples',
    };
  if (first.includes('/')) {
    const names: string[] = [];
    let resource: Resource | undefined;
    for (const p of positional) {
      const [t, n] = [p.slice(0, p.indexOf('/')), p.slice(p.indexOf('/') + 1)];
      const r = RESOURCES[t];
      if (r === undefined) return { error: `error: the server doesn't have a resource type "${t}"` };
      resource = r;
      names.push(n);
    }
    return { resource: resource ?? 'pods', names };
  }
  const r = Object.hasOwn(RESOURCES, first) ? RESOURCES[first] : undefined;
  if (r === undefined) return { error: `error: the server doesn't have a resource type "${first}"` };
  return { resource: r, names: positional.slice(1) };
}

/** The pod `ns/name`, as `kubectl get pod NAME -n NS` finds it. */
export function podByName(state: ClusterState, ns: string, name: string): PodState | undefined {
  const key = `${ns}/${name}`;
  return Object.hasOwn(state.pods, key) ? state.pods[key] : undefined;
}
