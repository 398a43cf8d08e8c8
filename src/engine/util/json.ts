/** A JSON value: the engine's state and every CNI document are plain JSON. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
/** A JSON object. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** Is `v` a JSON object (not null, not an array)? */
export function isJsonObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A shallow copy of `o` to add keys to. Not `{ ...o, key }`: in V8 a spread literal that adds
 * keys gives each object its own hidden class once the site is warm, and every later read
 * of such objects misses its inline cache. Copied, then assigned, the copies share one. A
 * `__proto__` key (only JSON.parse makes one) stays a key, as with spread.
 */
export function copyToExtend<T extends object>(o: T): T {
  return Object.hasOwn(o, '__proto__') ? { ...o } : Object.assign({}, o);
}

/** Is `v` a plain record (an object, not null, not an array)? For input not yet known to be JSON. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
