/**
 * Gives each pod a stable slot inside its node: a pod keeps its slot while it lives, and a
 * new pod takes the lowest free one, so the drawing does not jump when pods come and go.
 * Returns the same map when nothing changed.
 */
export function assignSlots(
  previous: ReadonlyMap<string, number>,
  pods: ReadonlyArray<{ readonly key: string; readonly node: string | null }>,
): ReadonlyMap<string, number> {
  const next = new Map<string, number>();
  const used = new Map<string, Set<number>>();
  const live = pods.filter((p) => p.node !== null);
  for (const p of live) {
    const slot = previous.get(p.key);
    if (slot === undefined) continue;
    const taken = used.get(p.node!) ?? new Set<number>();
    if (taken.has(slot)) continue;
    taken.add(slot);
    used.set(p.node!, taken);
    next.set(p.key, slot);
  }
  for (const p of live) {
    if (next.has(p.key)) continue;
    const taken = used.get(p.node!) ?? new Set<number>();
    let slot = 0;
    while (taken.has(slot)) slot += 1;
    taken.add(slot);
    used.set(p.node!, taken);
    next.set(p.key, slot);
  }
  if (next.size === previous.size && [...next].every(([k, v]) => previous.get(k) === v)) return previous;
  return next;
}
