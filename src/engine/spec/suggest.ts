/**
 * "Did you mean" for unknown field names: the known name closest in spelling, when it is
 * close enough to be a typo (`action` → `actions`, `nodeCidrMaskSize` → `nodeCIDRMaskSize`).
 */

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (d[(i - 1) * cols + j] ?? 0) + 1,
        (d[i * cols + j - 1] ?? 0) + 1,
        (d[(i - 1) * cols + j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, (d[(i - 2) * cols + j - 2] ?? 0) + 1);
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1] ?? 0;
}

/** The known name `key` is most likely a misspelling of, or undefined. */
export function closestName(key: string, known: readonly string[]): string | undefined {
  if (key.length > 64) return undefined;
  const lower = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const name of known) {
    const d = name.toLowerCase() === lower ? 0 : editDistance(lower, name.toLowerCase());
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  const allowed = key.length <= 3 ? 1 : key.length <= 6 ? 2 : 3;
  return bestDistance <= allowed ? best : undefined;
}

/** The message for a field that is not one of `known`: `unknown field; did you mean "actions"?`. */
export function unknownFieldMessage(key: string, known: readonly string[]): string {
  const near = closestName(key, known);
  return near === undefined ? 'unknown field' : `unknown field; did you mean "${near}"?`;
}
