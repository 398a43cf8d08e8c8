import type { Core, SingularElementArgument } from 'cytoscape';

/** What a label looks like on screen: its element, text and rendered font size in CSS pixels. */
export interface RenderedLabel {
  readonly id: string;
  readonly label: string;
  readonly px: number;
}

/** A read-only window onto the drawing for the e2e suite: the canvas has no DOM to query. */
export interface GraphProbe {
  ids(): string[];
  /** Every drawn label with its rendered size (font size times zoom), smallest first. */
  labels(): RenderedLabel[];
  /** A computed style property of one element (`null` when the element is not drawn). */
  style(id: string, property: string): string | null;
  classes(id: string): string[];
  zoom(): number;
  /** How much of the canvas the drawing covers: its rendered box over the container, per axis. */
  fill(): { readonly x: number; readonly y: number };
  /** Pairs of elements whose label box overlaps another element's body or label (parents excluded). */
  overlaps(): Array<[string, string]>;
  /** The rendered centre of an element, relative to the canvas. */
  rendered(id: string): { x: number; y: number } | null;
}

declare global {
  interface Window {
    __podNetworkLabGraph?: () => string[];
    __podNetworkLabGraphProbe?: GraphProbe;
  }
}

type Box = { x1: number; y1: number; x2: number; y2: number };
const intersects = (a: Box, b: Box) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

function shown(el: SingularElementArgument): boolean {
  return el.visible() && el.style('opacity') !== '0' && String(el.data('label') ?? '') !== '';
}

/** Installs the probe on `window`; returns the uninstaller. */
export function installGraphProbe(cy: Core): () => void {
  const probe: GraphProbe = {
    ids: () => cy.nodes().map((n) => n.id()),
    labels: () =>
      cy
        .elements()
        .filter((el) => shown(el))
        .map((el) => ({
          id: el.id(),
          label: String(el.data('label')),
          px: parseFloat(el.style('font-size') as string) * cy.zoom(),
        }))
        .sort((a, b) => a.px - b.px),
    style: (id, property) => {
      const el = cy.getElementById(id);
      return el.nonempty() ? String(el.style(property)) : null;
    },
    classes: (id) => cy.getElementById(id).classes(),
    zoom: () => cy.zoom(),
    fill: () => {
      const bb = cy.elements().renderedBoundingBox({});
      return { x: bb.w / cy.width(), y: bb.h / cy.height() };
    },
    overlaps: () => {
      const pairs: Array<[string, string]> = [];
      const els = cy.elements().filter((el) => el.visible() && el.style('opacity') !== '0');
      const labelBox = new Map<string, Box>();
      const bodyBox = new Map<string, Box>();
      els.forEach((el) => {
        if (shown(el) && !el.isParent())
          labelBox.set(
            el.id(),
            el.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true }),
          );
        if (el.isNode() && !el.isParent()) bodyBox.set(el.id(), el.boundingBox({ includeLabels: false }));
      });
      const related = (a: string, b: string) => {
        const ea = cy.getElementById(a);
        const eb = cy.getElementById(b);
        if (ea.isEdge() && (ea.source().id() === b || ea.target().id() === b)) return true;
        if (eb.isEdge() && (eb.source().id() === a || eb.target().id() === a)) return true;
        return false;
      };
      for (const [a, box] of labelBox) {
        for (const [b, other] of [...bodyBox, ...labelBox]) {
          if (a === b || related(a, b)) continue;
          // A node's own label sits inside its body: only other elements count.
          if (intersects(box, other)) pairs.push([a, b]);
        }
      }
      return pairs;
    },
    rendered: (id) => {
      const el = cy.getElementById(id);
      return el.nonempty() && el.isNode() ? el.renderedPosition() : null;
    },
  };
  window.__podNetworkLabGraphProbe = probe;
  window.__podNetworkLabGraph = probe.ids;
  return () => {
    if (window.__podNetworkLabGraphProbe === probe) {
      delete window.__podNetworkLabGraphProbe;
      delete window.__podNetworkLabGraph;
    }
  };
}
