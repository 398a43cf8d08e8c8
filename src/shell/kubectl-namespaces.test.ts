import { describe, expect, it } from 'vitest';
import { createCluster } from '../engine/index.ts';
import { terminal } from './test-cluster.ts';

function calico() {
  const c = createCluster({
    network: { plugin: 'calico' },
    nodes: [{ name: 'node-1' }, { name: 'node-2' }],
    namespaces: [{ name: 'team-a', labels: { team: 'a' } }],
    pods: [
      { name: 'web', node: 'node-1', labels: { app: 'web' } },
      { name: 'client', namespace: 'team-a', node: 'node-2' },
      { name: 'other', namespace: 'team-b', node: 'node-2' },
    ],
  });
  if (!c.ok) throw new Error(JSON.stringify(c.problems));
  return c.state;
}

describe('namespaces', () => {
  it('kubectl get namespaces lists the built-in ones, the spec’s and those pods use, with their labels', () => {
    const t = terminal(calico());
    const out = t.type('kubectl get namespaces --show-labels');
    expect(out.split('\n')[0]).toMatch(/^NAME +STATUS +AGE +LABELS$/);
    expect(
      out
        .split('\n')
        .slice(1, -1)
        .map((l) => l.split(/ +/)[0]),
    ).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system', 'team-a', 'team-b']);
    expect(out).toMatch(/^team-a +Active +\S+ +kubernetes\.io\/metadata\.name=team-a,team=a$/m);
    expect(t.type('kubectl get ns team-b -o yaml')).toContain('kubernetes.io/metadata.name: team-b');
    expect(t.type('kubectl get ns nope')).toBe('Error from server (NotFound): namespaces "nope" not found\n');
  });

  it('create, label, apply: kubectl’s words and errors', () => {
    const t = terminal(calico());
    expect(t.type('kubectl create namespace shop')).toBe('namespace/shop created\n');
    expect(t.type('kubectl create ns shop')).toBe(
      'Error from server (AlreadyExists): namespaces "shop" already exists\n',
    );
    expect(t.type('kubectl label namespace shop tier=front')).toBe('namespace/shop labeled\n');
    expect(t.type('kubectl label ns shop tier=back')).toBe(
      "error: 'tier' already has a value (front), and --overwrite is false\n",
    );
    expect(t.type('kubectl label ns ghost a=b')).toBe(
      'Error from server (NotFound): namespaces "ghost" not found\n',
    );
    expect(
      t.type(
        'kubectl apply -f - <<EOF\napiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {tier: back}}\nEOF',
      ),
    ).toBe('namespace/shop configured\n');
    expect(t.type('kubectl get ns shop --show-labels')).toMatch(
      /kubernetes\.io\/metadata\.name=shop,tier=back/,
    );
    expect(t.type('kubectl apply -f - <<EOF\nkind: Namespace\nmetadata: {name: fresh}\nEOF')).toBe(
      'namespace/fresh created\n',
    );
  });

  it('a policy’s namespaceSelector follows the namespace’s labels at the next trace', () => {
    const state = calico();
    const t = terminal(state);
    const ip = state.pods['default/web']?.ip ?? '';
    t.type(`kubectl apply -f - <<EOF
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-from-team-a}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress]
  ingress:
  - from:
    - namespaceSelector: {matchLabels: {team: a}}
EOF`);
    const ping = (pod: string, ns: string) => t.type(`kubectl exec -n ${ns} ${pod} -- ping -c 1 -W 1 ${ip}`);
    expect(ping('client', 'team-a')).toMatch(/1 received/);
    expect(ping('other', 'team-b')).toMatch(/0 received/);
    t.type('kubectl label namespace team-b team=a');
    expect(ping('other', 'team-b')).toMatch(/1 received/);
    t.type('kubectl label namespace team-a team-');
    expect(ping('client', 'team-a')).toMatch(/0 received/);
  });
});
