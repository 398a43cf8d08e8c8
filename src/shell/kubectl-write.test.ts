import { describe, expect, it } from 'vitest';
import { createCluster } from '../engine/index.ts';
import { parseExecAction } from './exec-action.ts';
import { runLine } from './shell.ts';
import { terminal } from './test-cluster.ts';
import { promptOf } from './types.ts';

describe('kubectl label', () => {
  it('adds, refuses a changed value without --overwrite, overwrites, removes, as kubectl words it', () => {
    const t = terminal();
    expect(t.type('kubectl label pod a role=db')).toBe('pod/a labeled\n');
    expect(t.host.cluster().pods['default/a']?.labels).toEqual({ role: 'db' });
    expect(t.type('kubectl label pod a role=db')).toBe('pod/a not labeled\n');
    expect(t.type('kubectl label pod a role=web')).toBe(
      "error: 'role' already has a value (db), and --overwrite is false\n",
    );
    expect(t.type('kubectl label pod a role=web --overwrite')).toBe('pod/a labeled\n');
    expect(t.type('kubectl label pods/a role-')).toBe('pod/a unlabeled\n');
    expect(t.type('kubectl label pod a nothere-')).toBe('label "nothere" not found.\npod/a not labeled\n');
    expect(t.type('kubectl label pod ghost x=y')).toBe(
      'Error from server (NotFound): pods "ghost" not found\n',
    );
    expect(t.type('kubectl label pod a')).toBe('error: at least one label update is required\n');
    t.type('kubectl label pod a tier=db app=x');
    expect(t.type('kubectl get pods --show-labels')).toMatch(/^a .* app=x,tier=db\n/m);
    expect(t.type('kubectl get pods --show-labels')).toMatch(/^b .* <none>\n/m);
  });

  it('refuses an invalid key or value with the API server reason and changes nothing', () => {
    const t = terminal();
    const before = t.host.cluster();
    expect(t.type('kubectl label pod a __proto__=x')).toMatch(
      /^error: .*"__proto__" is not a valid label key/,
    );
    expect(t.type('kubectl label pod a app=-bad-')).toMatch(/is not a valid label value/);
    expect(t.host.cluster()).toBe(before);
  });

  it('a label change re-selects the pod for NetworkPolicies at the next trace (Calico enforces them)', () => {
    const c = createCluster({
      network: { plugin: 'calico' },
      nodes: [{ name: 'node-1' }, { name: 'node-2' }],
      pods: [
        { name: 'a', node: 'node-1' },
        { name: 'b', node: 'node-2' },
      ],
    });
    if (!c.ok) throw new Error('cluster');
    const t = terminal(c.state);
    const ip = c.state.pods['default/b']?.ip ?? '';
    t.type(`kubectl apply -f - <<EOF
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: db-only-from-api
spec:
  podSelector:
    matchLabels:
      role: db
  policyTypes: [Ingress]
EOF`);
    const ping = () => t.type(`kubectl exec a -- ping -c 1 -W 1 ${ip}`);
    expect(ping()).toMatch(/1 received/);
    t.type('kubectl label pod b role=db');
    expect(ping()).toMatch(/0 received/);
    t.type('kubectl label pod b role-');
    expect(ping()).toMatch(/1 received/);
  });
});

