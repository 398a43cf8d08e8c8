/** The next free default name for `prefix`: `${prefix}-1`, `${prefix}-2`, … (node-1, pod-1, …). */
export function nextFreeName(prefix: string, existing: ReadonlyArray<{ name: string }>): string {
  const taken = new Set(existing.map((e) => e.name));
  let n = 1;
  while (taken.has(`${prefix}-${n}`)) n += 1;
  return `${prefix}-${n}`;
}
