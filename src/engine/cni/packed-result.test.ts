import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyCommands,
  cniExchangeForPod,
  createCluster,
  type ClusterSpec,
  type ClusterState,
} from '../index.ts';
import type { CniInterface, CniIpConfig, CniResult } from './spec-types.ts';
import {
  canonicalResult,
  isShape,
  packMac,
  packResult,
  packVeth,
  sandboxResult,
  ShapeCache,
  unpackResult,
} from './packed-result.ts';

const NETNS = '/var/run/netns/cni-1234';
const IFNAME = 'eth0';

const lowerMac = fc
  .array(fc.integer({ min: 0, max: 255 }), { minLength: 6, maxLength: 6 })
  .map((b) => b.map((x) => x.toString(16).padStart(2, '0')).join(':'));
/** Mostly canonical MACs (kept as integers), and forms that must be kept as written. */
const mac = fc.oneof(
  { arbitrary: lowerMac, weight: 4 },
  lowerMac.map((m) => m.toUpperCase()),
  lowerMac.map((m) => m.replaceAll(':', '-')),
  fc.string({ minLength: 17, maxLength: 17 }),
);
const ipv4 = fc.ipV4();
const maybe = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined });

/** `o` without its undefined fields, as type `R`. */
function compact<R>(o: object): R {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as R;
}

/** Results in the layout every plugin here returns, with every optional part varied. */
const commonLayout: fc.Arbitrary<CniResult> = fc
  .record({
    cniVersion: fc.constantFrom('0.4.0', '1.0.0', '1.1.0'),
    lead: maybe(fc.record({ name: fc.constantFrom('cni0', 'cbr0', 'weave'), mac })),
    peer: maybe(
      fc.record({
        name: fc.oneof(fc.stringMatching(/^(veth|cali)[0-9a-fA-F]{8}$/), fc.string({ maxLength: 15 })),
        mac: maybe(mac),
        // calico lists its host veth by name alone, without the MTU eth0 carries.
        withMtu: fc.boolean(),
      }),
    ),
    podMac: maybe(mac),
    mtu: maybe(fc.integer({ min: 576, max: 9000 })),
    ip: ipv4,
    prefix: fc.integer({ min: 0, max: 32 }),
    gateway: maybe(ipv4),
    ipInterface: maybe(fc.integer({ min: 0, max: 2 })),
    routes: maybe(
      fc.array(
        fc.record({ dst: fc.constantFrom('0.0.0.0/0', '10.244.0.0/16'), gw: maybe(ipv4) }).map(compact),
      ),
    ),
    // calico-ipam's one route to the pod's own address, with its block's prefix.
    ownRoute: maybe(fc.integer({ min: 0, max: 32 })),
    dns: maybe(fc.record({ nameservers: fc.array(ipv4, { maxLength: 2 }) })),
    reversed: fc.boolean(),
  })
  .filter((x) => x.lead === undefined || x.peer !== undefined)
  .map((x) => {
    const interfaces: CniInterface[] = [];
    if (x.lead !== undefined) interfaces.push(x.lead);
    if (x.peer !== undefined)
      interfaces.push(
        compact<CniInterface>({
          name: x.peer.name,
          mac: x.peer.mac,
          mtu: x.peer.withMtu ? x.mtu : undefined,
        }),
      );
    interfaces.push(compact<CniInterface>({ name: IFNAME, mac: x.podMac, mtu: x.mtu, sandbox: NETNS }));
    const ip = compact<CniIpConfig>({
      address: `${x.ip}/${x.prefix}`,
      gateway: x.gateway,
      interface: x.ipInterface,
    });
    const r = compact<CniResult>({
      cniVersion: x.cniVersion,
      interfaces,
      ips: [ip],
      routes: x.ownRoute === undefined ? x.routes : [{ dst: `${x.ip}/${x.ownRoute}` }],
      dns: x.dns,
    });
    // Plugins build their fields in varying order; the key order must not matter.
    return x.reversed
      ? (Object.fromEntries(Object.entries(r).reverse()) as unknown as CniResult)
      : (r as CniResult);
  });

