import { describe, expect, it } from 'vitest';
import { echo } from './echo.ts';

describe('echo: a value as a message shows it', () => {
  it('keeps a short value as it is', () => {
    expect(echo('calico')).toBe('calico');
    expect(echo('')).toBe('');
  });

  it('cuts a long value after 80 characters and says how long it was', () => {
    expect(echo('a'.repeat(300_000))).toBe(`${'a'.repeat(80)}… (300,000 characters)`);
    expect(echo('a'.repeat(80))).toBe('a'.repeat(80));
  });

  it('never cuts a character in half', () => {
    const shown = echo(`${'a'.repeat(79)}😀${'b'.repeat(10)}`);
    expect(shown).toBe(`${'a'.repeat(79)}😀… (91 characters)`);
  });

  it('spells out controls, bidi and zero-width characters', () => {
    expect(echo('a\u202Eb\u2066c\u200Bd\ne')).toBe('a<U+202E>b<U+2066>c<U+200B>d<U+000A>e');
  });
});
