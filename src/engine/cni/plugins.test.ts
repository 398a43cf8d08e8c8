import { describe, expect, it } from 'vitest';
import type { NetConfList } from './spec-types.ts';
import { formatChainName } from './ipmasq.ts';
import { registerCniPlugin } from './registry.ts';
import { bridgeList, run, testHost } from './test-host.ts';

describe('bridge plugin (reference C)', () => {
  it('creates cni0 on the first pod, a veth + 8 hex, and the result shape of A.5', () => {
    const host = testHost();
    expect(host.devices['cni0']).toBeUndefined();
    const out = run(host, bridgeList(), 'ADD', 'c1');
    if (!out.outcome.ok) throw new Error(out.outcome.error.msg);
    const r = out.outcome.result;
    expect(r?.interfaces?.map((i) => i.name)).toEqual([
      'cni0',
      expect.stringMatching(/^veth[0-9a-f]{8}$/),
      'eth0',
    ]);
    expect(r?.interfaces?.[2]?.sandbox).toBe('/var/run/netns/cni-c1');
    expect(r?.interfaces?.[0]?.sandbox).toBeUndefined();
    expect(r?.ips).toEqual([{ address: '10.244.1.2/24', gateway: '10.244.1.1', interface: 2 }]);
    expect(host.devices['cni0']).toMatchObject({ kind: 'bridge', addresses: ['10.244.1.1/24'], up: true });
  });

  it('isDefaultGateway adds a default route via the gateway', () => {
    const host = testHost();
    const list = bridgeList(
      { type: 'host-local', ranges: [[{ subnet: '10.244.1.0/24' }]], routes: [{ dst: '10.244.0.0/16' }] },
      { isDefaultGateway: true },
    );
    const out = run(host, list, 'ADD', 'c1');
    expect(out.outcome.ok && out.outcome.result?.routes).toEqual([
      { dst: '10.244.0.0/16' },
      { dst: '0.0.0.0/0', gw: '10.244.1.1' },
    ]);
  });

  it('fails when cni0 holds another address, wrapped by libcni, and releases the IP', () => {
    const host = testHost();
    host.devices['cni0'] = {
      name: 'cni0',
      kind: 'bridge',
      index: 3,
      mac: '02:00:00:00:00:01',
      mtu: 1500,
      addresses: ['10.244.7.1/24'],
      up: true,
    };
    const out = run(host, bridgeList(), 'ADD', 'c1');
    expect(out.outcome.ok ? '' : out.outcome.error.msg).toBe(
      'plugin type="bridge" name="mynet" failed (add): failed to set bridge addr: "cni0" already has an IP address different from 10.244.1.1/24',
    );
    expect(Object.keys(host.ipam['mynet']?.files ?? {})).toEqual([]);
  });

  it('refuses a non-bridge device named like the bridge, and hairpin + promisc', () => {
    const host = testHost();
    host.devices['cni0'] = {
      name: 'cni0',
      kind: 'vxlan',
      index: 3,
      mac: '02:00:00:00:00:01',
      mtu: 1450,
      addresses: [],
      up: true,
    };
    const out = run(host, bridgeList(), 'ADD', 'c1');
    expect(out.outcome.ok ? '' : out.outcome.error.msg).toContain(
      '"cni0" already exists but is not a bridge',
    );
    const out2 = run(
      testHost(),
      bridgeList(undefined, { hairpinMode: true, promiscMode: true }),
      'ADD',
      'c1',
    );
    expect(out2.outcome.ok ? '' : out2.outcome.error.msg).toContain(
      'cannot set hairpin mode and promiscuous mode at the same time',
    );
  });

  it('records the exchange runtime → bridge → host-local → bridge → runtime with the CNI env', () => {
    const out = run(testHost(), bridgeList(), 'ADD', 'c1', { args: 'IgnoreUnknown=1;K8S_POD_NAME=a' });
    expect(out.exchanges.map((e) => `${e.from}>${e.to}:${e.kind}`)).toEqual([
      'runtime>bridge:request',
      'bridge>host-local:request',
      'host-local>bridge:response',
      'bridge>runtime:response',
    ]);
    expect(out.exchanges[0]?.env).toEqual({
      CNI_COMMAND: 'ADD',
      CNI_CONTAINERID: 'c1',
      CNI_NETNS: '/var/run/netns/cni-c1',
      CNI_IFNAME: 'eth0',
      CNI_PATH: '/opt/cni/bin',
      CNI_ARGS: 'IgnoreUnknown=1;K8S_POD_NAME=a',
    });
    // IPAM gets the parent's whole config on stdin; it answers the short form.
    expect(out.exchanges[1]?.stdin).toMatchObject({ type: 'bridge', name: 'mynet', cniVersion: '1.0.0' });
    expect(out.exchanges[2]?.result?.interfaces).toBeUndefined();
  });

  it('runs DEL in reverse order, idempotently, and CHECK after ADD', () => {
    const host = testHost();
    const dele = run(host, bridgeList(), 'DEL', 'nothing');
    expect(dele.outcome.ok).toBe(true);
    run(host, bridgeList(), 'ADD', 'c1');
    expect(run(host, bridgeList(), 'CHECK', 'c1').outcome.ok).toBe(true);
    const two = {
      cniVersion: '1.0.0',
      name: 'two',
      plugins: [
        { type: 'bridge', ipam: { type: 'host-local', subnet: '10.1.0.0/24' } },
        { type: 'ptp', ipam: { type: 'host-local', subnet: '10.1.0.0/24' } },
      ],
    };
    const d = run(testHost(), two, 'DEL', 'x');
    expect(d.exchanges.filter((e) => e.from === 'runtime').map((e) => e.to)).toEqual(['ptp', 'bridge']);
  });

  it('names the ipMasq chain like utils.FormatChainName', () => {
    expect(formatChainName('test', '1234')).toBe('CNI-2bbe0c48b91a7d1b8a6753a8');
  });

  it('reports a missing plugin binary', () => {
    const out = run(testHost(), { cniVersion: '1.0.0', name: 'x', plugins: [{ type: 'nope' }] }, 'ADD', 'c1');
    expect(out.outcome.ok ? '' : out.outcome.error.msg).toBe(
      'plugin type="nope" name="x" failed (add): failed to find plugin "nope" in path [/opt/cni/bin]',
    );
  });
});

