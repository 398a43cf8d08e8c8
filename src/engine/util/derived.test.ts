import { describe, expect, it } from 'vitest';
import { derived, derivedKey, forgetDerived, keepDerived } from './derived.ts';

const PARSED = derivedKey<{ n: number }>('test value');

describe('derived values kept on their object', () => {
  it('are found again on the same object, and only there', () => {
    const o = { a: 1 };
    const v = keepDerived(o, PARSED, { n: 1 });
    expect(derived(o, PARSED)).toBe(v);
    expect(derived({ a: 1 }, PARSED)).toBeUndefined();
    expect(keepDerived(o, PARSED, { n: 2 })).toEqual({ n: 2 });
    expect(derived(o, PARSED)).toEqual({ n: 2 });
  });

  it('are invisible to JSON, keys and equality, and not copied by spread, assign or structuredClone', () => {
    const o: Record<string, number> = Object.assign(Object.create(null) as Record<string, number>, { a: 1 });
    keepDerived(o, PARSED, { n: 1 });
    expect(JSON.stringify(o)).toBe('{"a":1}');
    expect(Object.keys(o)).toEqual(['a']);
    expect(Reflect.ownKeys(o)).toHaveLength(2);
    expect(o).toEqual({ a: 1 });
    for (const copy of [{ ...o }, Object.assign({}, o), structuredClone(o)])
      expect(derived(copy, PARSED)).toBeUndefined();
    const keys: string[] = [];
    for (const k in o) keys.push(k);
    expect(keys).toEqual(['a']);
  });

  it('are dropped by forgetDerived', () => {
    const o = {};
    keepDerived(o, PARSED, { n: 1 });
    forgetDerived(o, PARSED);
    expect(derived(o, PARSED)).toBeUndefined();
    forgetDerived({}, PARSED); // nothing kept: no effect
  });

  it('are not kept on a frozen or sealed object, which stays as it was', () => {
    for (const o of [Object.freeze({ a: 1 }), Object.seal({ a: 1 })]) {
      expect(keepDerived(o, PARSED, { n: 1 })).toEqual({ n: 1 });
      expect(derived(o, PARSED)).toBeUndefined();
      expect(Reflect.ownKeys(o)).toEqual(['a']);
      forgetDerived(o, PARSED);
    }
  });

  it('can be forgotten on a frozen object that kept one before freezing, without throwing', () => {
    const o = { a: 1 };
    keepDerived(o, PARSED, { n: 1 });
    Object.freeze(o);
    expect(() => {
      forgetDerived(o, PARSED);
    }).not.toThrow();
  });
});
