import { describe, expect, it } from 'vitest';
import { parseExecAction } from './exec-action.ts';
import { execOnState } from './run-exec.ts';
import { runShellScenario } from './run-scenario.ts';
import { referenceCluster } from './test-cluster.ts';

const cluster = {
  network: { plugin: 'flannel', backend: 'vxlan' },
  nodes: [{ name: 'node-1' }, { name: 'node-2' }],
  pods: [
    { name: 'a', node: 'node-1' },
    { name: 'b', node: 'node-2' },
  ],
};

describe('exec actions', () => {
  it('validate their keys and place, naming the field', () => {
    expect(parseExecAction({ type: 'exec', on: 'node/node-1', command: 'ip route' }).ok).toBe(true);
    const bad = parseExecAction({ type: 'exec', on: 'vm/x', command: '', extra: 1 }, 'actions[3]');
    expect(bad.ok ? [] : bad.problems.map((p) => p.path)).toEqual([
      'actions[3].extra',
      'actions[3].on',
      'actions[3].command',
    ]);
  });

  it('run in the report in order with the engine actions; a tcpdump prints the later traces', () => {
    const r = runShellScenario({
      cluster,
      actions: [
        { type: 'exec', on: 'node/node-1', command: 'tcpdump -i flannel.1 -nn' },
        { type: 'exec', on: 'pod/a', command: 'ip route' },
        { type: 'trace', from: 'pod/a', to: 'b', protocol: 'icmp' },
        { type: 'exec', on: 'kubectl', command: 'kubectl run c --image=nginx' },
        { type: 'exec', on: 'pod/nope', command: 'ip route' },
      ],
    });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const { report } = r;
    expect(report.results.map((x) => `${x.type}:${x.ok}`)).toEqual([
      'exec:true',
      'exec:true',
      'trace:true',
      'exec:true',
      'exec:false',
    ]);
    expect(report.exec?.[1]?.output).toBe(
      'default via 10.244.0.1 dev eth0\n10.244.0.0/24 dev eth0 proto kernel scope link src 10.244.0.2\n10.244.0.0/16 via 10.244.0.1 dev eth0\n',
    );
    expect(report.exec?.[0]?.output).toMatch(
      / IP 10\.244\.0\.2 > 10\.244\.1\.2: ICMP echo request, id 1, seq 1, length 64\n/,
    );
    expect(report.exec?.[0]?.output).toMatch(
      /2 packets captured\n2 packets received by filter\n0 packets dropped by kernel\n$/,
    );
    // kubectl run changed the cluster the report describes.
    expect(report.pods.map((p) => p.name)).toEqual(['a', 'b', 'c']);
    expect(report.exec?.[3]?.output).toBe('Error from server (NotFound): pods "nope" not found\n');
  });

  it('refuse an unknown key in an exec action with its path', () => {
    const r = runShellScenario({
      cluster,
      actions: [{ type: 'exec', on: 'kubectl', command: 'x', cmd: 'y' }],
    });
    expect(r.ok ? [] : r.problems).toEqual([
      { path: 'actions[0].cmd', message: 'unknown key "cmd" (an exec action has type, on and command)' },
    ]);
  });

  it('execOnState returns the changed state and stops a job as Ctrl-C would', () => {
    const r = execOnState(referenceCluster(), { type: 'exec', on: 'pod/a', command: 'ping 10.244.1.2' });
    expect(r.output).toMatch(/\n--- 10\.244\.1\.2 ping statistics ---\n1 packets transmitted, 1 received/);
    const run = execOnState(referenceCluster(), {
      type: 'exec',
      on: 'kubectl',
      command: 'kubectl run z --image=busybox',
    });
    expect(Object.keys(run.state.pods)).toContain('default/z');
  });
});
