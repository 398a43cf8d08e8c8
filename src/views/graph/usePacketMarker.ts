import { useEffect, type RefObject } from 'react';
import type { Core } from 'cytoscape';
import type { TraceEvent } from '../../store/trace-events.ts';

const MARKER = 'packet-marker';

/** The drawn element a hop happens at: the pod, the node's device, the node, or the underlay. */
export function hopElementId(cy: Pick<Core, 'getElementById'>, event: TraceEvent): string | null {
  const { where, device } = event.hop;
  if (where === 'underlay') return 'underlay';
  if (where.startsWith('pod/')) {
    const name = where.slice(4);
    for (const id of [`pod:${name}`, `pod:default/${name}`]) if (cy.getElementById(id).nonempty()) return id;
    return null;
  }
  const node = where.slice(5);
  for (const id of [`dev:${node}:${device}`, `node:${node}`]) if (cy.getElementById(id).nonempty()) return id;
  return null;
}

function prefersReducedMotion(): boolean {
  return (
    typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches
  );
}

/**
 * Moves a packet marker to the current hop: an envelope with a double border while the packet
 * is encapsulated, a cross when it is dropped. With reduced motion it jumps without moving.
 */
export function usePacketMarker(
  cyRef: RefObject<Core | null>,
  event: TraceEvent | null,
  hopMs: number,
  drawnVersion: unknown,
): void {
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const existing = cy.getElementById(MARKER);
    if (!event) {
      existing.remove();
      return;
    }
    const targetId = hopElementId(cy, event);
    const target = targetId ? cy.getElementById(targetId) : null;
    if (!target || target.empty()) return;
    const pos = target.position();
    const bb = target.boundingBox({});
    const to = { x: pos.x + Math.min(40, (bb.w || 0) / 2), y: pos.y - Math.min(20, (bb.h || 0) / 2) };
    const encapsulated = Boolean(event.hop.packet.outer);
    const label = event.drop
      ? '✗ dropped'
      : encapsulated
        ? 'encapsulated'
        : event.leg === 'reply'
          ? 'reply'
          : 'packet';
    const classes = `${MARKER}${encapsulated ? ' encapsulated' : ''}${event.drop ? ' dropped' : ''}`;
    const marker = existing.nonempty()
      ? existing
      : cy.add({
          group: 'nodes',
          data: { id: MARKER, label, kind: 'packet' },
          position: to,
          classes,
          selectable: false,
        });
    marker.data('label', label);
    marker.classes(classes);
    marker.stop(true, false);
    if (prefersReducedMotion() || existing.empty()) marker.position(to);
    else
      marker.animate({ position: to }, { duration: Math.max(120, hopMs * 0.6), easing: 'ease-in-out-sine' });
  }, [cyRef, event, hopMs, drawnVersion]);
}
