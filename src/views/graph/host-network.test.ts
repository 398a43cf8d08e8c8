/** The drawing of a hostNetwork pod: a box inside its node, with no eth0 or link of its own. */
import cytoscape from 'cytoscape';
import { describe, expect, it, vi } from 'vitest';
import { createCluster, listPods, type ClusterSpec } from '../../engine/index.ts';
import { selectGraphInput, selectNodeDetail } from '../../store/selectors.ts';
import { collapsedNodes, toElements, type GraphNodeDetail } from './elements.ts';
import { graphStyle } from './graph-style.ts';
import { assignSlots } from './slots.ts';

const spec: ClusterSpec = {
  network: { plugin: 'flannel' },
  nodes: [{ name: 'node-1' }, { name: 'node-2' }],
  pods: [
    { name: 'a', node: 'node-1' },
    {
      name: 'h',
      node: 'node-1',
      hostNetwork: true,
      containers: [{ name: 'x', ports: [{ containerPort: 9100 }] }],
    },
  ],
};

function elements() {
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
  return {
    state: built.state,
    details,
    els: toElements(input.nodes, details, slots, input.underlayCIDR, { narrow: false }),
  };
}

describe('a hostNetwork pod in the drawing', () => {
  it('is drawn inside its node, labelled hostNetwork with the node IP, with no eth0, veth or edge', () => {
    const { details, els } = elements();
    expect(details.get('node-1')?.pods.find((p) => p.key === 'default/h')?.podIfKind).toBe('host');
    const box = els.find((e) => e.data.id === 'pod:default/h');
    expect(box?.data.parent).toBe('node:node-1');
    expect(box?.data.label).toBe('h\nhostNetwork 192.168.56.11');
    expect(box?.classes).toContain('host-network');
    expect(els.some((e) => e.data.id === 'podif:default/h:eth0')).toBe(false);
    const touching = els.filter(
      (e) =>
        e.group === 'edges' &&
        [e.data['source'], e.data['target']].some((x) => String(x).includes('default/h')),
    );
    expect(touching).toEqual([]);
    // The pod-network pod beside it keeps its eth0 and veth.
    expect(els.some((e) => e.data.id === 'podif:default/a:eth0')).toBe(true);
    expect(els.find((e) => e.data.id === 'pod:default/a')?.classes).not.toContain('host-network');
  });

  it('its style (a double border) applies in both themes without a Cytoscape warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    for (const theme of ['light', 'dark'] as const) {
      const cy = cytoscape({
        headless: true,
        styleEnabled: true,
        elements: elements().els,
        style: graphStyle(theme),
      });
      expect(cy.$id('pod:default/h').style('border-style')).toBe('double');
      expect(cy.$id('pod:default/a').style('border-style')).toBe('solid');
      cy.destroy();
    }
    expect(warn.mock.calls).toEqual([]);
    warn.mockRestore();
  });

  it('the Pods table reads it as hostNetwork with the node IP', () => {
    const { state } = elements();
    expect(listPods(state).find((p) => p.name === 'h')).toMatchObject({
      ip: '192.168.56.11',
      hostNetwork: true,
    });
    expect(listPods(state).find((p) => p.name === 'a')?.hostNetwork).toBeUndefined();
  });
});
