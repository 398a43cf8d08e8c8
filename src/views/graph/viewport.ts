import type { Core } from 'cytoscape';

/** Room around the drawing when it is fitted, in screen pixels. */
export const FIT_PADDING = 12;
/** The smallest model font size in the drawing's style sheet. */
export const MIN_MODEL_FONT = 13;
/** Below this rendered size a label is too small to read, and the fit shows less at a time. */
export const READABLE_PX = 9;
const MAX_FIT_ZOOM = 1.6;

/**
 * Fits the drawing to the canvas. When fitting all of it would make labels unreadable (a
 * phone, a tall stack of nodes), it fits the width instead and starts at the top: the
 * student drags or scrolls the drawing to see the rest.
 */
export function fitReadable(cy: Core): void {
  const els = cy.elements();
  if (els.empty() || cy.width() === 0) return;
  cy.fit(els, FIT_PADDING);
  if (cy.zoom() > MAX_FIT_ZOOM)
    cy.zoom({ level: MAX_FIT_ZOOM, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  if (cy.zoom() * MIN_MODEL_FONT >= READABLE_PX) {
    if (cy.zoom() === MAX_FIT_ZOOM) cy.center(els);
    return;
  }
  const bb = els.boundingBox({});
  const zoom = Math.min(MAX_FIT_ZOOM, (cy.width() - 2 * FIT_PADDING) / bb.w);
  cy.zoom(zoom);
  cy.pan({ x: (cy.width() - bb.w * zoom) / 2 - bb.x1 * zoom, y: FIT_PADDING - bb.y1 * zoom });
}

/** Zooms by a factor about the canvas centre, as the toolbar and the keyboard do. */
export function zoomBy(cy: Core, factor: number): void {
  const level = Math.max(cy.minZoom(), Math.min(cy.maxZoom(), cy.zoom() * factor));
  cy.zoom({ level, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
}
