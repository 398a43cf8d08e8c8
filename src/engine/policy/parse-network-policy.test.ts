import { describe, expect, it } from 'vitest';
import { parseNetworkPolicy } from './parse-network-policy.ts';
import { policyKey } from './types.ts';

const base = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'deny-all', namespace: 'default' },
};

describe('parseNetworkPolicy', () => {
  it('defaults policyTypes to Ingress for a deny-all', () => {
    const r = parseNetworkPolicy({ ...base, spec: { podSelector: {} } });
    expect(r).toEqual({
      ok: true,
      value: {
        ...base,
        spec: {
          podSelector: { matchLabels: {}, matchExpressions: [] },
          policyTypes: ['Ingress'],
          ingress: [],
          egress: [],
        },
      },
    });
    if (r.ok) expect(policyKey(r.value)).toBe('default/deny-all');
  });
  it('adds Egress only when egress rules are present', () => {
    const withEgress = parseNetworkPolicy({ ...base, spec: { podSelector: {}, egress: [{}] } });
    expect(withEgress.ok && withEgress.value.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    const emptyEgress = parseNetworkPolicy({ ...base, spec: { podSelector: {}, egress: [] } });
    expect(emptyEgress.ok && emptyEgress.value.spec.policyTypes).toEqual(['Ingress']);
    const explicit = parseNetworkPolicy({ ...base, spec: { podSelector: {}, policyTypes: ['Egress'] } });
    expect(explicit.ok && explicit.value.spec.policyTypes).toEqual(['Egress']);
  });
  it('defaults the namespace and the protocol', () => {
    const r = parseNetworkPolicy({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'web' },
      spec: {
        podSelector: { matchLabels: { app: 'web' } },
        ingress: [
          {
            from: [
              {
                podSelector: { matchLabels: { role: 'client' } },
                namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'In', values: ['a'] }] },
              },
              { ipBlock: { cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] } },
            ],
            ports: [{ port: 80 }, { protocol: 'UDP', port: 'dns' }, { port: 32000, endPort: 32768 }],
          },
        ],
      },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.metadata.namespace).toBe('default');
    expect(r.value.spec.ingress[0]?.ports).toEqual([
      { protocol: 'TCP', port: 80 },
      { protocol: 'UDP', port: 'dns' },
      { protocol: 'TCP', port: 32000, endPort: 32768 },
    ]);
    expect(r.value.spec.ingress[0]?.from[1]).toEqual({
      ipBlock: { cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] },
    });
  });

  it.each([
    [{ ...base, apiVersion: 'v1', spec: {} }, 'apiVersion', 'Unsupported value: "v1"'],
    [{ ...base, kind: 'Policy', spec: {} }, 'kind', 'Unsupported value'],
    [{ ...base, metadata: {}, spec: {} }, 'metadata.name', 'Required value'],
    [{ ...base, metadata: { name: 'Web_1' }, spec: {} }, 'metadata.name', 'RFC 1123'],
    [{ ...base }, 'spec', 'Required value'],
    [{ ...base, spec: { podSelector: {}, ingres: [] } }, 'spec.ingres', 'unknown field "ingres"'],
    [
      { ...base, spec: { podSelector: {}, policyTypes: ['ingress'] } },
      'spec.policyTypes[0]',
      'supported values: "Ingress", "Egress"',
    ],
    [
      { ...base, spec: { podSelector: { matchExpressions: [{ key: 'a', operator: 'In' }] } } },
      'spec.podSelector.matchExpressions[0].values',
      'Required value',
    ],
    [
      {
        ...base,
        spec: { podSelector: { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] } },
      },
      'spec.podSelector.matchExpressions[0].values',
      'Forbidden',
    ],
    [
      {
        ...base,
        spec: { podSelector: { matchExpressions: [{ key: 'a', operator: 'Equals', values: ['x'] }] } },
      },
      'spec.podSelector.matchExpressions[0].operator',
      'Invalid value: "Equals": not a valid selector operator',
    ],
    [
      { ...base, spec: { podSelector: {}, ingress: [{ from: [{}] }] } },
      'spec.ingress[0].from[0]',
      'must specify a peer',
    ],
    [
      {
        ...base,
        spec: {
          podSelector: {},
          ingress: [{ from: [{ podSelector: {}, ipBlock: { cidr: '10.0.0.0/8' } }] }],
        },
      },
      'spec.ingress[0].from[0]',
      'may not specify both ipBlock and another peer',
    ],
    [
      { ...base, spec: { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/33' } }] }] } },
      'spec.egress[0].to[0].ipBlock.cidr',
      'must be a valid CIDR',
    ],
    [
      {
        ...base,
        spec: {
          podSelector: {},
          egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['11.0.0.0/16'] } }] }],
        },
      },
      'spec.egress[0].to[0].ipBlock.except[0]',
      'strict subset',
    ],
    [
      {
        ...base,
        spec: {
          podSelector: {},
          egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.0.0.0/8'] } }] }],
        },
      },
      'spec.egress[0].to[0].ipBlock.except[0]',
      'strict subset',
    ],
    [
      { ...base, spec: { podSelector: {}, ingress: [{ ports: [{ protocol: 'ICMP' }] }] } },
      'spec.ingress[0].ports[0].protocol',
      'supported values: "SCTP", "TCP", "UDP"',
    ],
    [
      { ...base, spec: { podSelector: {}, ingress: [{ ports: [{ port: 70000 }] }] } },
      'spec.ingress[0].ports[0].port',
      'between 1 and 65535',
    ],
    [
      { ...base, spec: { podSelector: {}, ingress: [{ ports: [{ port: 'HTTP' }] }] } },
      'spec.ingress[0].ports[0].port',
      'named port',
    ],
    [
      { ...base, spec: { podSelector: {}, ingress: [{ ports: [{ port: 'http', endPort: 90 }] }] } },
      'spec.ingress[0].ports[0].endPort',
      'non-numeric',
    ],
    [
      { ...base, spec: { podSelector: {}, ingress: [{ ports: [{ port: 90, endPort: 80 }] }] } },
      'spec.ingress[0].ports[0].endPort',
      'greater than or equal',
    ],
  ])('reports %#: %s', (input, path, message) => {
    const r = parseNetworkPolicy(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toContainEqual({ path, message: expect.stringContaining(message) });
  });
  it('rejects non-objects', () => {
    expect(parseNetworkPolicy('deny-all').ok).toBe(false);
    expect(parseNetworkPolicy(null).ok).toBe(false);
  });
});
