import type { ElementDefinition } from 'cytoscape';

/** The changes that turn one element list into another, keyed by element id. */
export interface ElementDiff {
  readonly add: ElementDefinition[];
  readonly remove: string[];
  readonly update: ElementDefinition[];
}

function idOf(el: ElementDefinition): string {
  const id = el.data.id;
  if (typeof id !== 'string') throw new Error('Every graph element needs a string id.');
  return id;
}

function same(a: ElementDefinition, b: ElementDefinition): boolean {
  return (
    JSON.stringify(a.data) === JSON.stringify(b.data) &&
    a.classes === b.classes &&
    a.position?.x === b.position?.x &&
    a.position?.y === b.position?.y
  );
}

/** Pure diff of two element lists; an element whose parent changed is removed and added again. */
export function diffElements(
  prev: readonly ElementDefinition[],
  next: readonly ElementDefinition[],
): ElementDiff {
  const before = new Map(prev.map((el) => [idOf(el), el]));
  const after = new Map(next.map((el) => [idOf(el), el]));
  const add: ElementDefinition[] = [];
  const update: ElementDefinition[] = [];
  const remove: string[] = [];
  for (const [id, el] of before) {
    const now = after.get(id);
    if (!now || now.data.parent !== el.data.parent) remove.push(id);
  }
  for (const [id, el] of after) {
    const was = before.get(id);
    if (!was || was.data.parent !== el.data.parent) add.push(el);
    else if (!same(was, el)) update.push(el);
  }
  return { add, remove, update };
}
