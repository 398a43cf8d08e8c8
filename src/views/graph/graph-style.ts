import type { StylesheetJson } from 'cytoscape';
import type { Theme } from '../../store/prefs-store.ts';
import { SUMMARY_H, SUMMARY_W } from './elements.ts';
import { LABEL_FONT } from './node-layout.ts';

const palette = {
  light: {
    text: '#0f172a',
    muted: '#475569',
    node: '#f8fafc',
    nodeBorder: '#64748b',
    pod: '#dbeafe',
    podBorder: '#1d4ed8',
    pending: '#fef3c7',
    pendingBorder: '#b45309',
    device: '#ecfdf5',
    deviceBorder: '#047857',
    underlay: '#e2e8f0',
    edge: '#64748b',
    selected: '#c026d3',
    highlight: '#d97706',
    podif: '#f1f5f9',
    tunnel: '#7c3aed',
    request: '#ca8a04',
    reply: '#0891b2',
    notReady: '#b91c1c',
    goal: '#7c3aed',
    goalMet: '#15803d',
  },
  dark: {
    text: '#e2e8f0',
    muted: '#94a3b8',
    node: '#0f172a',
    nodeBorder: '#64748b',
    pod: '#1e3a8a',
    podBorder: '#93c5fd',
    pending: '#451a03',
    pendingBorder: '#fbbf24',
    device: '#064e3b',
    deviceBorder: '#6ee7b7',
    underlay: '#1e293b',
    edge: '#94a3b8',
    selected: '#f0abfc',
    highlight: '#fbbf24',
    podif: '#1e293b',
    tunnel: '#a78bfa',
    request: '#facc15',
    reply: '#22d3ee',
    notReady: '#f87171',
    goal: '#a78bfa',
    goalMet: '#4ade80',
  },
} as const;

type Palette = (typeof palette)[Theme];

/**
 * What a lesson points at: a thick outline and a soft halo, so it stands out whatever its
 * kind; a goal still to reach is dashed violet, a goal met solid green.
 */
function highlightStyles(c: Palette): StylesheetJson {
  return [
    {
      selector: 'node.highlight',
      style: {
        'outline-width': 4,
        'outline-color': c.highlight,
        'outline-offset': 3,
        'outline-opacity': 1,
        'underlay-color': c.highlight,
        'underlay-padding': 10,
        'underlay-opacity': 0.25,
      },
    },
    { selector: 'edge.highlight', style: { width: 5, 'line-color': c.highlight } },
    {
      selector: 'node.goal',
      style: { 'outline-width': 3, 'outline-color': c.goal, 'outline-offset': 3, 'outline-style': 'dashed' },
    },
    {
      selector: 'node.goal-met',
      style: {
        'outline-width': 3,
        'outline-color': c.goalMet,
        'outline-offset': 3,
        'outline-style': 'solid',
      },
    },
  ];
}

