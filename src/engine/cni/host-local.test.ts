import { describe, expect, it } from 'vitest';
import { hostLocalBeforeAdd, hostLocalFiles } from './host-local.ts';
import { parseHostLocalConfig, rangeSetToString } from './host-local-config.ts';
import { bridgeList, run, testHost } from './test-host.ts';

/** The host's `mynet` files by name. */
function filesOf(host: ReturnType<typeof testHost>): Record<string, string> {
  const store = host.ipam['mynet'];
  return store === undefined ? {} : hostLocalFiles(store);
}

function ipOf(o: ReturnType<typeof run>): string | undefined {
  return o.outcome.ok ? o.outcome.result?.ips?.[0]?.address : undefined;
}
function errOf(o: ReturnType<typeof run>): string | undefined {
  return o.outcome.ok ? undefined : o.outcome.error.msg;
}

describe('host-local allocation (reference B.2)', () => {
  it('starts at .2 (rangeStart .1 is the gateway and skipped) and goes round-robin', () => {
    const host = testHost();
    expect(ipOf(run(host, bridgeList(), 'ADD', 'c1'))).toBe('10.244.1.2/24');
    expect(ipOf(run(host, bridgeList(), 'ADD', 'c2'))).toBe('10.244.1.3/24');
    expect(host.ipam['mynet']?.lastReserved['0']).toBe('10.244.1.3');
    expect(filesOf(host)).toEqual({ '10.244.1.2': 'c1\r\neth0', '10.244.1.3': 'c2\r\neth0' });
  });

  it('names files by dotted quad, listed in address order (.9 before .10)', () => {
    const host = testHost();
    for (let i = 0; i < 10; i++) run(host, bridgeList(), 'ADD', `c${i}`);
    const names = Object.keys(filesOf(host));
    expect(names.slice(7)).toEqual(['10.244.1.9', '10.244.1.10', '10.244.1.11']);
    expect(JSON.parse(JSON.stringify(host.ipam['mynet']))).toEqual(host.ipam['mynet']);
  });

  it('does not reuse a released IP before wrap-around', () => {
    const host = testHost();
    run(host, bridgeList(), 'ADD', 'c1');
    run(host, bridgeList(), 'DEL', 'c1');
    expect(filesOf(host)).toEqual({});
    expect(ipOf(run(host, bridgeList(), 'ADD', 'c2'))).toBe('10.244.1.3/24');
  });

  it('wraps, and reports exhaustion with the exact wrapped text', () => {
    const host = testHost();
    const ipam = { type: 'host-local', ranges: [[{ subnet: '10.244.1.0/29' }]] };
    const got = ['a', 'b', 'c', 'd', 'e'].map((id) => ipOf(run(host, bridgeList(ipam), 'ADD', id)));
    expect(got).toEqual([
      '10.244.1.2/29',
      '10.244.1.3/29',
      '10.244.1.4/29',
      '10.244.1.5/29',
      '10.244.1.6/29',
    ]);
    run(host, bridgeList(ipam), 'DEL', 'b');
    expect(ipOf(run(host, bridgeList(ipam), 'ADD', 'f'))).toBe('10.244.1.3/29');
    expect(errOf(run(host, bridgeList(ipam), 'ADD', 'g'))).toBe(
      'plugin type="bridge" name="mynet" failed (add): failed to allocate for range 0: no IP addresses available in range set: 10.244.1.1-10.244.1.6',
    );
  });

  it('gives the /24 exhaustion text from the issue', () => {
    const host = testHost();
    for (let i = 0; i < 253; i++) run(host, bridgeList(), 'ADD', `c${i}`, { record: false });
    expect(errOf(run(host, bridgeList(), 'ADD', 'last'))).toContain(
      'failed to allocate for range 0: no IP addresses available in range set: 10.244.1.1-10.244.1.254',
    );
  });

  it('refuses a duplicate allocation for the same container and ifname', () => {
    const host = testHost();
    run(host, bridgeList(), 'ADD', 'c1');
    expect(errOf(run(host, bridgeList(), 'ADD', 'c1'))).toContain(
      '10.244.1.2 has been allocated to c1, duplicate allocation is not allowed',
    );
  });

  it('tells owners apart whose index fingerprints collide', () => {
    // Two container ids whose "<id>\r\neth0" share a 32-bit FNV-1a hash (birthday search).
    const fnv = (s: string): number => {
      let h = 0x811c9dc5;
      for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
      return h | 0;
    };
    const seen = new Map<number, string>();
    let pair: [string, string] | null = null;
    for (let i = 0; pair === null; i++) {
      const id = `c${i.toString(16)}`;
      const other = seen.get(fnv(`${id}\r\neth0`));
      if (other !== undefined) pair = [other, id];
      else seen.set(fnv(`${id}\r\neth0`), id);
    }
    const [first, second] = pair;
    const host = testHost();
    expect(ipOf(run(host, bridgeList(), 'ADD', first))).toBe('10.244.1.2/24');
    expect(ipOf(run(host, bridgeList(), 'ADD', second))).toBe('10.244.1.3/24');
    expect(errOf(run(host, bridgeList(), 'ADD', second))).toContain(
      `10.244.1.3 has been allocated to ${second}, duplicate allocation is not allowed`,
    );
    expect(run(host, bridgeList(), 'DEL', second).outcome.ok).toBe(true);
    expect(filesOf(host)).toEqual({ '10.244.1.2': `${first}\r\neth0` });
  });

  it('honours a requested IP from CNI_ARGS and moves last_reserved_ip', () => {
    const host = testHost();
    expect(ipOf(run(host, bridgeList(), 'ADD', 'c1', { args: 'IgnoreUnknown=1;IP=10.244.1.10/24' }))).toBe(
      '10.244.1.10/24',
    );
    expect(ipOf(run(host, bridgeList(), 'ADD', 'c2'))).toBe('10.244.1.11/24');
    expect(errOf(run(host, bridgeList(), 'ADD', 'c3', { args: 'IP=10.244.1.10' }))).toContain(
      'failed to allocate for range 0: requested IP address 10.244.1.10 is not available in range set 10.244.1.1-10.244.1.254',
    );
    expect(errOf(run(host, bridgeList(), 'ADD', 'c4', { args: 'IP=10.244.1.1' }))).toContain(
      "requested ip 10.244.1.1 is subnet's gateway",
    );
    expect(errOf(run(host, bridgeList(), 'ADD', 'c5', { args: 'IP=10.9.9.9' }))).toContain(
      'failed to allocate all requested IPs: 10.9.9.9',
    );
  });

  it('CHECK finds the address; DEL is idempotent', () => {
    const host = testHost();
    run(host, bridgeList(), 'ADD', 'c1');
    expect(run(host, bridgeList(), 'CHECK', 'c1').outcome.ok).toBe(true);
    expect(run(host, bridgeList(), 'DEL', 'c1').outcome.ok).toBe(true);
    expect(run(host, bridgeList(), 'DEL', 'c1').outcome.ok).toBe(true);
    expect(errOf(run(host, bridgeList(), 'CHECK', 'c1'))).toContain(
      'host-local: Failed to find address added by container c1',
    );
  });
});

