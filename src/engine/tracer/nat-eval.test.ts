import { describe, expect, it } from 'vitest';
import { emptyRows, type KernelRows, type NatRow } from '../kernel/rows.ts';
import { postrouting } from './nat-eval.ts';
import { createRequest, type TraceProtocol } from './packet.ts';

function rows(nat: NatRow[]): KernelRows {
  return { ...emptyRows(), nat };
}

const SRC = '10.244.0.2';
const DST = '10.96.0.10';

function decide(r: KernelRows, protocol: TraceProtocol, port?: number) {
  const p = createRequest({ protocol, src: SRC, dst: DST, ...(port !== undefined ? { dstPort: port } : {}) });
  return postrouting(r, SRC, DST, { protocol: p.ip.protocol, l4: p.l4 });
}

describe('POSTROUTING rules with -p and ports', () => {
  const sctpOnly = rows([
    { chain: 'POSTROUTING', rule: '-s 10.244.0.0/16 -p sctp -m sctp --dport 9000 -j MASQUERADE' },
  ]);

  it('matches a -p sctp -m sctp --dport row for an SCTP packet to that port only', () => {
    expect(decide(sctpOnly, 'sctp', 9000)).toEqual({
      action: 'MASQUERADE',
      rule: '-A POSTROUTING -s 10.244.0.0/16 -p sctp -m sctp --dport 9000 -j MASQUERADE',
    });
    expect(decide(sctpOnly, 'sctp', 9001).action).toBe('none');
    expect(decide(sctpOnly, 'tcp', 9000).action).toBe('none');
    expect(decide(sctpOnly, 'udp', 9000).action).toBe('none');
    expect(decide(sctpOnly, 'icmp').action).toBe('none');
  });

  it('reads ! -p, protocol numbers, multiport lists and ranges', () => {
    const r = rows([
      { chain: 'POSTROUTING', rule: '! -p sctp -j RETURN' },
      { chain: 'POSTROUTING', rule: '-p 132 -m multiport --dports 80,9000:9010 -j MASQUERADE' },
    ]);
    expect(decide(r, 'tcp', 9005)).toEqual({ action: 'none', rule: '-A POSTROUTING ! -p sctp -j RETURN' });
    expect(decide(r, 'sctp', 9005).action).toBe('MASQUERADE');
    expect(decide(r, 'sctp', 80).action).toBe('MASQUERADE');
    expect(decide(r, 'sctp', 9011).action).toBe('none');
  });

  it('judges rows on their addresses alone when it is given no packet', () => {
    expect(postrouting(sctpOnly, SRC, DST).action).toBe('MASQUERADE');
  });
});