/** Results in other layouts: kept whole. */
const otherLayout: fc.Arbitrary<CniResult> = fc.oneof(
  fc.constant<CniResult>({ cniVersion: '1.0.0', ips: [{ address: '10.1.0.2/24' }] }),
  fc
    .constantFrom('10.1.0.2', '10.1.0.2/024', '10.1.0.2/33', '10.1.0.2/', '10.1.0.2/2a')
    .map((address): CniResult => ({
      cniVersion: '1.0.0',
      interfaces: [{ name: 'eth0', sandbox: NETNS }],
      ips: [{ address, interface: 0 }],
    })),
  fc.constant<CniResult>({
    cniVersion: '1.0.0',
    interfaces: [{ name: 'eth0', sandbox: NETNS }],
    ips: [{ address: '10.1.0.2/24' }, { address: 'fd00::2/64' }],
  }),
  fc.constant<CniResult>({
    cniVersion: '1.0.0',
    interfaces: [{ name: 'net1', sandbox: NETNS }],
    ips: [{ address: '10.1.0.2/24', interface: 0 }],
  }),
  fc.constant({
    cniVersion: '1.0.0',
    interfaces: [{ name: 'eth0', sandbox: NETNS, socketPath: '/run/x.sock' }],
    ips: [{ address: '10.1.0.2/24', interface: 0 }],
  } as unknown as CniResult),
  fc.constant<CniResult>({
    cniVersion: '1.0.0',
    interfaces: [
      { name: 'veth1', mtu: 1400 },
      { name: 'eth0', mtu: 1450, sandbox: NETNS },
    ],
    ips: [{ address: '10.1.0.2/24', interface: 1 }],
  }),
  // A peer with an MTU its container interface does not have.
  fc.constant<CniResult>({
    cniVersion: '1.0.0',
    interfaces: [
      { name: 'cali0123456789a', mtu: 1450 },
      { name: 'eth0', sandbox: NETNS },
    ],
    ips: [{ address: '10.1.0.2/32', interface: 1 }],
  }),
);

