import { describe, expect, it } from 'vitest';
import { measureJsonDepth, parseJsonSafely } from './safe-json.ts';

describe('parseJsonSafely', () => {
  it('parses ordinary JSON and strips a BOM', () => {
    expect(parseJsonSafely('\uFEFF{"a":[1,{"b":2}]}')).toEqual({ ok: true, value: { a: [1, { b: 2 }] } });
  });

  it('counts depth outside strings only', () => {
    expect(measureJsonDepth('{"a":"[[[[{{{\\"[["}')).toBe(1);
    expect(measureJsonDepth('[[[]],[[[ ]]]]')).toBe(4);
  });

  it('refuses deep nesting before JSON.parse can overflow the stack', () => {
    const deep = '['.repeat(1_000_000) + ']'.repeat(1_000_000);
    const result = parseJsonSafely(deep, { maxChars: 4_000_000 });
    expect(result).toEqual({ ok: false, message: expect.stringContaining('more than 64 levels deep') });
  });

  it('refuses large files and explains syntax errors with line and column', () => {
    expect(parseJsonSafely('x'.repeat(11), { maxChars: 10 })).toEqual({
      ok: false,
      message: expect.stringContaining('too large (11 characters'),
    });
    const bad = parseJsonSafely('{\n  "a": 1\n  "b": 2\n}');
    expect(bad).toEqual({
      ok: false,
      message: expect.stringMatching(/^the file is not valid JSON at line 3, column 3: .*missing comma/),
    });
  });
});