/** The Cytoscape stylesheet; shapes and borders (not colour alone) tell kinds and states apart. */
export function graphStyle(theme: Theme): StylesheetJson {
  const c = palette[theme];
  const mono = 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';
  return [
    // The label mapping only where there is a label: an element without one (the anchor under
    // eth0, an edge) would make Cytoscape warn of a mapping to missing data.
    { selector: 'node[label]', style: { label: 'data(label)' } },
    {
      selector: 'node',
      style: {
        color: c.text,
        'font-size': LABEL_FONT,
        'font-family': 'ui-sans-serif, system-ui, sans-serif',
        'text-wrap': 'wrap',
        'min-zoomed-font-size': 4,
      },
    },
    {
      selector: '.k8s-node',
      style: {
        shape: 'round-rectangle',
        'background-color': c.node,
        'border-color': c.nodeBorder,
        'border-width': 2,
        'text-valign': 'top',
        'text-halign': 'center',
        'text-justification': 'center',
        'text-margin-y': -6,
        'font-size': 15,
        'line-height': 1.25,
        padding: '0px',
      },
    },
    { selector: '.k8s-node.no-cidr, .summary.no-cidr', style: { 'border-style': 'dashed' } },
    {
      selector: '.k8s-node.not-ready, .summary.not-ready',
      style: { 'border-color': c.notReady, 'border-width': 3 },
    },
    {
      selector: '.pod',
      style: {
        shape: 'round-rectangle',
        width: 'data(w)',
        height: 52,
        'background-color': c.pod,
        'border-color': c.podBorder,
        'border-width': 2,
        'text-valign': 'center',
        'text-halign': 'center',
        'font-family': mono,
        'line-height': 1.3,
      },
    },
    // A hostNetwork pod: a double border, it has no interface of its own.
    { selector: '.pod.host-network', style: { 'border-style': 'double', 'border-width': 4 } },
    {
      selector: '.pod.phase-pending',
      style: { 'background-color': c.pending, 'border-color': c.pendingBorder, 'border-style': 'dashed' },
    },
    {
      selector: '.device',
      style: {
        shape: 'round-rectangle',
        width: 'data(w)',
        height: 28,
        'background-color': c.device,
        'border-color': c.deviceBorder,
        'border-width': 1.5,
        'text-valign': 'center',
        'text-halign': 'center',
        'font-family': mono,
      },
    },
    { selector: '.device-podif', style: { 'background-color': c.podif, 'border-color': c.podBorder } },
    { selector: '.device-bridge', style: { shape: 'barrel', 'border-width': 2 } },
    {
      selector: '.device-vxlan, .device-ipip',
      style: { shape: 'hexagon', 'border-color': c.tunnel, 'border-width': 2.5 },
    },
    { selector: '.device-ethernet', style: { 'border-width': 2.5 } },
    {
      selector: '.underlay',
      style: {
        shape: 'round-rectangle',
        width: 'data(width)',
        height: 34,
        'background-color': c.underlay,
        'border-color': c.nodeBorder,
        'border-width': 1,
        'text-valign': 'center',
        'text-halign': 'center',
        color: c.text,
        'font-size': 15,
      },
    },
    {
      selector: 'edge',
      style: { width: 2, 'line-color': c.edge, 'curve-style': 'straight', label: '' },
    },
    { selector: '.wire', style: { width: 3 } },
    { selector: '.routed', style: { 'line-style': 'dashed', 'line-dash-pattern': [6, 4], width: 1.5 } },
    { selector: '.encap', style: { 'line-style': 'dotted', width: 2, 'line-color': c.tunnel } },
    {
      selector: '.tunnel',
      style: {
        'curve-style': 'unbundled-bezier',
        'control-point-distances': 'data(bend)',
        'control-point-weights': 0.5,
        'line-color': c.tunnel,
        'line-style': 'dashed',
        width: 2,
        opacity: 0.7,
      },
    },
    { selector: '.anchor', style: { width: 1, height: 1, opacity: 0, events: 'no', label: '' } },
    {
      selector: '.summary',
      style: {
        shape: 'round-rectangle',
        width: SUMMARY_W,
        height: SUMMARY_H,
        'background-color': c.node,
        'border-color': c.nodeBorder,
        'border-width': 2,
        'text-valign': 'center',
        'text-halign': 'center',
        'font-size': 15,
        'line-height': 1.3,
      },
    },
    // The packet's trail: what it crossed, in the colour of its leg.
    { selector: 'edge.trail-request', style: { width: 5, 'line-color': c.request, opacity: 1 } },
    { selector: 'edge.trail-reply', style: { width: 5, 'line-color': c.reply, opacity: 1 } },
    { selector: 'node.trail-request', style: { 'border-color': c.request, 'border-width': 3 } },
    { selector: 'node.trail-reply', style: { 'border-color': c.reply, 'border-width': 3 } },
    {
      selector: 'node.current-hop',
      style: { 'outline-width': 4, 'outline-color': c.request, 'outline-offset': 2, 'outline-opacity': 1 },
    },
    {
      selector: 'edge.tunnel-lit',
      style: { width: 7, 'line-color': c.tunnel, 'line-style': 'solid', opacity: 1 },
    },
    ...highlightStyles(c),
    {
      selector: ':selected',
      style: { 'border-color': c.selected, 'border-width': 4, 'line-color': c.selected },
    },
  ];
}