describe('packed Results', () => {
  it('prints dns, empty as {}, and ips[].version before 1.0.0, as the Go types marshal a Result', () => {
    const at = (cniVersion: string): CniResult => ({
      cniVersion,
      interfaces: [{ name: IFNAME, sandbox: NETNS }],
      ips: [{ interface: 0, address: '10.244.0.2/24', gateway: '10.244.0.1' }],
    });
    const old = unpackResult(packResult(at('0.3.1'), NETNS, IFNAME, new ShapeCache()), NETNS, IFNAME);
    expect(JSON.stringify(old.ips)).toBe(
      '[{"version":"4","interface":0,"address":"10.244.0.2/24","gateway":"10.244.0.1"}]',
    );
    expect(old.dns).toEqual({});
    expect(Object.keys(old)).toEqual(['cniVersion', 'interfaces', 'ips', 'dns']);
    const now = canonicalResult(at('1.0.0'));
    expect(now.ips?.[0]).not.toHaveProperty('version');
    expect(now.dns).toEqual({});
    // A printed Result packs again into the same shape as the plugin's own.
    const shapes = new ShapeCache();
    const first = packResult(at('0.4.0'), NETNS, IFNAME, shapes);
    const again = packResult(canonicalResult(at('0.4.0')), NETNS, IFNAME, shapes);
    expect(again.result).toBe(first.result);
  });

  it('keeps an empty gateway apart from a missing one', () => {
    const shapes = new ShapeCache();
    const base = (ip: CniIpConfig): CniResult => ({
      cniVersion: '1.0.0',
      interfaces: [{ name: IFNAME, sandbox: NETNS }],
      ips: [ip],
    });
    const none = base({ address: '10.1.0.2/24', interface: 0 });
    const empty = base({ address: '10.1.0.3/24', gateway: '', interface: 0 });
    const a = packResult(none, NETNS, IFNAME, shapes);
    const b = packResult(empty, NETNS, IFNAME, shapes);
    expect(unpackResult(a, NETNS, IFNAME)).toEqual(canonicalResult(none));
    expect(unpackResult(b, NETNS, IFNAME)).toEqual(canonicalResult(empty));
  });

  it('gives every caller its own copy of the shared parts', () => {
    const shapes = new ShapeCache();
    const r: CniResult = {
      cniVersion: '1.0.0',
      interfaces: [{ name: IFNAME, sandbox: NETNS }],
      ips: [{ address: '10.1.0.2/24', interface: 0 }],
      routes: [{ dst: '0.0.0.0/0' }],
      dns: { nameservers: ['10.96.0.10'] },
    };
    const packed = packResult(r, NETNS, IFNAME, shapes);
    const first = unpackResult(packed, NETNS, IFNAME);
    first.dns?.nameservers?.push('8.8.8.8');
    first.routes?.push({ dst: '10.0.0.0/8' });
    expect(unpackResult(packed, NETNS, IFNAME)).toEqual(r);
  });

  it('packs the common layout and gives back the same Result', () => {
    fc.assert(
      fc.property(commonLayout, (r) => {
        const shapes = new ShapeCache();
        const packed = packResult(r, NETNS, IFNAME, shapes);
        expect(isShape(packed.result)).toBe(true);
        // The next pod's equal Result (new objects, the same DNS settings) shares the shape.
        const next: CniResult = {
          ...r,
          interfaces: r.interfaces?.map((i) => ({ ...i })),
          ips: r.ips?.map((i) => ({ ...i })),
          ...(r.routes ? { routes: r.routes.map((x) => ({ ...x })) } : {}),
        } as CniResult;
        const again = packResult(next, NETNS, IFNAME, shapes);
        expect(again.result).toBe(packed.result);
        const back = unpackResult(packed, NETNS, IFNAME);
        expect(back).toEqual(canonicalResult(r));
        expect(JSON.stringify(back)).toBe(JSON.stringify(canonicalResult(r)));
      }),
    );
  });

  it('keeps canonical veth names and MACs as small integers, anything else as written', () => {
    expect(packVeth('veth0000000a')).toBe(10);
    expect(packVeth('vethffffffff')).toBe(-1);
    for (const name of ['vethFFFFFFFF', 'veth1234567', 'cali12345678', 'eth0'])
      expect(packVeth(name)).toBe(name);
    expect(packMac('02:42:ac:11:00:02')).toBe(0x0242ac);
    expect(packMac('02:42:AC:11:00:02')).toBe('02:42:AC:11:00:02');
    expect(packMac('02-42-ac-11-00-02')).toBe('02-42-ac-11-00-02');
    // Every value stays a small integer (a V8 Smi even with 31-bit Smis) except the veth word.
    const packed = packResult(
      {
        cniVersion: '1.0.0',
        interfaces: [
          { name: 'vethffffffff', mac: 'ff:ff:ff:ff:ff:ff' },
          { name: IFNAME, mac: '02:00:00:00:00:01', sandbox: NETNS },
        ],
        ips: [{ interface: 1, address: '10.244.1.2/24' }],
      },
      NETNS,
      IFNAME,
      new ShapeCache(),
    );
    expect([packed.hostIf, packed.hostMac, packed.hostMacLo, packed.podMac, packed.podMacLo]).toEqual([
      -1, 0xffffff, 0xffffff, 0x020000, 0x000001,
    ]);
    expect(unpackResult(packed, NETNS, IFNAME).interfaces).toEqual([
      { name: 'vethffffffff', mac: 'ff:ff:ff:ff:ff:ff' },
      { name: IFNAME, mac: '02:00:00:00:00:01', sandbox: NETNS },
    ]);
  });

  it('keeps any other layout whole', () => {
    fc.assert(
      fc.property(otherLayout, (r) => {
        const packed = packResult(r, NETNS, IFNAME, new ShapeCache());
        expect(isShape(packed.result)).toBe(false);
        expect(unpackResult(packed, NETNS, IFNAME)).toEqual(canonicalResult(r));
      }),
    );
  });

  it("shares one shape among a node's Calico pods: host veth by name only, a route to each pod's own address", () => {
    const shapes = new ShapeCache();
    const calico = (n: number, hostIf: string, podMac: string): CniResult => ({
      cniVersion: '1.0.0',
      interfaces: [{ name: hostIf }, { name: IFNAME, mac: podMac, mtu: 1450, sandbox: NETNS }],
      ips: [{ interface: 1, address: `172.16.41.${n}/32` }],
      routes: [{ dst: `172.16.41.${n}/26` }],
    });
    const a = calico(193, 'caliacd53aa4120', '1e:27:26:7d:b4:df');
    const b = calico(194, 'califf6fc35a693', '6a:01:02:03:04:05');
    const pa = packResult(a, NETNS, IFNAME, shapes);
    const pb = packResult(b, NETNS, IFNAME, shapes);
    expect(isShape(pa.result)).toBe(true);
    expect(pb.result).toBe(pa.result);
    expect(pa.result).toMatchObject({ peer: true, peerMtu: false, mtu: 1450, routes: null, ownRoute: 26 });
    expect(JSON.stringify(unpackResult(pb, NETNS, IFNAME))).toBe(
      '{"cniVersion":"1.0.0","interfaces":[{"name":"califf6fc35a693"},' +
        `{"name":"eth0","mac":"6a:01:02:03:04:05","mtu":1450,"sandbox":"${NETNS}"}],` +
        '"ips":[{"interface":1,"address":"172.16.41.194/32"}],"routes":[{"dst":"172.16.41.194/26"}],"dns":{}}',
    );
    // A route to another address, or with a gateway, is a shared route, not the pod's own.
    for (const routes of [[{ dst: '172.16.41.19/26' }], [{ dst: '172.16.41.193/26', gw: '169.254.1.1' }]]) {
      const r = { ...a, routes };
      const p = packResult(r, NETNS, IFNAME, shapes);
      expect(p.result).toMatchObject({ ownRoute: -1, routes });
      expect(unpackResult(p, NETNS, IFNAME)).toEqual(canonicalResult(r));
    }
  });

  it('prints fields in the order the Go types marshal them', () => {
    const r: CniResult = {
      routes: [{ gw: '10.244.1.1', dst: '0.0.0.0/0' }],
      ips: [{ gateway: '10.244.1.1', address: '10.244.1.2/24', interface: 2 }],
      interfaces: [
        { mac: '0a:58:0a:f4:01:01', name: 'cni0' },
        { name: 'veth1234abcd', mac: '0a:00:00:00:00:01' },
        { sandbox: NETNS, mac: '0a:00:00:00:00:02', name: 'eth0' },
      ],
      cniVersion: '1.0.0',
    };
    const text = JSON.stringify(unpackResult(packResult(r, NETNS, IFNAME, new ShapeCache()), NETNS, IFNAME));
    expect(text).toBe(
      '{"cniVersion":"1.0.0","interfaces":[{"name":"cni0","mac":"0a:58:0a:f4:01:01"},' +
        '{"name":"veth1234abcd","mac":"0a:00:00:00:00:01"},' +
        `{"name":"eth0","mac":"0a:00:00:00:00:02","sandbox":"${NETNS}"}],` +
        '"ips":[{"interface":2,"address":"10.244.1.2/24","gateway":"10.244.1.1"}],' +
        '"routes":[{"dst":"0.0.0.0/0","gw":"10.244.1.1"}],"dns":{}}',
    );
  });
});

