import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseIpv4 } from '../net/ipv4.ts';
import { enforcesPolicies } from './enforcement.ts';
import {
  evaluatePolicies,
  type PolicyEndpoint,
  type PolicyFlow,
  type PolicyPodEndpoint,
} from './evaluate-policies.ts';
import { parseNetworkPolicy } from './parse-network-policy.ts';
import { matchesSelector } from './selector.ts';
import type { NetworkPolicy } from './types.ts';

function policy(name: string, spec: unknown, namespace = 'default'): NetworkPolicy {
  const r = parseNetworkPolicy({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace },
    spec,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}
function pod(
  name: string,
  ip: string,
  labels: Record<string, string>,
  namespace = 'default',
  nsLabels: Record<string, string> = {},
): PolicyPodEndpoint {
  return {
    kind: 'pod',
    name,
    namespace,
    ip: parseIpv4(ip)!,
    labels,
    namespaceLabels: nsLabels,
    containerPorts: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
  };
}
const web = pod('web', '10.244.2.3', { app: 'web' });
const client = pod('client', '10.244.1.2', { role: 'client' });
const other = pod('other', '10.244.1.9', { role: 'client' }, 'team-b', { team: 'b' });
const external: PolicyEndpoint = { kind: 'external', ip: parseIpv4('8.8.8.8')!, label: '8.8.8.8' };
const tcp = (source: PolicyEndpoint, destination: PolicyEndpoint, port: number): PolicyFlow => ({
  source,
  destination,
  protocol: 'tcp',
  port,
});

const denyAll = policy('deny-all', { podSelector: {} });
const allowClient = policy('allow-client', {
  podSelector: { matchLabels: { app: 'web' } },
  ingress: [{ from: [{ podSelector: { matchLabels: { role: 'client' } } }], ports: [{ port: 80 }] }],
});

describe('evaluatePolicies', () => {
  it('allows everything with no policies', () => {
    const r = evaluatePolicies([], tcp(client, web, 80));
    expect(r.verdict).toBe('allow');
    expect(r.ingress).toEqual({
      verdict: 'allow',
      isolated: false,
      decidedBy: [],
      reason: 'allowed: no NetworkPolicy selects pod web for ingress, so all ingress is allowed',
    });
  });
  it('denies by default once a pod is isolated, with a reason a student can read', () => {
    const r = evaluatePolicies([denyAll], tcp(client, web, 80));
    expect(r.verdict).toBe('deny');
    expect(r.ingress).toEqual({
      verdict: 'deny',
      isolated: true,
      decidedBy: ['default/deny-all'],
      reason:
        'denied by default: pod web is isolated for ingress by policy default/deny-all and no rule allows tcp/80 from default/client',
    });
    expect(r.egress.verdict).toBe('allow');
  });
  it('allows when any rule of any selecting policy allows (additive)', () => {
    const r = evaluatePolicies([denyAll, allowClient], tcp(client, web, 80));
    expect(r.ingress).toMatchObject({
      verdict: 'allow',
      isolated: true,
      decidedBy: ['default/allow-client'],
    });
    expect(r.ingress.reason).toBe(
      'allowed by policy default/allow-client: pod web is isolated for ingress, and a rule allows tcp/80 from default/client',
    );
    expect(evaluatePolicies([denyAll, allowClient], tcp(client, web, 443)).ingress.decidedBy).toEqual([
      'default/deny-all',
      'default/allow-client',
    ]);
  });
  it('scopes a bare podSelector peer to the policy namespace', () => {
    expect(evaluatePolicies([allowClient], tcp(other, web, 80)).verdict).toBe('deny');
  });
  it('namespaceSelector alone, and AND-ed with podSelector', () => {
    const nsOnly = policy('ns', {
      podSelector: {},
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'b' } } }] }],
    });
    expect(evaluatePolicies([nsOnly], tcp(other, web, 80)).verdict).toBe('allow');
    expect(evaluatePolicies([nsOnly], tcp(client, web, 80)).verdict).toBe('deny');
    const both = policy('both', {
      podSelector: {},
      ingress: [
        {
          from: [
            {
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'team-b' } },
              podSelector: { matchLabels: { role: 'admin' } },
            },
          ],
        },
      ],
    });
    expect(evaluatePolicies([both], tcp(other, web, 80)).verdict).toBe('deny');
    expect(evaluatePolicies([both], tcp({ ...other, labels: { role: 'admin' } }, web, 80)).verdict).toBe(
      'allow',
    );
  });
  it('ipBlock with except matches external and pod addresses', () => {
    const p = policy('cidr', {
      podSelector: {},
      ingress: [{ from: [{ ipBlock: { cidr: '10.244.0.0/16', except: ['10.244.1.0/24'] } }] }],
    });
    expect(evaluatePolicies([p], tcp(pod('x', '10.244.3.4', {}), web, 80)).verdict).toBe('allow');
    expect(evaluatePolicies([p], tcp(client, web, 80)).verdict).toBe('deny');
    expect(evaluatePolicies([p], tcp(external, web, 80)).verdict).toBe('deny');
    const out = policy('egress', {
      podSelector: { matchLabels: { role: 'client' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '8.8.8.0/24' } }], ports: [{ protocol: 'UDP', port: 53 }] }],
    });
    expect(
      evaluatePolicies([out], { source: client, destination: external, protocol: 'udp', port: 53 }).egress,
    ).toMatchObject({ verdict: 'allow', decidedBy: ['default/egress'] });
    const denied = evaluatePolicies([out], tcp(client, external, 443));
    expect(denied.egress.reason).toBe(
      'denied by default: pod client is isolated for egress by policy default/egress and no rule allows tcp/443 to 8.8.8.8',
    );
    expect(denied.ingress.reason).toContain('8.8.8.8 is not a pod');
  });
  it('named ports resolve on the destination pod; endPort ranges; ICMP only through port-less rules', () => {
    const named = policy('named', { podSelector: {}, ingress: [{ ports: [{ port: 'http' }] }] });
    expect(evaluatePolicies([named], tcp(client, web, 8080)).verdict).toBe('allow');
    expect(evaluatePolicies([named], tcp(client, web, 80)).verdict).toBe('deny');
    const range = policy('range', {
      podSelector: {},
      ingress: [{ ports: [{ port: 30000, endPort: 30010 }] }],
    });
    expect(evaluatePolicies([range], tcp(client, web, 30010)).verdict).toBe('allow');
    expect(evaluatePolicies([range], tcp(client, web, 30011)).verdict).toBe('deny');
    const ping: PolicyFlow = { source: client, destination: web, protocol: 'icmp' };
    expect(evaluatePolicies([range], ping).verdict).toBe('deny');
    expect(evaluatePolicies([range], ping).ingress.reason).toContain(
      'no rule allows icmp from default/client',
    );
    expect(evaluatePolicies([policy('any', { podSelector: {}, ingress: [{}] })], ping).verdict).toBe('allow');
  });
  it('a policy that selects nothing changes nothing (property)', () => {
    const noone = policy('noone', {
      podSelector: { matchLabels: { app: 'nothing-has-this' } },
      policyTypes: ['Ingress', 'Egress'],
    });
    const endpoints = [web, client, other, external];
    fc.assert(
      fc.property(
        fc.constantFrom(...endpoints),
        fc.constantFrom(...endpoints),
        fc.subarray([denyAll, allowClient]),
        fc.integer({ min: 1, max: 65535 }),
        (s, d, ps, port) => {
          const before = evaluatePolicies(ps, tcp(s, d, port));
          const after = evaluatePolicies([...ps, noone], tcp(s, d, port));
          expect(after).toEqual(before);
        },
      ),
    );
  });
});

