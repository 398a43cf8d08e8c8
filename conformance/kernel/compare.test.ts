import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  diffLines,
  eui64LinkLocal,
  explain,
  flattenJson,
  macOfLinkLocal,
  maskUnknownMacs,
  Normaliser,
  parseKnown,
  parseTcpdump,
  parseTraceroute,
} from './compare.ts';

describe('kernel suite comparison', () => {
  it('derives the EUI-64 link-local address as the kernel does (reference output, pod a)', () => {
    expect(eui64LinkLocal('7e:2f:98:4f:da:88')).toBe('fe80::7c2f:98ff:fe4f:da88');
    expect(eui64LinkLocal('e6:ea:f5:ed:2e:e8')).toBe('fe80::e4ea:f5ff:feed:2ee8');
  });

  it('maps random values to the lab counterparts, with the derived link-local and multicast MAC', () => {
    const n = new Normaliser();
    n.map('d2:c9:59:f7:60:ff', '26:00:00:00:00:01');
    n.map('vethdae18be1', 'veth8cdefeff');
    expect(n.line('d2:c9:59:f7:60:ff dev vethdae18be1 master cni0 permanent  ')).toBe(
      '26:00:00:00:00:01 dev veth8cdefeff master cni0 permanent',
    );
    expect(n.line('    inet6 fe80::d0c9:59ff:fef7:60ff/64 scope link')).toBe(
      '    inet6 fe80::2400:ff:fe00:1/64 scope link',
    );
    expect(n.line('33:33:ff:f7:60:ff dev vethdae18be1 self permanent')).toBe(
      '33:33:ff:00:00:01 dev veth8cdefeff self permanent',
    );
  });

  it('masks only MACs the lab never drew', () => {
    const known = new Set(['aa:bb:cc:dd:ee:ff']);
    expect(maskUnknownMacs('aa:bb:cc:dd:ee:ff 12:34:56:78:9a:bc 33:33:00:00:00:01', known)).toBe(
      'aa:bb:cc:dd:ee:ff <random-mac> 33:33:00:00:00:01',
    );
  });

  it('diffs lines as multisets', () => {
    const d = diffLines({ scenario: 's', subject: 't', lab: ['a', 'b', 'b'], linux: ['b', 'c'] });
    expect(d.map((x) => `${x.side}:${x.line}`)).toEqual(['lab:a', 'lab:b', 'linux:c']);
  });

  it('explains a difference only with an entry matching side, scenario, subject and the whole line', () => {
    const known = parseKnown([
      { id: 'dns', subject: 'pod .*: CNI Result', side: 'linux', line: 'dns = \\{\\}', reason: 'gap 9' },
    ]);
    if (!known.ok) throw new Error(known.message);
    const { explained, unexplained } = explain(
      [
        { scenario: 's', subject: 'pod a: CNI Result', side: 'linux', line: 'dns = {}' },
        { scenario: 's', subject: 'pod a: CNI Result', side: 'lab', line: 'dns = {}' },
        { scenario: 's', subject: 'pod a: CNI Result', side: 'linux', line: 'dns = {} x' },
      ],
      known.known,
    );
    expect(explained.get('dns')?.length).toBe(1);
    expect(unexplained.length).toBe(2);
  });

  it('refuses a known-differences entry with an unknown key, a bad side or a bad regex', () => {
    const base = { id: 'x', subject: 's', side: 'lab', line: 'l', reason: 'r' };
    expect(parseKnown([{ ...base, extra: 1 }]).ok).toBe(false);
    expect(parseKnown([{ ...base, side: 'both' }]).ok).toBe(false);
    expect(parseKnown([{ ...base, line: '(' }]).ok).toBe(false);
    expect(parseKnown([base, base]).ok).toBe(false);
  });

  it('the committed known-differences file is valid and gives every entry a reason', () => {
    const file = JSON.parse(readFileSync(join(__dirname, 'known-differences.json'), 'utf8')) as {
      differences: unknown;
    };
    const known = parseKnown(file.differences);
    expect(known.ok).toBe(true);
  });

  it('flattens a Result so a diff names the field', () => {
    expect(flattenJson({ cniVersion: '0.3.1', ips: [{ version: '4' }], dns: {} })).toEqual([
      'cniVersion = "0.3.1"',
      'ips[0].version = "4"',
      'dns = {}',
    ]);
  });

  it('reads traceroute -n hops and drops trailing silent hops', () => {
    const out = [
      'traceroute to 10.244.1.2 (10.244.1.2), 30 hops max, 60 byte packets',
      ' 1  10.244.0.1  0.060 ms',
      ' 2  10.244.1.0  0.065 ms',
      ' 3  10.244.1.2  0.042 ms',
    ].join('\n');
    expect(parseTraceroute(out)).toEqual(['10.244.0.1', '10.244.1.0', '10.244.1.2']);
    expect(parseTraceroute(' 1  10.0.0.1  1 ms\n 2  *\n 3  *')).toEqual(['10.0.0.1']);
  });

  it('reads VXLAN frames from tcpdump as the reference prints them, source port masked', () => {
    const out = [
      '03:36:35.562324 IP 192.168.56.11.40733 > 192.168.56.12.8472: OTV, flags [I] (0x08), overlay 0, instance 1',
      'IP 10.244.0.2 > 10.244.1.2: ICMP echo request, id 995, seq 1, length 64',
      '03:36:35.562395 IP 192.168.56.12.40733 > 192.168.56.11.8472: OTV, flags [I] (0x08), overlay 0, instance 1',
      'IP 10.244.1.2 > 10.244.0.2: ICMP echo reply, id 995, seq 1, length 64',
      '03:36:35.6 IP 192.168.56.11.1 > 192.168.56.12.4789: VXLAN, flags [I] (0x08), vni 4096',
      'IP 172.16.0.2 > 172.16.0.66: ICMP echo request, id 1, seq 1, length 64',
      '03:36:35.7 IP 10.244.0.2 > 10.244.1.2: ICMP echo request, id 1, seq 1, length 64',
    ].join('\n');
    expect(parseTcpdump(out)).toEqual([
      'IP 192.168.56.11.* > 192.168.56.12.8472: VXLAN vni 1 | IP 10.244.0.2 > 10.244.1.2: ICMP echo request',
      'IP 192.168.56.12.* > 192.168.56.11.8472: VXLAN vni 1 | IP 10.244.1.2 > 10.244.0.2: ICMP echo reply',
      'IP 192.168.56.11.* > 192.168.56.12.4789: VXLAN vni 4096 | IP 172.16.0.2 > 172.16.0.66: ICMP echo request',
      'IP 10.244.0.2 > 10.244.1.2: ICMP echo request',
    ]);
  });
});

describe('macOfLinkLocal', () => {
  it('reads back the MAC a modified-EUI-64 link-local was made from', () => {
    // Printed by a real bridge that never had its MAC pinned (ip addr: link/ether 00:00:…).
    expect(macOfLinkLocal('fe80::ec9c:ddff:fee8:81b/64')).toBe('ee:9c:dd:e8:08:1b');
    for (const mac of ['02:00:00:00:00:01', '46:46:df:d4:71:2e', 'aa:bb:00:fe:00:ff'])
      expect(macOfLinkLocal(`${eui64LinkLocal(mac)}/64`)).toBe(mac);
    expect(macOfLinkLocal('fe80::1/64')).toBeUndefined();
  });
});
