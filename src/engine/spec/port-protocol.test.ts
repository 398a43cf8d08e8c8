import { describe, expect, it } from 'vitest';
import { applyCommand, createCluster } from '../index.ts';
import { parseClusterSpec, parseCommand } from './spec-schema.ts';

const podWith = (protocol: unknown) => ({
  pods: [{ name: 'a', containers: [{ name: 'c', ports: [{ containerPort: 9000, protocol }] }] }],
});

describe("a container port's protocol", () => {
  it('takes TCP, UDP and SCTP as the API server does', () => {
    for (const protocol of ['TCP', 'UDP', 'SCTP']) {
      const r = parseClusterSpec(podWith(protocol));
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.value.pods?.[0]?.containers?.[0]?.ports?.[0]?.protocol).toBe(protocol);
    }
  });

  it('defaults "" to TCP (SetDefaults_ContainerPort)', () => {
    const r = parseClusterSpec(podWith(''));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.pods?.[0]?.containers?.[0]?.ports?.[0]?.protocol).toBe('TCP');
  });

  it.each(['sctp', 'udp', 'ICMP', 'HTTP'])(
    "refuses %s with field.NotSupported's words, the values sorted as supportedPortProtocols lists them",
    (protocol) => {
      const r = parseClusterSpec(podWith(protocol));
      expect(r.ok).toBe(false);
      if (!r.ok)
        expect(r.problems).toEqual([
          {
            path: 'cluster.pods[0].containers[0].ports[0].protocol',
            message: `Unsupported value: "${protocol}": supported values: "SCTP", "TCP", "UDP"`,
          },
        ]);
    },
  );

  it('refuses a value that is not a string as any other string field', () => {
    const r = parseClusterSpec(podWith(6));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]?.message).toBe('expected a string, got number 6');
  });

  it("keys the pod's own port conflicts by protocol: 9000/TCP and 9000/SCTP coexist, two 9000/SCTP do not", () => {
    const c = createCluster({ network: { plugin: 'flannel' }, nodes: [{ name: 'node-1' }] }, 1);
    if (!c.ok) throw new Error('cluster');
    const both = applyCommand(c.state, {
      type: 'schedulePod',
      name: 'both',
      containers: [
        { name: 'tcp', ports: [{ containerPort: 9000 }] },
        { name: 'sctp', ports: [{ containerPort: 9000, protocol: 'SCTP' }] },
      ],
    });
    expect(both.result.ok).toBe(true);
    const twice = applyCommand(c.state, {
      type: 'schedulePod',
      name: 'twice',
      containers: [
        { name: 'one', ports: [{ containerPort: 9000, protocol: 'SCTP' }] },
        { name: 'two', ports: [{ containerPort: 9000, protocol: 'SCTP' }] },
      ],
    });
    expect(twice.result.ok).toBe(false);
    if (!twice.result.ok)
      expect(twice.result.error.message).toContain(
        'cannot bind 9000/SCTP: listen sctp 0.0.0.0:9000: bind: address already in use',
      );
  });
});

describe('the trace command', () => {
  it('takes protocol "sctp", with a port', () => {
    const r = parseCommand({ type: 'trace', from: 'a', to: 'b', protocol: 'sctp', port: 9000 });
    expect(r.ok).toBe(true);
  });

  it('refuses "SCTP": trace protocols are lower case', () => {
    const r = parseCommand({ type: 'trace', from: 'a', to: 'b', protocol: 'SCTP', port: 9000 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]?.message).toContain('"sctp"');
  });

  it('fails an SCTP trace without a port with missing-port', () => {
    const c = createCluster(
      { network: { plugin: 'flannel' }, nodes: [{ name: 'node-1' }], pods: [{ name: 'a' }, { name: 'b' }] },
      1,
    );
    if (!c.ok) throw new Error('cluster');
    const r = applyCommand(c.state, { type: 'trace', from: 'a', to: 'b', protocol: 'sctp' });
    expect(r.result.ok).toBe(false);
    if (!r.result.ok) expect(r.result.error).toMatchObject({ code: 'missing-port', path: 'port' });
  });
});
