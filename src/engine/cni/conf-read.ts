/** Reading typed fields from a plugin's stdin, as Go's json.Unmarshal would into a NetConf. */
import type { JsonObject } from '../util/json.ts';

/** A boolean field, `fallback` when absent or not a boolean. */
export function boolField(conf: JsonObject, key: string, fallback = false): boolean {
  const v = conf[key];
  return typeof v === 'boolean' ? v : fallback;
}

/** A numeric field. */
export function numField(conf: JsonObject, key: string, fallback = 0): number {
  const v = conf[key];
  return typeof v === 'number' ? v : fallback;
}

/** A string field. */
export function strField(conf: JsonObject, key: string, fallback = ''): string {
  const v = conf[key];
  return typeof v === 'string' && v !== '' ? v : fallback;
}