describe('matchesSelector', () => {
  it.each([
    [{ a: '1' }, 'In', ['1', '2'], true],
    [{ a: '3' }, 'In', ['1'], false],
    [{}, 'NotIn', ['1'], true],
    [{ a: '1' }, 'NotIn', ['1'], false],
    [{ a: '' }, 'Exists', [], true],
    [{}, 'Exists', [], false],
    [{}, 'DoesNotExist', [], true],
    [{ a: 'x' }, 'DoesNotExist', [], false],
  ] as const)('%j %s %j → %s', (labels, operator, values, expected) => {
    expect(
      matchesSelector({ matchLabels: {}, matchExpressions: [{ key: 'a', operator, values }] }, labels),
    ).toBe(expected);
  });
});

describe('enforcesPolicies', () => {
  it.each([
    ['calico', true],
    ['weave', true],
    ['flannel', false],
    ['bridge', false],
    ['macvlan', false],
    ['toString', false],
  ])('%s → %s', (plugin, expected) => {
    expect(enforcesPolicies(plugin)).toBe(expected);
  });
});

describe('SCTP ports', () => {
  const amf: PolicyPodEndpoint = {
    ...pod('amf', '10.244.2.7', { app: 'amf' }),
    containerPorts: [
      { name: 'ngap', containerPort: 38412, protocol: 'SCTP' },
      { name: 'http', containerPort: 8080, protocol: 'TCP' },
    ],
  };
  const flow = (protocol: PolicyFlow['protocol'], port: number): PolicyFlow => ({
    source: client,
    destination: amf,
    protocol,
    port,
  });
  const only = (ports: unknown[]) =>
    policy('only', { podSelector: { matchLabels: { app: 'amf' } }, ingress: [{ ports }] });

  it('parses protocol SCTP and keeps it', () => {
    expect(only([{ protocol: 'SCTP', port: 38412 }]).spec.ingress[0]?.ports).toEqual([
      { protocol: 'SCTP', port: 38412 },
    ]);
  });

  it('allows SCTP only to the ports, range and named port an SCTP rule lists', () => {
    const byNumber = only([{ protocol: 'SCTP', port: 38412 }]);
    expect(evaluatePolicies([byNumber], flow('sctp', 38412)).verdict).toBe('allow');
    expect(evaluatePolicies([byNumber], flow('sctp', 38413)).verdict).toBe('deny');
    expect(evaluatePolicies([byNumber], flow('tcp', 38412)).verdict).toBe('deny');
    expect(evaluatePolicies([byNumber], flow('udp', 38412)).verdict).toBe('deny');
    const range = only([{ protocol: 'SCTP', port: 38400, endPort: 38420 }]);
    expect(evaluatePolicies([range], flow('sctp', 38412)).verdict).toBe('allow');
    expect(evaluatePolicies([range], flow('sctp', 38421)).verdict).toBe('deny');
    const named = only([{ protocol: 'SCTP', port: 'ngap' }]);
    expect(evaluatePolicies([named], flow('sctp', 38412)).verdict).toBe('allow');
    // The named port resolves only with its own protocol: "http" is a TCP port.
    expect(evaluatePolicies([only([{ protocol: 'SCTP', port: 'http' }])], flow('sctp', 8080)).verdict).toBe(
      'deny',
    );
    // Every SCTP port when the rule names the protocol alone.
    expect(evaluatePolicies([only([{ protocol: 'SCTP' }])], flow('sctp', 1)).verdict).toBe('allow');
  });

  it('does not let SCTP through a rule whose ports are TCP (the default)', () => {
    const tcpOnly = only([{ port: 38412 }]);
    const r = evaluatePolicies([tcpOnly], flow('sctp', 38412));
    expect(r.verdict).toBe('deny');
    expect(r.ingress.reason).toContain('no rule allows sctp/38412 from default/client');
  });
});