describe('hostLocalBeforeAdd', () => {
  it("frees the owner's address and positions last_reserved_ip so the replayed ADD gets it again", () => {
    const host = testHost();
    for (const id of ['a', 'b', 'c']) run(host, bridgeList(), 'ADD', id);
    run(host, bridgeList(), 'DEL', 'a');
    const store = host.ipam['mynet'];
    if (store === undefined) throw new Error('no store');
    const frozen = JSON.stringify(store);
    const before = hostLocalBeforeAdd(store, 'b\r\neth0');
    expect(JSON.stringify(store)).toBe(frozen);
    expect(hostLocalFiles(before)).toEqual({ '10.244.1.4': 'c\r\neth0' });
    expect(before.lastReserved).toEqual({ '0': '10.244.1.2' });
    const replay = { ...testHost(), ipam: { mynet: before } };
    expect(ipOf(run(replay, bridgeList(), 'ADD', 'b'))).toBe('10.244.1.3/24');
  });
});

describe('host-local config validation (reference B.1)', () => {
  const cases: Array<[unknown, string]> = [
    [{ subnet: '192.0.2.0/31' }, 'invalid range set 0: Network 192.0.2.0/31 too small to allocate from'],
    [
      { subnet: '192.0.2.12/24' },
      'invalid range set 0: Network has host bits set. For a subnet mask of length 24 the network address is 192.0.2.0',
    ],
    [
      { subnet: '192.0.2.0/24', rangeStart: '192.0.3.0' },
      'invalid range set 0: RangeStart 192.0.3.0 not in network 192.0.2.0/24',
    ],
    [
      { subnet: '192.0.2.0/24', rangeEnd: '192.0.4.0' },
      'invalid range set 0: RangeEnd 192.0.4.0 not in network 192.0.2.0/24',
    ],
    [
      { subnet: '192.0.2.0/24', rangeStart: '192.0.2.50', rangeEnd: '192.0.2.40' },
      'invalid range set 0: RangeStart 192.0.2.50 not in network 192.0.2.0/24',
    ],
    [
      { ranges: [[{ subnet: '192.168.0.0/20' }, { subnet: '192.168.2.0/24' }]] },
      'invalid range set 0: subnets 192.168.0.1-192.168.15.254 and 192.168.2.1-192.168.2.254 overlap',
    ],
    [{ ranges: [[{ subnet: '10.0.0.0/24' }], [{ subnet: '10.0.0.0/25' }]] }, 'range set 0 overlaps with 1'],
    [{ type: 'host-local' }, 'no IP ranges specified'],
    [undefined, "IPAM config missing 'ipam' key"],
  ];
  it.each(cases)('%j → %s', (ipam, message) => {
    expect(parseHostLocalConfig(ipam as never)).toBe(message);
  });

  it('defaults: gateway .1, rangeStart .1, rangeEnd broadcast − 1', () => {
    const cfg = parseHostLocalConfig({ subnet: '192.168.1.0/29' });
    if (typeof cfg === 'string') throw new Error(cfg);
    expect(rangeSetToString(cfg.rangeSets[0] ?? [])).toBe('192.168.1.1-192.168.1.6');
  });

  it('a gateway outside the range makes .1 usable', () => {
    const host = testHost();
    const ipam = {
      type: 'host-local',
      ranges: [[{ subnet: '10.244.1.0/24', gateway: '10.244.1.254', rangeEnd: '10.244.1.200' }]],
    };
    expect(ipOf(run(host, bridgeList(ipam, { isGateway: false }), 'ADD', 'c1'))).toBe('10.244.1.1/24');
  });
});
