import { describe, expect, it } from 'vitest';
import { listRow, ruleWords } from './iptables.ts';
import { terminal } from './test-cluster.ts';

describe('iptables', () => {
  it('-S CHAIN prints that chain alone; an unknown chain is iptables own error', () => {
    const t = terminal();
    t.type('ssh node-1');
    const all = t.type('iptables -t nat -S');
    const one = t.type('iptables -t nat -S FLANNEL-POSTRTG');
    expect(one.split('\n')[0]).toBe('-N FLANNEL-POSTRTG');
    expect(
      one
        .split('\n')
        .slice(1, -1)
        .every((l) => l.startsWith('-A FLANNEL-POSTRTG ')),
    ).toBe(true);
    expect(all).toContain(one.split('\n')[1]);
    expect(t.type('iptables -t nat -S POSTROUTING').split('\n')[0]).toBe('-P POSTROUTING ACCEPT');
    expect(t.type('iptables -t nat -S NOPE')).toBe('iptables: No chain/target/match by that name.\n');
  });

  it('-L CHAIN -n prints one block with each match as its extension prints it', () => {
    const t = terminal();
    t.type('ssh node-1');
    const out = t.type('iptables -t nat -L FLANNEL-POSTRTG -n');
    expect(out.split('\n')[0]).toBe('Chain FLANNEL-POSTRTG (1 references)');
    expect(out).toContain(
      'RETURN     all  --  0.0.0.0/0            0.0.0.0/0            mark match 0x4000/0x4000 /* flanneld masq */',
    );
    expect(out).toContain(
      'MASQUERADE all  --  10.244.0.0/16        !224.0.0.0/4         /* flanneld masq */ random-fully',
    );
    expect(t.type('iptables -t nat -L FLANNEL-POSTRTG')).toContain('anywhere');
  });

  it('reads quoted comments with escaped quotes, ports, DNAT targets and marks', () => {
    const dnat =
      '-A CNI-HOSTPORT-DNAT -p tcp -m comment --comment "dnat name: \\"cbr0\\" id: \\"abc\\"" -m multiport --dports 8080 -j CNI-DN-1';
    expect(ruleWords(dnat)).toContain('dnat name: "cbr0" id: "abc"');
    expect(listRow(dnat, true)).toMatchObject({
      target: 'CNI-DN-1',
      prot: 'tcp',
      extra: ['/* dnat name: "cbr0" id: "abc" */', 'multiport dports 8080'],
    });
    expect(
      listRow('-A CNI-DN-1 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 10.244.0.2:80', false).extra,
    ).toEqual(['tcp dpt:http-alt', 'to:10.244.0.2:80']);
    expect(
      listRow('-A CNI-HOSTPORT-SETMARK -m comment --comment "m" -j MARK --set-xmark 0x2000/0x2000', true)
        .extra,
    ).toEqual(['/* m */', 'MARK or 0x2000']);
    expect(listRow('-A X -s 127.0.0.1/32 -j Y', false).source).toBe('localhost');
    expect(listRow('-A PREROUTING -m addrtype --dst-type LOCAL -j Z', true).extra).toEqual([
      'ADDRTYPE match dst-type LOCAL',
    ]);
  });
});

describe('bridge fdb', () => {
  it('dev DEV keeps that device’s rows without their dev word; br BRIDGE keeps the bridge and its ports', () => {
    const t = terminal();
    t.type('ssh node-1');
    const all = t.type('bridge fdb show').trimEnd().split('\n');
    const flannel = t.type('bridge fdb show dev flannel.1').trimEnd().split('\n');
    expect(flannel).toEqual(
      all.filter((r) => r.includes(' dev flannel.1 ')).map((r) => r.replace(' dev flannel.1', '')),
    );
    expect(flannel[0]).toMatch(/^\S+ dst 192\.168\.56\.12 self permanent$/);
    const br = t.type('bridge fdb show br cni0').trimEnd().split('\n');
    expect(br.length).toBeGreaterThan(0);
    expect(br.every((r) => / dev (cni0|veth\S+) /.test(r))).toBe(true);
    expect(br.some((r) => r.includes(' dev eth0 '))).toBe(false);
    expect(t.type('bridge fdb show dev nope')).toBe('Cannot find device "nope"\n');
  });
});
