/**
 * Records used as large maps (pods, nodes, host-local files) are created without a
 * prototype: V8 keeps such objects in dictionary mode instead of minting a hidden class per
 * new key (150,000 IP-named files would otherwise mean 150,000 hidden classes). They are
 * still plain JSON.
 */

/** A prototype-less record, optionally filled from `src`. */
export function dict<V>(src?: Readonly<Record<string, V>>): Record<string, V> {
  const out = Object.create(null) as Record<string, V>;
  return src === undefined ? out : Object.assign(out, src);
}

/** `dict` for records keyed by unsigned 32-bit numbers (kept as elements, never interned). */
export function numberDict<V>(src?: Readonly<Record<number, V>>): Record<number, V> {
  const out = Object.create(null) as Record<number, V>;
  return src === undefined ? out : Object.assign(out, src);
}

/**
 * The value `rec` holds under `key` as its own property: never one inherited from
 * `Object.prototype` (`constructor`, `toString`, `__proto__` are valid names), also for a
 * record that came from `JSON.parse` or a spread and so has the ordinary prototype.
 */
export function own<V>(rec: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(rec, key) ? rec[key] : undefined;
}
