import { describe, expect, it } from 'vitest';
import { checkPrediction, readPrediction } from './prediction.ts';
import { hop } from './test-fakes.ts';

const trace = {
  from: 'pod/web',
  to: 'db',
  protocol: 'icmp',
  delivered: true,
  hops: [
    hop('pod/web', 'eth0', '10.244.1.2', '10.244.2.2'),
    {
      ...hop('node/node-1', 'cni0', '10.244.1.2', '10.244.2.2'),
      packet: { ip: { src: '10.244.1.2', dst: '10.244.2.2', ttl: 63, protocol: 1 } },
    },
  ],
};

describe('predictions', () => {
  it('reads the device, the IP and the TTL at a hop', () => {
    expect(readPrediction({ kind: 'nextHopDevice', hop: 1 }, trace)).toEqual({ ok: true, value: 'cni0' });
    expect(readPrediction({ kind: 'ip', hop: 0, field: 'src' }, trace)).toEqual({
      ok: true,
      value: '10.244.1.2',
    });
    expect(readPrediction({ kind: 'ttl', hop: 1 }, trace)).toEqual({ ok: true, value: '63' });
    expect(readPrediction({ kind: 'ttl', hop: 5 }, trace)).toEqual({
      ok: false,
      message: '"hop": 5 asks for hop 6 (the player counts from 1), but the trace has 2 hops',
    });
  });

  it('compares answers trimmed and case-insensitively', () => {
    expect(checkPrediction({ kind: 'nextHopDevice', hop: 1 }, ' CNI0 ', trace).correct).toBe(true);
    expect(checkPrediction({ kind: 'ttl', hop: 1 }, '64', trace)).toEqual({
      correct: false,
      actual: '63',
      message: 'the trace shows 63, not 64',
    });
  });
});
