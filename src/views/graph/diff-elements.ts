import type { ElementDefinition } from 'cytoscape';

/** The changes that turn one element list into another, keyed by element id. */
export interface ElementDiff {
  readonly add: ElementDefinition[];
  readonly remove: string[];
  /** Changed elements, with what changed, so the renderer touches only that (a class change restyles). */
  readonly update: ElementUpdate[];
}

export interface ElementUpdate {
  readonly element: ElementDefinition;
  readonly data: boolean;
  readonly position: boolean;
  readonly classes: boolean;
}

function idOf(el: ElementDefinition): string {
  const id = el.data.id;
  if (typeof id !== 'string') throw new Error('Every graph element needs a string id.');
  return id;
}

function sameData(a: ElementDefinition['data'], b: ElementDefinition['data']): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k]);
}

function compare(was: ElementDefinition, now: ElementDefinition): ElementUpdate | null {
  const data = !sameData(was.data, now.data);
  const position = was.position?.x !== now.position?.x || was.position?.y !== now.position?.y;
  const classes = was.classes !== now.classes;
  return data || position || classes ? { element: now, data, position, classes } : null;
}

/** Pure diff of two element lists; an element whose parent changed is removed and added again. */
export function diffElements(
  prev: readonly ElementDefinition[],
  next: readonly ElementDefinition[],
): ElementDiff {
  const before = new Map(prev.map((el) => [idOf(el), el]));
  const after = new Map(next.map((el) => [idOf(el), el]));
  const add: ElementDefinition[] = [];
  const update: ElementUpdate[] = [];
  const remove: string[] = [];
  for (const [id, el] of before) {
    const now = after.get(id);
    if (!now || now.data.parent !== el.data.parent) remove.push(id);
  }
  for (const [id, el] of after) {
    const was = before.get(id);
    if (!was || was.data.parent !== el.data.parent) add.push(el);
    else {
      const change = compare(was, el);
      if (change) update.push(change);
    }
  }
  return { add, remove, update };
}
