/**
 * The order a student sees a question's choices in: shuffled, so the right answer is not
 * always first, and stable, so a reload or a second visit shows the same order. The order
 * follows from a per-browser seed (kept by the app, chosen once) and the lesson and step
 * ids; an author pins the written order with `"shuffle": false`.
 */

/** FNV-1a over the UTF-16 code units of `text`, mixed with `seed`. */
function hashKey(seed: number, text: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** mulberry32: the next state and a float in [0, 1). */
function next(state: number): [number, number] {
  const s = (state + 0x6d2b79f5) >>> 0;
  let t = s;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [s, ((t ^ (t >>> 14)) >>> 0) / 4294967296];
}

/**
 * A permutation of `0..count-1` (Fisher-Yates) drawn from `seed` and `key`; the same
 * arguments always give the same order.
 */
export function choiceOrder(count: number, seed: number, key: string): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  let state = hashKey(seed >>> 0, key);
  for (let i = count - 1; i > 0; i--) {
    const [s, r] = next(state);
    state = s;
    const j = Math.floor(r * (i + 1));
    const a = order[i] as number;
    order[i] = order[j] as number;
    order[j] = a;
  }
  return order;
}

/**
 * `items` in the order the student sees them: shuffled by `seed` and `key` (use
 * `lessonId/stepId`), or as written when `shuffle` is false.
 */
export function orderChoices<T>(
  items: readonly T[],
  seed: number,
  key: string,
  shuffle: boolean | undefined,
): T[] {
  if (shuffle === false) return [...items];
  return choiceOrder(items.length, seed, key).map((i) => items[i] as T);
}
