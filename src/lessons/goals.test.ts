import { describe, expect, it } from 'vitest';
import type { Goal } from './goal-schema.ts';
import { evaluateGoal } from './goals.ts';
import { context, hop, pod, traceEntry } from './test-fakes.ts';

const web = pod('web', { ip: '10.244.1.2', node: 'node-1' });
const db = pod('db', { ip: '10.244.2.2', node: 'node-2' });
const pending = pod('cache', {
  phase: 'Pending',
  reason: 'ContainerCreating',
  message: 'failed to allocate for range 0: no IP addresses available in range set',
});

const overlayTrace = traceEntry('pod/web', 'db', {
  hops: [
    hop('pod/web', 'eth0', '10.244.1.2', '10.244.2.2'),
    hop('node/node-1', 'cni0', '10.244.1.2', '10.244.2.2'),
    hop('node/node-1', 'flannel.1', '10.244.1.2', '10.244.2.2', {
      outer: {
        ip: { src: '192.168.56.11', dst: '192.168.56.12', protocol: 17 },
        udp: { dstPort: 8472 },
        vxlan: { vni: 1 },
      },
    }),
    hop('node/node-2', 'flannel.1', '10.244.1.2', '10.244.2.2'),
    hop('pod/db', 'eth0', '10.244.1.2', '10.244.2.2'),
  ],
});
const natTrace = traceEntry('pod/web', 'db', {
  hops: [
    hop('pod/web', 'eth0', '10.244.1.2', '10.244.2.2'),
    hop('pod/db', 'eth0', '192.168.56.11', '10.244.2.2'),
  ],
});
const droppedTrace = traceEntry('pod/web', 'db', {
  delivered: false,
  dropReason: 'no route to host 10.244.2.2 on node-1',
  hops: [hop('pod/web', 'eth0', '10.244.1.2', '10.244.2.2')],
});