describe('ptp and macvlan (reference C.5)', () => {
  it('ptp: veth without a bridge, ips on interface 1', () => {
    const host = testHost();
    const list = {
      cniVersion: '1.0.0',
      name: 'p',
      plugins: [{ type: 'ptp', ipam: { type: 'host-local', subnet: '10.244.1.0/24' } }],
    };
    const out = run(host, list, 'ADD', 'c1');
    if (!out.outcome.ok) throw new Error(out.outcome.error.msg);
    expect(out.outcome.result?.interfaces?.map((i) => i.name)).toEqual([
      expect.stringMatching(/^veth[0-9a-f]{8}$/),
      'eth0',
    ]);
    expect(out.outcome.result?.ips?.[0]).toEqual({
      address: '10.244.1.2/24',
      gateway: '10.244.1.1',
      interface: 1,
    });
    expect(host.devices).toEqual({});
  });

  it('macvlan: only the pod interface, master lookup and MTU checks', () => {
    const list = (extra: Record<string, unknown>) => ({
      cniVersion: '1.0.0',
      name: 'm',
      plugins: [{ type: 'macvlan', ...extra, ipam: { type: 'host-local', subnet: '10.244.1.0/24' } }],
    });
    const out = run(testHost(), list({ master: 'eth0' }), 'ADD', 'c1');
    expect(out.outcome.ok && out.outcome.result?.interfaces?.map((i) => i.name)).toEqual(['eth0']);
    const bad = run(testHost(), list({ master: 'eth9' }), 'ADD', 'c1');
    expect(bad.outcome.ok ? '' : bad.outcome.error.msg).toContain(
      'failed to lookup master "eth9": Link not found',
    );
    const mtu = run(testHost(), list({ mtu: 9000 }), 'ADD', 'c1');
    expect(mtu.outcome.ok ? '' : mtu.outcome.error.msg).toContain(
      'invalid MTU 9000, must be [0, master MTU(1500)]',
    );
  });
});

describe('an IPAM answer without an IP config', () => {
  it('is released with IPAM DEL and reported by bridge, ptp and macvlan alike', () => {
    const dels: string[] = [];
    registerCniPlugin({
      type: 'no-ips',
      add: (_call, conf) => ({ ok: true, result: { cniVersion: conf.cniVersion, ips: [] } }),
      del: (call) => {
        dels.push(call.env.CNI_CONTAINERID);
        return { ok: true };
      },
      check: () => ({ ok: true }),
    });
    for (const type of ['bridge', 'ptp', 'macvlan']) {
      const host = testHost();
      const list: NetConfList = {
        cniVersion: '1.0.0',
        name: 'mynet',
        plugins: [{ type, ipam: { type: 'no-ips' } }],
      };
      const out = run(host, list, 'ADD', `c-${type}`);
      expect(out.outcome.ok ? null : out.outcome.error.msg).toBe(
        `plugin type="${type}" name="mynet" failed (add): IPAM plugin returned missing IP config`,
      );
    }
    // Each plugin released what IPAM may have taken, once.
    expect(dels).toEqual(['c-bridge', 'c-ptp', 'c-macvlan']);
  });
});