describe('kubectl apply -f - with a here-document', () => {
  it('creates a pod and a policy from a multi-document YAML typed line by line, with the > prompt', () => {
    const t = terminal();
    expect(t.type('kubectl apply -f - <<EOF')).toBe('');
    expect(promptOf(t.session())).toBe('> ');
    for (const line of [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      '  labels: {app: web}',
      'spec:',
      '  nodeName: node-2',
      '  containers:',
      '  - name: nginx',
      '    image: nginx',
      '    ports:',
      '    - containerPort: 80',
      '      hostPort: 8080',
      '---',
      'apiVersion: networking.k8s.io/v1',
      'kind: NetworkPolicy',
      'metadata: {name: web-in}',
      'spec: {podSelector: {matchLabels: {app: web}}, policyTypes: [Ingress]}',
    ])
      expect(t.type(line)).toBe('');
    const r = runLine(t.host, t.session(), 'EOF');
    expect(r.output).toBe('pod/web created\nnetworkpolicy.networking.k8s.io/web-in created\n');
    expect(r.command).toMatch(/^kubectl apply -f - <<EOF\napiVersion: v1\n[\s\S]*\nEOF$/);
    expect(promptOf(r.session)).toBe('$ ');
    const web = t.host.cluster().pods['default/web'];
    expect(web).toMatchObject({ node: 'node-2', phase: 'Running', labels: { app: 'web' } });
    expect(web?.containers[0]?.ports?.[0]).toMatchObject({ containerPort: 80, hostPort: 8080 });
  });

  it('applies again: unchanged, then configured when only labels change, refused when the spec changes', () => {
    const t = terminal();
    const pod = (labels: string, port = 80) =>
      `kubectl apply -f - <<'YAML'\n{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","labels":${labels}},"spec":{"containers":[{"name":"nginx","ports":[{"containerPort":${port}}]}]}}\nYAML`;
    expect(t.type(pod('{"app":"web"}'))).toBe('pod/web created\n');
    expect(t.type(pod('{"app":"web"}'))).toBe('pod/web unchanged\n');
    expect(t.type(pod('{"app":"shop"}'))).toBe('pod/web configured\n');
    expect(t.host.cluster().pods['default/web']?.labels).toEqual({ app: 'shop' });
    expect(t.type(pod('{"app":"shop"}', 8080))).toMatch(
      /^The Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`/,
    );
  });

  it('ignores fields the lab does not model, with a warning, and refuses what it cannot apply', () => {
    const t = terminal();
    expect(
      t.type(
        'kubectl apply -f - <<EOF\nkind: Pod\napiVersion: v1\nmetadata: {name: w}\nspec:\n  restartPolicy: Always\n  containers: [{name: app, image: nginx, env: []}]\nEOF',
      ),
    ).toBe(
      'Warning: the lab does not model spec.restartPolicy; it was ignored\nWarning: the lab does not model spec.containers[0].env; it was ignored\npod/w created\n',
    );
    expect(t.type('kubectl apply -f - <<EOF\nkind: Service\nmetadata: {name: s}\nEOF')).toBe(
      'error: the lab applies Pod, NetworkPolicy and Namespace objects; "Service" is not modelled (nothing was applied)\n',
    );
    expect(t.type('kubectl apply -f - <<EOF\nmetadata: {name: s}\nEOF')).toMatch(/kind not set/);
    expect(t.type('kubectl apply -f - <<EOF\nkind: Pod\n  bad: : :\nEOF')).toMatch(
      /^error: error parsing STDIN: error converting YAML to JSON: yaml: line \d+: /,
    );
    expect(t.type('kubectl apply -f - <<EOF\nEOF')).toBe('error: no objects passed to apply\n');
    expect(t.type('kubectl apply -f pod.yaml')).toBe('error: the path "pod.yaml" does not exist\n');
    expect(t.type('kubectl apply')).toBe('error: must specify one of -f and -k\n');
  });

  it('a here-document ends only at its delimiter; <<- strips leading tabs; a missing word is bash syntax error', () => {
    const t = terminal();
    t.type('kubectl apply -f - <<-END');
    t.type('\tkind: Pod');
    t.type('\tmetadata: {name: tabbed}');
    t.type('\tspec: {containers: [{name: app}]}');
    expect(t.type('\tEND')).toBe('pod/tabbed created\n');
    expect(t.type('cat <<')).toBe("bash: syntax error near unexpected token `newline'\n");
  });
});

describe('an exec action may carry a here-document', () => {
  it('accepts a first line with <<WORD ended by WORD, refuses other line breaks', () => {
    expect(
      parseExecAction({ type: 'exec', on: 'kubectl', command: 'kubectl apply -f - <<EOF\nkind: Pod\nEOF' })
        .ok,
    ).toBe(true);
    expect(
      parseExecAction({
        type: 'exec',
        on: 'kubectl',
        command: "kubectl apply -f - <<'YAML'\nkind: Pod\nYAML\n",
      }).ok,
    ).toBe(true);
    const two = parseExecAction({ type: 'exec', on: 'kubectl', command: 'ip route\nip addr' });
    expect(two).toMatchObject({
      ok: false,
      problems: [{ path: 'action.command', message: /here-document/ }],
    });
    expect(
      parseExecAction({ type: 'exec', on: 'kubectl', command: 'kubectl apply -f - <<EOF\nkind: Pod' }).ok,
    ).toBe(false);
  });
});

describe('a refused Pod names its fields as the API server does', () => {
  it('metadata.labels, metadata.name, spec.containers[...] instead of the engine paths, each once', () => {
    const t = terminal();
    expect(
      t.type(
        'kubectl apply -f - <<EOF\nkind: Pod\nmetadata:\n  name: w\n  labels:\n    __proto__: {polluted: yes}\nspec: {containers: [{name: app}]}\nEOF',
      ),
    ).toBe('The Pod "w" is invalid: metadata.labels.__proto__: expected a string, got an object\n');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(
      t.type(
        'kubectl apply -f - <<EOF\nkind: Pod\nmetadata: {name: constructor}\nspec: {containers: [{name: app, ports: [{containerPort: 99999}]}]}\nEOF',
      ),
    ).toBe(
      'The Pod "constructor" is invalid: spec.containers[0].ports[0].containerPort: expected an integer from 1 to 65535, got number 99999\n',
    );
    expect(t.type('kubectl run __proto__ --image=nginx')).toMatch(
      /^The Pod "__proto__" is invalid: metadata\.name: /,
    );
    expect(t.type('kubectl run constructor --image=nginx')).toBe('pod/constructor created\n');
  });
});
