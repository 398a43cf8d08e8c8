import { describe, expect, it } from 'vitest';
import { EXAMPLE_POLICY, readPolicyText } from './policy-text.ts';

describe('readPolicyText', () => {
  it('reads YAML as kubectl users write it', async () => {
    const read = await readPolicyText(EXAMPLE_POLICY);
    expect(read).toEqual({
      ok: true,
      value: {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'deny-all-ingress', namespace: 'default' },
        spec: { podSelector: {}, policyTypes: ['Ingress'] },
      },
    });
  });

  it('reads JSON too', async () => {
    expect(await readPolicyText('{"kind":"NetworkPolicy"}')).toEqual({
      ok: true,
      value: { kind: 'NetworkPolicy' },
    });
  });

  it.each([
    ['', /Paste a NetworkPolicy/],
    ['- a\n- b', /mapping/],
    ['kind: [unclosed', /not valid YAML or JSON/],
    ['x'.repeat(70_000), /over 64 KiB/],
  ])('refuses %j with a reason', async (text, message) => {
    const read = await readPolicyText(text);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.message).toMatch(message);
  });
});
