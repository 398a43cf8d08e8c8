import cytoscape from 'cytoscape';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCluster, type ClusterSpec } from '../../engine/index.ts';
import { selectGraphInput, selectNodeDetail } from '../../store/selectors.ts';
import { collapsedNodes, toElements, type GraphNodeDetail } from './elements.ts';
import { graphStyle } from './graph-style.ts';
import { assignSlots } from './slots.ts';

/** The drawing's elements for a cluster, as GraphView builds them. */
function elementsFor(spec: ClusterSpec) {
  const built = createCluster(spec, 1);
  if (!built.ok) throw new Error(JSON.stringify(built.problems));
  const input = selectGraphInput(built.state);
  const collapsed = collapsedNodes(input.nodes, new Set());
  const details = new Map<string, GraphNodeDetail>();
  for (const n of input.nodes)
    if (!collapsed.has(n.name)) {
      const d = selectNodeDetail(built.state, n.name);
      if (d) details.set(n.name, d);
    }
  const slots = assignSlots(
    new Map(),
    [...details.values()].flatMap((d) => d.pods),
  );
  return toElements(input.nodes, details, slots, input.underlayCIDR, { narrow: false });
}

const nodes = [{ name: 'node-1' }, { name: 'node-2' }, { name: 'node-3' }];
const pods = [{ name: 'web' }, { name: 'db' }, { name: 'cache' }];

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the drawing style', () => {
  it.each<[string, ClusterSpec]>([
    ['flannel', { network: { plugin: 'flannel' }, nodes, pods }],
    ['calico', { network: { plugin: 'calico' }, nodes, pods }],
    ['weave', { network: { plugin: 'weave' }, nodes, pods }],
    ['bridge', { nodes, pods }],
  ])('%s: Cytoscape applies it to every element without a warning', (_, spec) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    for (const theme of ['light', 'dark'] as const) {
      const cy = cytoscape({
        headless: true,
        styleEnabled: true,
        elements: elementsFor(spec),
        style: graphStyle(theme),
      });
      // Reading a style forces Cytoscape to apply every rule to the element.
      cy.elements().forEach((el) => void el.style('label'));
      cy.destroy();
    }
    expect([...warn.mock.calls, ...log.mock.calls].map((c) => String(c[0]))).toEqual([]);
  });
});
