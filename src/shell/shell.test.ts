import { describe, expect, it } from 'vitest';
import { completeLine } from './complete.ts';
import { feedTrace, interrupt, runLine } from './shell.ts';
import { terminal } from './test-cluster.ts';
import { tokenize } from './tokenize.ts';
import { createSession, promptOf } from './types.ts';

describe('tokenize', () => {
  it('splits words, keeps quoted blanks and escapes, and finds `--`', () => {
    expect(tokenize(`kubectl exec a -- sh -c 'ip route; echo "x y"'`)).toEqual({
      ok: true,
      words: ['kubectl', 'exec', 'a', '--', 'sh', '-c', 'ip route; echo "x y"'],
      background: false,
    });
    expect(tokenize('echo "a \\"b\\"" c\\ d')).toMatchObject({ words: ['echo', 'a "b"', 'c d'] });
    expect(tokenize('tcpdump -i eth0 &')).toMatchObject({
      words: ['tcpdump', '-i', 'eth0'],
      background: true,
    });
    expect(tokenize("echo 'open")).toEqual({
      ok: false,
      message: "bash: unexpected EOF while looking for matching `''",
    });
  });
});

describe('prompts and places', () => {
  it('shows $ at the workstation, root@node-1:~# after ssh, / # in a pod shell, and exit leaves', () => {
    const t = terminal();
    expect(promptOf(t.session())).toBe('$ ');
    t.type('ssh node-1');
    expect(promptOf(t.session())).toBe('root@node-1:~# ');
    expect(t.type('exit')).toBe('logout\nConnection to node-1 closed.\n');
    expect(promptOf(t.session())).toBe('$ ');
    t.type('kubectl exec -it a -- sh');
    expect(promptOf(t.session())).toBe('/ # ');
    expect(t.type('hostname -i')).toBe('10.244.0.2\n');
    t.type('exit');
    expect(promptOf(t.session())).toBe('$ ');
  });

  it('prints the shells own errors', () => {
    const t = terminal();
    expect(t.type('foo')).toBe('bash: foo: command not found\n');
    expect(t.type('ip route')).toBe('bash: ip: command not found\n');
    t.type('kubectl exec -it a -- sh');
    expect(t.type('foo')).toBe('sh: foo: not found\n');
    expect(t.type('ping x')).toBe('ping: unknown host x\n');
    expect(t.type('ip addr show eth9')).toBe('Device "eth9" does not exist.\n');
    expect(t.type('ip route show dev eth9')).toBe('Cannot find device "eth9"\n');
  });

  it('ssh to an unknown host fails as OpenSSH does', () => {
    const t = terminal();
    expect(t.type('ssh node-9')).toBe('ssh: Could not resolve hostname node-9: Name or service not known\n');
  });
});

