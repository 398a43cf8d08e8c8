/** Parses a NetworkPolicy object (networking.k8s.io/v1) from untrusted JSON into `NetworkPolicy`. */
import { isRecord } from '../util/json.ts';
import {
  checkKnownFields,
  parsePeer,
  parsePort,
  parseSelector,
  readList,
  type Problems,
} from './parse-fields.ts';
import type {
  NetworkPolicy,
  NetworkPolicyEgressRule,
  NetworkPolicyIngressRule,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  ParsePolicyResult,
  PolicyType,
} from './types.ts';

const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function parseRules<T>(
  value: unknown,
  path: string,
  peersKey: 'from' | 'to',
  build: (peers: NetworkPolicyPeer[], ports: NetworkPolicyPort[]) => T,
  problems: Problems,
): T[] {
  return readList(value, path, problems).flatMap((rule, i) => {
    const p = `${path}[${i}]`;
    if (!isRecord(rule)) return (problems.push({ path: p, message: 'Invalid value: must be an object' }), []);
    checkKnownFields(rule, [peersKey, 'ports'], p, problems);
    const peers = readList(rule[peersKey], `${p}.${peersKey}`, problems)
      .map((peer, j) => parsePeer(peer, `${p}.${peersKey}[${j}]`, problems))
      .filter((peer): peer is NetworkPolicyPeer => peer !== null);
    const ports = readList(rule['ports'], `${p}.ports`, problems)
      .map((port, j) => parsePort(port, `${p}.ports[${j}]`, problems))
      .filter((port): port is NetworkPolicyPort => port !== null);
    return [build(peers, ports)];
  });
}

/**
 * Validates and defaults a NetworkPolicy the way the API server does:
 * `metadata.namespace` defaults to `default` (as kubectl would send it), `protocol` to TCP,
 * and absent `policyTypes` to `["Ingress"]` plus `"Egress"` when `spec.egress` has rules.
 * Unknown fields are reported, as kubectl's strict field validation does.
 * Returns every problem found, each with its path, e.g. `spec.ingress[0].ports[0].port`.
 */
export function parseNetworkPolicy(input: unknown): ParsePolicyResult {
  const problems: Problems = [];
  if (!isRecord(input))
    return { ok: false, problems: [{ path: '', message: 'a NetworkPolicy must be a JSON object' }] };
  checkKnownFields(input, ['apiVersion', 'kind', 'metadata', 'spec'], '', problems);
  if (input['apiVersion'] !== 'networking.k8s.io/v1') {
    problems.push({
      path: 'apiVersion',
      message: `Unsupported value: ${JSON.stringify(input['apiVersion'])}: supported values: "networking.k8s.io/v1"`,
    });
  }
  if (input['kind'] !== 'NetworkPolicy') {
    problems.push({
      path: 'kind',
      message: `Unsupported value: ${JSON.stringify(input['kind'])}: supported values: "NetworkPolicy"`,
    });
  }

  const metadata = input['metadata'];
  let name = '';
  let namespace = 'default';
  if (!isRecord(metadata)) problems.push({ path: 'metadata', message: 'Required value' });
  else {
    const n = metadata['name'];
    if (typeof n !== 'string' || n === '')
      problems.push({ path: 'metadata.name', message: 'Required value: name is required' });
    else if (!DNS_SUBDOMAIN.test(n)) {
      problems.push({
        path: 'metadata.name',
        message: `Invalid value: "${n}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
      });
    } else name = n;
    const ns = metadata['namespace'];
    if (typeof ns === 'string' && ns !== '') {
      if (!DNS_LABEL.test(ns))
        problems.push({
          path: 'metadata.namespace',
          message: `Invalid value: "${ns}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'`,
        });
      else namespace = ns;
    } else if (ns !== undefined)
      problems.push({ path: 'metadata.namespace', message: 'Invalid value: must be a non-empty string' });
  }

  const spec = input['spec'];
  if (!isRecord(spec)) {
    problems.push({ path: 'spec', message: 'Required value' });
    return { ok: false, problems };
  }
  checkKnownFields(spec, ['podSelector', 'policyTypes', 'ingress', 'egress'], 'spec', problems);
  const podSelector = parseSelector(spec['podSelector'], 'spec.podSelector', problems);
  const ingress = parseRules<NetworkPolicyIngressRule>(
    spec['ingress'],
    'spec.ingress',
    'from',
    (from, ports) => ({ from, ports }),
    problems,
  );
  const egress = parseRules<NetworkPolicyEgressRule>(
    spec['egress'],
    'spec.egress',
    'to',
    (to, ports) => ({ to, ports }),
    problems,
  );

  const rawTypes = readList(spec['policyTypes'], 'spec.policyTypes', problems);
  const policyTypes: PolicyType[] = [];
  rawTypes.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') {
      problems.push({
        path: `spec.policyTypes[${i}]`,
        message: `Unsupported value: ${JSON.stringify(t)}: supported values: "Ingress", "Egress"`,
      });
    } else if (policyTypes.includes(t))
      problems.push({ path: `spec.policyTypes[${i}]`, message: `Duplicate value: "${t}"` });
    else policyTypes.push(t);
  });
  if (rawTypes.length === 0) {
    policyTypes.push('Ingress');
    if (egress.length > 0) policyTypes.push('Egress');
  }

  if (problems.length > 0 || !podSelector) return { ok: false, problems };
  const value: NetworkPolicy = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace },
    spec: { podSelector, policyTypes, ingress, egress },
  };
  return { ok: true, value };
}
