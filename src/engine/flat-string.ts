/**
 * Concatenation that yields one flat string. Template literals build V8 "cons strings"
 * (a tree of parts); kept in the state for 150,000 pods, those trees cost several small
 * objects per value. Strings that live in the state are built flat with this.
 */
import { scratchCodes } from './prng.ts';

/** The parts joined, as a single flat string. */
export function flatConcat(...parts: string[]): string {
  let len = 0;
  for (const p of parts) len += p.length;
  const codes = scratchCodes(len);
  let k = 0;
  for (const p of parts) for (let i = 0; i < p.length; i++) codes[k++] = p.charCodeAt(i);
  return String.fromCharCode(...codes);
}