describe('kubectl', () => {
  it('get pods -o wide and get nodes in kubectl column layout', () => {
    const t = terminal();
    expect(t.type('kubectl get pods -o wide')).toBe(
      [
        'NAME   READY   STATUS    RESTARTS   AGE    IP           NODE     NOMINATED NODE   READINESS GATES',
        'a      1/1     Running   0          2m5s   10.244.0.2   node-1   <none>           <none>',
        'b      2/2     Running   0          65s    10.244.1.2   node-2   <none>           <none>',
        '',
      ].join('\n'),
    );
    expect(t.type('kubectl get nodes')).toBe(
      [
        'NAME     STATUS   ROLES    AGE    VERSION',
        'node-1   Ready    <none>   4m5s   v1.31.2',
        'node-2   Ready    <none>   3m5s   v1.31.2',
        '',
      ].join('\n'),
    );
  });

  it('-n, -A and -l filter; a missing object is NotFound', () => {
    const t = terminal();
    expect(t.type('kubectl get pods -n kube-system')).toBe('No resources found in kube-system namespace.\n');
    expect(t.type('kubectl get pods -A').split('\n')[0]).toMatch(/^NAMESPACE {3}NAME/);
    expect(t.type('kubectl run c --image=nginx --labels=app=web')).toBe('pod/c created\n');
    expect(t.type('kubectl get pods -l app=web -o name')).toBe('pod/c\n');
    expect(t.type('kubectl get pods -l app!=web -o name')).toBe('pod/a\npod/b\n');
    expect(t.type('kubectl get pods x')).toBe('Error from server (NotFound): pods "x" not found\n');
    expect(t.type('kubectl describe node node-9')).toBe(
      'Error from server (NotFound): nodes "node-9" not found\n',
    );
    expect(t.type('kubectl get foo')).toBe('error: the server doesn\'t have a resource type "foo"\n');
  });

  it('run and delete go through the host dispatch (the store action in the app)', () => {
    const t = terminal();
    t.type('kubectl run web --image=nginx --port=80');
    expect(t.host.log.map((e) => e.command.type)).toEqual(['schedulePod']);
    expect(t.host.log[0]?.command).toMatchObject({
      name: 'web',
      namespace: 'default',
      labels: { run: 'web' },
    });
    expect(t.type('kubectl run web --image=nginx')).toBe(
      'Error from server (AlreadyExists): pods "web" already exists\n',
    );
    expect(t.type('kubectl delete pod web')).toBe('pod "web" deleted\n');
    expect(t.type('kubectl delete pod web')).toBe('Error from server (NotFound): pods "web" not found\n');
    expect(t.type('kubectl run x')).toBe('error: required flag(s) "image" not set\n');
  });

  it('describe node shows its podCIDR, conditions and events; describe pod its IP and events', () => {
    const t = terminal();
    const node = t.type('kubectl describe node node-1');
    expect(node).toContain('PodCIDR:                      10.244.0.0/24\n');
    expect(node).toMatch(/\n {2}Ready +True +.+KubeletReady +kubelet is posting ready status\n/);
    expect(node).toMatch(/\nEvents:\n {2}Type +Reason +Age +From +Message\n/);
    const pod = t.type('kubectl describe pod b');
    expect(pod).toContain('Node:             node-2/192.168.56.12\n');
    expect(pod).toContain('IP:               10.244.1.2\n');
    expect(pod).toMatch(
      /Normal +Scheduled +\S+ +default-scheduler +Successfully assigned default\/b to node-2/,
    );
  });

  it('exec names the defaulted container of a two-container pod and reports exit codes', () => {
    const t = terminal();
    const out = t.type('kubectl exec b -- ss -lntp');
    expect(out.split('\n')[0]).toBe('Defaulted container "web" out of: web, metrics');
    // Both containers' sockets are in the one namespace the pod shares.
    expect(out).toMatch(/LISTEN +0 +511 +0\.0\.0\.0:80 .*users:\(\("web"/);
    expect(out).toMatch(/LISTEN +0 +4096 +0\.0\.0\.0:9102 .*users:\(\("metrics"/);
    expect(t.type('kubectl exec a -- foo')).toMatch(
      /exec: "foo": executable file not found in \$PATH: unknown\n$/,
    );
    expect(t.type('kubectl exec a ip route')).toMatch(
      /^error: exec \[POD\] \[COMMAND\] is not supported anymore/,
    );
    expect(t.type('kubectl exec zz -- ip route')).toBe('Error from server (NotFound): pods "zz" not found\n');
    expect(t.type('kubectl exec a -- ping -c 1 10.244.9.9')).toMatch(
      /command terminated with exit code 1\n$/,
    );
  });

  it('-o yaml prints the object as kubectl does (sorted keys, double quotes, unindented lists)', () => {
    const t = terminal();
    const y = t.type('kubectl get pod a -o yaml');
    expect(y.startsWith('apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: "')).toBe(true);
    expect(y).toContain('\n  podIPs:\n  - ip: 10.244.0.2\n');
    const j = JSON.parse(t.type('kubectl get nodes -o json')) as {
      kind: string;
      items: { spec: { podCIDR: string } }[];
    };
    expect(j.kind).toBe('List');
    expect(j.items.map((n) => n.spec.podCIDR)).toEqual(['10.244.0.0/24', '10.244.1.0/24']);
  });
});

describe('names that are object keys', () => {
  it('a pod named constructor or __proto__ works like any other', () => {
    const t = terminal();
    expect(t.type('kubectl run constructor --image=busybox')).toBe('pod/constructor created\n');
    expect(t.type('kubectl get pod __proto__')).toBe(
      'Error from server (NotFound): pods "__proto__" not found\n',
    );
    expect(t.type('kubectl get pod constructor -o name')).toBe('pod/constructor\n');
    expect(t.type('ssh __proto__')).toMatch(/Could not resolve hostname __proto__/);
  });
});

describe('jobs: tcpdump and ping without -c', () => {
  it('a foreground tcpdump waits for the next trace on its interface; Ctrl-C prints its counts', () => {
    const t = terminal();
    t.type('ssh node-1');
    expect(t.type('tcpdump -i cni0 -nn icmp')).toBe(
      'tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\nlistening on cni0, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n',
    );
    let session = t.session();
    expect(session.job?.kind).toBe('tcpdump');
    // A line typed meanwhile does not run: the terminal belongs to tcpdump.
    expect(runLine(t.host, session, 'ip route').output).toBe('');
    const other = terminal();
    other.type('kubectl exec a -- ping -c 1 10.244.1.2');
    const trace = other.traces[0];
    if (trace === undefined) throw new Error('no trace');
    const fed = feedTrace(t.host, session, trace);
    expect(fed.output.split('\n').map((l) => l.replace(/^\S+ /, ''))).toEqual([
      'IP 10.244.0.2 > 10.244.1.2: ICMP echo request, id 1, seq 1, length 64',
      'IP 10.244.1.2 > 10.244.0.2: ICMP echo reply, id 1, seq 1, length 64',
      '',
    ]);
    session = fed.session;
    const stop = interrupt(session);
    expect(stop.output).toBe(
      '^C\n2 packets captured\n2 packets received by filter\n0 packets dropped by kernel\n',
    );
    expect(stop.session.job).toBeNull();
  });

  it('ping without -c runs until Ctrl-C, then prints its statistics', () => {
    const t = terminal();
    const r = runLine(t.host, createSession(), 'kubectl exec a -- ping 10.244.1.2');
    expect(r.output).toMatch(
      /^PING 10\.244\.1\.2 \(10\.244\.1\.2\) 56\(84\) bytes of data\.\n64 bytes from 10\.244\.1\.2: icmp_seq=1 ttl=62 time=\d\.\d{3} ms\n$/,
    );
    // The exec'd ping holds the terminal.
    expect(r.session.job?.kind).toBe('ping');
    const stop = interrupt(r.session);
    expect(stop.output).toMatch(
      /^\^C\n--- 10\.244\.1\.2 ping statistics ---\n1 packets transmitted, 1 received, 0% packet loss, time 0ms\nrtt /,
    );
  });
});

describe('completion', () => {
  it('completes commands, kubectl words, pod and node names, interfaces and files', () => {
    const t = terminal();
    const s = createSession();
    expect(completeLine(t.host, s, 'kub').line).toBe('kubectl ');
    expect(completeLine(t.host, s, 'kubectl ge').line).toBe('kubectl get ');
    expect(completeLine(t.host, s, 'kubectl get po').line).toBe('kubectl get pods ');
    expect(completeLine(t.host, s, 'kubectl exec ').candidates).toEqual(['a', 'b']);
    expect(completeLine(t.host, s, 'ssh node-').candidates).toEqual(['node-1', 'node-2']);
    t.type('ssh node-1');
    expect(completeLine(t.host, t.session(), 'tcpdump -i fl').line).toBe('tcpdump -i flannel.1 ');
    expect(completeLine(t.host, t.session(), 'cat /run/fl').line).toBe('cat /run/flannel/');
    expect(completeLine(t.host, t.session(), 'cat /run/flannel/').line).toBe('cat /run/flannel/subnet.env ');
  });
});
