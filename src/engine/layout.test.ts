/**
 * The engine's layout stays as CONTEXT.md describes it: the root holds only `index.ts`,
 * each folder imports only the folders its row below allows, no import circle runs across
 * folders, and code outside the engine enters through `index.ts` (or one of the small leaf
 * modules the first view needs without loading the engine chunk).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ENGINE = 'src/engine';

/**
 * What each folder may import (besides itself). Adding a folder or an edge is a choice:
 * make it here and in CONTEXT.md's "Layout" section.
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  util: [],
  net: ['util'],
  policy: ['net', 'util'],
  spec: ['net', 'policy', 'state', 'util'],
  state: ['cni', 'policy', 'spec', 'tracer', 'util'],
  scheduling: ['net', 'state', 'util'],
  cni: ['cluster', 'dataplanes', 'kernel', 'net', 'state', 'util'],
  kernel: ['cni', 'dataplanes', 'net', 'state', 'util'],
  dataplanes: ['cni', 'kernel', 'net', 'spec', 'state', 'util'],
  tracer: ['cni', 'dataplanes', 'kernel', 'net', 'policy', 'spec', 'state', 'util'],
  commands: ['cluster', 'cni', 'net', 'policy', 'scheduling', 'spec', 'state', 'tracer', 'util'],
  cluster: [
    'cni',
    'commands',
    'dataplanes',
    'kernel',
    'net',
    'scheduling',
    'spec',
    'state',
    'tracer',
    'util',
  ],
};

/** Leaf modules the first view imports directly: importing `index.ts` there loads the engine chunk. */
const FIRST_VIEW_LEAVES = ['util/dict.ts', 'spec/suggest.ts', 'spec/limits.ts'];

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\b[^'";]*?from\s*'(\.{1,2}\/[^']+)'|import\(\s*'(\.{1,2}\/[^']+)'\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

function importsOf(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  return [...src.matchAll(IMPORT)].map((m) => normalize(join(dirname(file), (m[1] ?? m[2])!)));
}

/** The engine proper: what `index.ts` reaches (tests and their fixtures are not part of it). */
function engineGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const todo = [join(ENGINE, 'index.ts')];
  for (let f = todo.pop(); f !== undefined; f = todo.pop()) {
    if (graph.has(f)) continue;
    const deps = importsOf(f).filter((d) => d.startsWith(ENGINE + '/'));
    graph.set(f, deps);
    todo.push(...deps);
  }
  return graph;
}

const folderOf = (file: string): string => relative(ENGINE, file).split('/').slice(0, -1).join('/') || '.';

/** Strongly connected components of more than one file (Tarjan). */
function circles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const c: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1) out.push(c);
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

describe('engine layout', () => {
  const graph = engineGraph();

  it('keeps only index.ts, CONTEXT.md and this test at the root', () => {
    const loose = readdirSync(ENGINE, { withFileTypes: true })
      .filter((e) => e.isFile() && !['index.ts', 'CONTEXT.md', 'layout.test.ts'].includes(e.name))
      .map((e) => e.name);
    expect(loose).toEqual([]);
  });

  it('has a row in the table, and a section in CONTEXT.md, for every folder', () => {
    const folders = readdirSync(ENGINE, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(folders).toEqual(Object.keys(MAY_IMPORT).sort());
    const context = readFileSync(join(ENGINE, 'CONTEXT.md'), 'utf8');
    for (const f of folders) expect(context, `CONTEXT.md describes ${f}/`).toContain(`### \`${f}/\``);
  });

  it('imports across folders only where the table allows', () => {
    const unexpected: string[] = [];
    for (const [file, deps] of graph) {
      const from = folderOf(file);
      if (from === '.') continue;
      for (const d of deps) {
        const to = folderOf(d);
        if (to !== from && !(MAY_IMPORT[from] ?? []).includes(to)) {
          unexpected.push(`${relative(ENGINE, file)} -> ${relative(ENGINE, d)}`);
        }
      }
    }
    expect(unexpected).toEqual([]);
  });

  it('has no import circle across folders', () => {
    const across = circles(graph)
      .filter((c) => new Set(c.map(folderOf)).size > 1)
      .map((c) => c.map((f) => relative(ENGINE, f)).sort());
    expect(across).toEqual([]);
  });

  it('finds a circle across folders when there is one (the check can fail)', () => {
    const g = new Map([
      ['src/engine/state/types.ts', ['src/engine/cni/packed-result.ts']],
      ['src/engine/cni/packed-result.ts', ['src/engine/cni/cni-types.ts']],
      ['src/engine/cni/cni-types.ts', ['src/engine/state/types.ts']],
    ]);
    expect(circles(g)).toHaveLength(1);
  });

  it('is entered from outside through index.ts or a first-view leaf module', () => {
    const allowed = new Set(['index.ts', ...FIRST_VIEW_LEAVES].map((f) => join(ENGINE, f)));
    const outside = sourceFiles('src').filter((f) => !f.startsWith(ENGINE + '/'));
    const deep = outside.flatMap((f) =>
      importsOf(f)
        .filter((d) => d.startsWith(ENGINE + '/') && !allowed.has(d))
        .map((d) => `${f} -> ${d}`),
    );
    expect(deep).toEqual([]);
  });

  it('keeps the first-view leaves free of engine imports', () => {
    for (const leaf of FIRST_VIEW_LEAVES) {
      expect(
        importsOf(join(ENGINE, leaf)).filter((d) => d.startsWith(ENGINE + '/')),
        leaf,
      ).toEqual([]);
    }
  });
});
