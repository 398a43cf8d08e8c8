/**
 * How lessons name things: pods (`web`, `pod/web`, `team-a/web`), nodes (`node-1`,
 * `node/node-1`) and trace endpoints (a pod, `node/NAME` or an IPv4 address).
 */
import { Address4 } from 'ip-address/dist/ipv4.js';

export const DEFAULT_NAMESPACE = 'default';

/** A trace endpoint or a goal's pod/node reference, resolved to its kind. */
export type EndpointRef =
  | { readonly kind: 'pod'; readonly namespace: string | null; readonly name: string }
  | { readonly kind: 'node'; readonly name: string }
  | { readonly kind: 'ip'; readonly ip: string };

/** True for a dotted-quad IPv4 address without a prefix length. */
export function isIpv4(text: string): boolean {
  return !text.includes('/') && Address4.isValid(text);
}

/** Parses `web`, `pod/web`, `pod/ns/web`, `ns/web`, `node/node-1` or an IPv4 address. */
export function parseEndpointRef(ref: string): EndpointRef {
  const text = ref.trim();
  if (text.startsWith('node/')) return { kind: 'node', name: text.slice('node/'.length) };
  if (isIpv4(text)) return { kind: 'ip', ip: text };
  const bare = text.startsWith('pod/') ? text.slice('pod/'.length) : text;
  const slash = bare.indexOf('/');
  if (slash < 0) return { kind: 'pod', namespace: null, name: bare };
  return { kind: 'pod', namespace: bare.slice(0, slash), name: bare.slice(slash + 1) };
}

/** Finds a pod by reference among records keyed `namespace/name`; a bare name prefers `default`. */
export function findPodByRef<P extends { readonly name: string }>(
  pods: Readonly<Record<string, P>>,
  ref: string,
): P | undefined {
  const parsed = parseEndpointRef(ref);
  if (parsed.kind !== 'pod') return undefined;
  if (parsed.namespace !== null) return pods[`${parsed.namespace}/${parsed.name}`];
  const inDefault = pods[`${DEFAULT_NAMESPACE}/${parsed.name}`];
  if (inDefault) return inDefault;
  const matches = Object.values(pods).filter((p) => p.name === parsed.name);
  return matches.length === 1 ? matches[0] : undefined;
}
