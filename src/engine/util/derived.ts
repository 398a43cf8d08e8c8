/**
 * Values derived from an object, kept on the object itself under a symbol key.
 *
 * Plugins derive data per pod from objects they see again and again (a node's stdin, its
 * `ipam` section, its bridge device, its host-local files). A WeakMap lookup for each is a
 * probe into one table shared by all 5,000 nodes, a cache miss per lookup; a property of
 * the object sits next to the fields the plugin reads anyway (about 3 % of `npm run bench`).
 *
 * The property is non-enumerable: JSON, spread, `Object.assign`, `structuredClone` and test
 * equality neither see nor copy it, so a copy of the object starts without it, exactly like
 * a new WeakMap key. Only pure derivations of the object belong here.
 */

/** A key for one kind of derived value. */
export type DerivedKey<T> = symbol & { readonly __derived?: T };

/** A new key; the description names it in debuggers. */
export function derivedKey<T>(description: string): DerivedKey<T> {
  return Symbol(description) as DerivedKey<T>;
}

/** The value kept on `o` under `key`, if any. */
export function derived<T>(o: object, key: DerivedKey<T>): T | undefined {
  return (o as Record<symbol, T | undefined>)[key];
}

/** Keeps `value` on `o` under `key` (a frozen or sealed object keeps nothing) and returns it. */
export function keepDerived<T>(o: object, key: DerivedKey<T>, value: T): T {
  if (!Object.isExtensible(o)) return value;
  if (Object.prototype.hasOwnProperty.call(o, key)) (o as Record<symbol, T>)[key] = value;
  else Object.defineProperty(o, key, { value, writable: true, enumerable: false, configurable: true });
  return value;
}

/** Drops what `o` keeps under `key` (after `o` changed in a way the value depends on). */
export function forgetDerived(o: object, key: DerivedKey<unknown>): void {
  // A frozen object cannot have changed since its value was kept.
  if (Object.prototype.hasOwnProperty.call(o, key) && !Object.isFrozen(o))
    (o as Record<symbol, unknown>)[key] = undefined;
}