/**
 * Replaying the pod's ADD: every IPAM and plugin answer carries the pod's address, the last
 * answer to the runtime is the stored Result, each answer is the next plugin's `prevResult`
 * (portmap may print it differently: see portmap.ts), and a `prevResult` prints like a Result.
 */
function expectExactReplay(state: ClusterState, key: string): void {
  const pod = state.pods[key];
  const sb = pod?.sandbox;
  if (pod === undefined || sb === undefined) throw new Error(`${key} has no sandbox`);
  const stored = JSON.stringify(sandboxResult(sb));
  const exchange = cniExchangeForPod(state, key);
  const answers = exchange.filter((x) => x.kind === 'response' && x.result?.ips !== undefined);
  expect(answers.length).toBeGreaterThan(0);
  for (const a of answers)
    expect(a.result?.ips?.[0]?.address.split('/')[0], `${a.from} → ${a.to}`).toBe(pod.ip);
  const toRuntime = answers.filter((x) => x.to === 'runtime');
  expect(JSON.stringify(toRuntime[toRuntime.length - 1]?.result)).toBe(stored);
  let last: CniResult | undefined;
  for (const x of exchange) {
    const prev = (x.stdin as { prevResult?: CniResult } | undefined)?.prevResult;
    if (prev !== undefined) expect(JSON.stringify(prev)).toBe(JSON.stringify(canonicalResult(prev)));
    if (x.kind === 'request' && x.from === 'runtime' && prev !== undefined)
      expect(JSON.stringify(prev)).toBe(JSON.stringify(last));
    if (x.kind === 'response' && x.to === 'runtime') last = x.result;
  }
}

