import { describe, expect, it } from 'vitest';
import { parseContainersField, parseLabelsField } from './containers-field.ts';

describe('parseContainersField', () => {
  it('reads names, ports and protocols', () => {
    expect(parseContainersField('app:80 sidecar:9000/udp,9001,9002/SCTP logger')).toEqual({
      ok: true,
      containers: [
        { name: 'app', ports: [{ containerPort: 80, protocol: 'TCP' }] },
        {
          name: 'sidecar',
          ports: [
            { containerPort: 9000, protocol: 'UDP' },
            { containerPort: 9001, protocol: 'TCP' },
            { containerPort: 9002, protocol: 'SCTP' },
          ],
        },
        { name: 'logger' },
      ],
    });
  });

  it('leaves the default container when empty', () => {
    expect(parseContainersField('   ')).toEqual({ ok: true, containers: undefined });
  });

  it.each([
    ['App:80', /not a container name/],
    ['app:0', /from 1 to 65535/],
    ['app:70000', /from 1 to 65535/],
    ['app:80/icmp', /optionally \/TCP, \/UDP or \/SCTP/],
    ['app:80:90', /one colon/],
  ])('refuses %s with a reason', (text, message) => {
    const result = parseContainersField(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe('parseLabelsField', () => {
  it('reads key=value pairs separated by commas or spaces', () => {
    expect(parseLabelsField('app=web, tier=frontend role=')).toEqual({
      ok: true,
      labels: { app: 'web', tier: 'frontend', role: '' },
    });
    expect(parseLabelsField('app.kubernetes.io/name=shop')).toEqual({
      ok: true,
      labels: { 'app.kubernetes.io/name': 'shop' },
    });
    expect(parseLabelsField('')).toEqual({ ok: true, labels: undefined });
  });

  it.each([
    ['app', /key=value/],
    ['-app=web', /not a label key/],
    ['app=web!', /not a label value/],
  ])('refuses %s', (text, message) => {
    const result = parseLabelsField(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});