describe('pod goals', () => {
  it('podHasIpIn: met inside the CIDR, explains outside, missing IP and missing pod', () => {
    const ctx = context([web, pending]);
    expect(evaluateGoal({ type: 'podHasIpIn', pod: 'web', cidr: '10.244.1.0/24' }, ctx)).toEqual({
      met: true,
      detail: 'pod web has IP 10.244.1.2, inside 10.244.1.0/24',
    });
    expect(evaluateGoal({ type: 'podHasIpIn', pod: 'web', cidr: '10.244.2.0/24' }, ctx).detail).toContain(
      'outside',
    );
    const noIp = evaluateGoal({ type: 'podHasIpIn', pod: 'cache', cidr: '10.244.0.0/16' }, ctx);
    expect(noIp).toEqual({
      met: false,
      detail: expect.stringContaining('pod cache has no IP yet (Pending: ContainerCreating: failed'),
    });
    expect(evaluateGoal({ type: 'podRunning', pod: 'nope' }, ctx)).toEqual({
      met: false,
      detail: 'there is no pod nope yet: schedule it first',
    });
  });

  it('accepts pod/NAME and namespace/NAME references', () => {
    const ctx = context([web, pod('api', { namespace: 'team-a', ip: '10.244.1.9' })]);
    expect(evaluateGoal({ type: 'podRunning', pod: 'pod/web' }, ctx).met).toBe(true);
    expect(evaluateGoal({ type: 'podRunning', pod: 'team-a/api' }, ctx).met).toBe(true);
    expect(evaluateGoal({ type: 'podRunning', pod: 'api' }, ctx).met).toBe(true);
    expect(evaluateGoal({ type: 'podRunning', pod: 'team-b/api' }, ctx).met).toBe(false);
  });

  it('podPending matches the message case-insensitively', () => {
    const ctx = context([web, pending]);
    expect(
      evaluateGoal({ type: 'podPending', pod: 'cache', messageIncludes: 'No IP addresses' }, ctx).met,
    ).toBe(true);
    expect(
      evaluateGoal({ type: 'podPending', pod: 'cache', messageIncludes: 'port conflict' }, ctx).met,
    ).toBe(false);
    expect(evaluateGoal({ type: 'podPending', pod: 'web' }, ctx)).toEqual({
      met: false,
      detail: 'pod web is Running, not Pending',
    });
    expect(evaluateGoal({ type: 'podRunning', pod: 'cache' }, ctx).detail).toMatch(
      /not Running yet \(Pending: ContainerCreating/,
    );
  });
});

describe('trace goals', () => {
  it('ask for a trace when there is none', () => {
    expect(evaluateGoal({ type: 'traceDelivered', from: 'web', to: 'db' }, context([web, db]))).toEqual({
      met: false,
      detail: 'run a trace from web to db first',
    });
  });

  it('use the latest matching trace', () => {
    const fixed = context([web, db], [droppedTrace, overlayTrace]);
    const broken = context([web, db], [overlayTrace, droppedTrace]);
    expect(evaluateGoal({ type: 'traceDelivered', from: 'web', to: 'db' }, fixed).met).toBe(true);
    expect(evaluateGoal({ type: 'traceDelivered', from: 'web', to: 'db' }, broken).detail).toContain(
      'dropped: no route to host',
    );
    expect(evaluateGoal({ type: 'traceDropped', to: 'db', reasonIncludes: 'no route' }, broken).met).toBe(
      true,
    );
    expect(evaluateGoal({ type: 'traceDropped', reasonIncludes: 'policy' }, broken).met).toBe(false);
    expect(evaluateGoal({ type: 'traceDropped' }, fixed).met).toBe(false);
  });

  it('match a destination written as the pod IP', () => {
    const byIp = traceEntry('pod/web', '10.244.2.2', {
      hops: [hop('pod/db', 'eth0', '10.244.1.2', '10.244.2.2')],
    });
    expect(
      evaluateGoal({ type: 'traceDelivered', from: 'pod/web', to: 'db' }, context([web, db], [byIp])).met,
    ).toBe(true);
    expect(
      evaluateGoal({ type: 'traceDelivered', from: 'db', to: 'web' }, context([web, db], [byIp])).met,
    ).toBe(false);
  });

  it('tracePassedDevice checks the device, the node and prefixes', () => {
    const ctx = context([web, db], [overlayTrace]);
    expect(evaluateGoal({ type: 'tracePassedDevice', device: 'flannel.1', node: 'node-1' }, ctx).met).toBe(
      true,
    );
    expect(evaluateGoal({ type: 'tracePassedDevice', device: 'cni0', node: 'node-2' }, ctx).detail).toContain(
      'did not go through cni0 on node-2',
    );
    expect(evaluateGoal({ type: 'tracePassedDevice', device: 'flannel*' }, ctx).met).toBe(true);
    expect(evaluateGoal({ type: 'tracePassedDevice', device: 'tunl0' }, ctx).met).toBe(false);
  });

  it('traceEncapsulated checks the kind and the VNI', () => {
    const ctx = context([web, db], [overlayTrace]);
    expect(evaluateGoal({ type: 'traceEncapsulated', kind: 'vxlan', vni: 1 }, ctx).met).toBe(true);
    expect(evaluateGoal({ type: 'traceEncapsulated', kind: 'vxlan', vni: 4096 }, ctx).met).toBe(false);
    expect(evaluateGoal({ type: 'traceEncapsulated', kind: 'ipip' }, ctx).met).toBe(false);
    expect(evaluateGoal({ type: 'traceEncapsulated' }, context([web, db], [natTrace])).detail).toContain(
      'never encapsulated',
    );
  });

  it('traceArrivedWithSourceIp detects NAT', () => {
    const goal: Goal = { type: 'traceArrivedWithSourceIp', from: 'web', to: 'db' };
    expect(evaluateGoal(goal, context([web, db], [overlayTrace])).met).toBe(true);
    const nat = evaluateGoal(goal, context([web, db], [natTrace]));
    expect(nat).toEqual({
      met: false,
      detail: expect.stringContaining('source 192.168.56.11, not the sender'),
    });
  });
});

describe('actions, routes and combinations', () => {
  const failed = {
    command: { type: 'schedulePod' },
    result: { ok: false, error: { code: 'duplicate-pod', message: 'pods "web" already exists' } },
  };

  it('actionFailed matches the message or code, and the command type', () => {
    const ctx = context([web], [failed]);
    expect(evaluateGoal({ type: 'actionFailed', messageIncludes: 'already exists' }, ctx).met).toBe(true);
    expect(
      evaluateGoal({ type: 'actionFailed', command: 'schedulePod', messageIncludes: 'duplicate-pod' }, ctx)
        .met,
    ).toBe(true);
    expect(
      evaluateGoal({ type: 'actionFailed', command: 'addNode', messageIncludes: 'already exists' }, ctx).met,
    ).toBe(false);
  });

  it('nodeHasRoute reads derived routes when given, static routes otherwise', () => {
    const nodes = {
      'node-1': {
        name: 'node-1',
        staticRoutes: [{ dst: '10.244.2.0/24', via: '192.168.56.12', dev: 'eth0' }],
      },
    };
    const ctx = context([], [], nodes);
    expect(
      evaluateGoal(
        { type: 'nodeHasRoute', node: 'node-1', routeIncludes: '10.244.2.0/24 via 192.168.56.12' },
        ctx,
      ).met,
    ).toBe(true);
    expect(evaluateGoal({ type: 'nodeHasRoute', node: 'node-2', routeIncludes: 'x' }, ctx).detail).toBe(
      'there is no node node-2',
    );
    const derived = {
      ...ctx,
      routesOf: () => ['10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1'],
    };
    expect(
      evaluateGoal({ type: 'nodeHasRoute', node: 'node-1', routeIncludes: 'dev cni0' }, derived).met,
    ).toBe(true);
  });

  it('all and any combine and explain what is missing', () => {
    const ctx = context([web, pending], [failed]);
    const all = evaluateGoal(
      {
        type: 'all',
        goals: [
          { type: 'podRunning', pod: 'web' },
          { type: 'podRunning', pod: 'cache' },
        ],
      },
      ctx,
    );
    expect(all.met).toBe(false);
    expect(all.detail).toMatch(/^1 of 2 done; still: pod cache is not Running yet/);
    const any = evaluateGoal(
      {
        type: 'any',
        goals: [
          { type: 'podRunning', pod: 'cache' },
          { type: 'actionFailed', messageIncludes: 'exists' },
        ],
      },
      ctx,
    );
    expect(any.met).toBe(true);
  });

  it('ignores trace results that do not have the shape of a trace', () => {
    const junk = {
      command: { type: 'trace', from: 'pod/web', to: 'db', protocol: 'icmp' } as { type: string },
      result: { ok: true, trace: { hops: 'x' } },
    };
    expect(
      evaluateGoal({ type: 'traceDelivered', from: 'web', to: 'db' }, context([web, db], [junk])).met,
    ).toBe(false);
  });
});

describe('terminal goals', () => {
  const state = { pods: {}, nodes: {} };
  const exec = (on: string, command: string, output: string) => ({
    command: { type: 'exec', on, command } as { type: string },
    result: { ok: true, detail: { output } },
  });
  it('commandRun and commandOutput read exec entries; kubectl exec counts as the pod', () => {
    const log = [exec('kubectl', 'kubectl exec -it -c app web -- ss -lnt', 'LISTEN 0 511 0.0.0.0:80')];
    const ctx = { state, log };
    expect(evaluateGoal({ type: 'commandRun', on: 'pod/web', commandIncludes: 'ss -lnt' }, ctx).met).toBe(
      true,
    );
    expect(evaluateGoal({ type: 'commandRun', on: 'node/node-1', commandIncludes: 'ss -lnt' }, ctx).met).toBe(
      false,
    );
    expect(
      evaluateGoal(
        { type: 'commandOutput', on: 'pod/default/web', commandIncludes: 'ss', outputIncludes: '0.0.0.0:80' },
        ctx,
      ).met,
    ).toBe(true);
    const missing = evaluateGoal(
      { type: 'commandOutput', commandIncludes: 'ss', outputIncludes: ':9113' },
      ctx,
    );
    expect(missing).toEqual({ met: false, detail: '"ss" has not printed ":9113" yet' });
    expect(evaluateGoal({ type: 'commandRun', commandIncludes: 'tcpdump' }, { state, log: [] }).detail).toBe(
      'run "tcpdump" in the terminal',
    );
  });
});