const PLUGINS: Array<[string, NonNullable<ClusterSpec['network']>]> = [
  ['bridge', { plugin: 'bridge' }],
  ['ptp', { plugin: 'bridge', cni: 'ptp' }],
  ['macvlan', { plugin: 'bridge', cni: 'macvlan' }],
  ['flannel', { plugin: 'flannel' }],
  ['calico', { plugin: 'calico' }],
  ['weave', { plugin: 'weave' }],
];

describe.each(PLUGINS)('the sandboxes %s networks', (_, network) => {
  it('store the Result packed, and it is the Result the plugin chain returns', () => {
    const created = createCluster({ network, nodes: [{ name: 'node-1' }, { name: 'node-2' }] }, 3);
    if (!created.ok) throw new Error(JSON.stringify(created.problems));
    const { state } = applyCommands(
      created.state,
      ['a', 'b', 'c', 'd'].map((name) => ({ type: 'schedulePod' as const, name })),
    );
    for (const key of state.podOrder) {
      const pod = state.pods[key];
      const sb = pod?.sandbox;
      if (sb === undefined) throw new Error(`${key} has no sandbox`);
      expect(isShape(sb.result)).toBe(true);
      const result = sandboxResult(sb);
      expect(pod?.ip).toBe(result.ips?.[0]?.address.split('/')[0]);
      expectExactReplay(state, key);
    }
    // Deleting the oldest pods frees lower addresses; replays of the others still match.
    const after = applyCommands(state, [
      { type: 'deletePod', name: 'a' },
      { type: 'deletePod', name: 'b' },
    ]).state;
    for (const key of after.podOrder) expectExactReplay(after, key);
    // The pods of a node share one shape.
    for (const name of state.nodeOrder) {
      const shapes = new Set(state.nodes[name]?.pods.map((k) => state.pods[k]?.sandbox?.result));
      expect(shapes.size).toBe(1);
    }
  });
});

describe('the replay of a Calico pod in a borrowed block', () => {
  it("hands out the pod's own address, also after an older pod left", () => {
    // A /25 pool is two /26 blocks: node-1 fills its own block, then borrows node-2's.
    const created = createCluster(
      {
        clusterCIDR: '10.0.0.0/25',
        nodeCIDRMaskSize: 26,
        network: { plugin: 'calico' },
        nodes: [{ name: 'node-1' }, { name: 'node-2' }],
      },
      5,
    );
    if (!created.ok) throw new Error(JSON.stringify(created.problems));
    const names = Array.from({ length: 66 }, (_, i) => `p${i}`);
    const { state } = applyCommands(
      created.state,
      names.map((name) => ({ type: 'schedulePod' as const, name, node: 'node-1' })),
    );
    // node-1's own block is 10.0.0.64/26; the pods after it are in node-2's 10.0.0.0/26.
    const inOwnBlock = (n: string): boolean => Number(state.pods[`default/${n}`]?.ip?.split('.')[3]) >= 64;
    expect(inOwnBlock('p0')).toBe(true);
    const borrowed = names.find((n) => !inOwnBlock(n));
    expect(borrowed).toBeDefined();
    const after = applyCommands(state, [{ type: 'deletePod', name: 'p5' }]).state;
    expectExactReplay(after, `default/${borrowed}`);
  });
});
