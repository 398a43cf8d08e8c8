import { useEffect, useRef, type RefObject } from 'react';
import type { Core } from 'cytoscape';
import type { TraceEvent } from '../../store/trace-events.ts';
import { placeHops, type HopPlace } from './packet-path.ts';

/** Trail and state classes the marker leaves on the drawing. */
const TRAIL_CLASSES = 'trail-request trail-reply current-hop tunnel-lit';
/** The marker rides a little above the line (screen pixels), so the labels it passes stay readable. */
const LIFT = 16;
/** Above this many drawn nodes the trail is not drawn (see below). */
const HEAVY_NODES = 400;

function prefersReducedMotion(): boolean {
  return (
    typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches
  );
}

/** Fills the marker: the packet's headers, one envelope inside another while it is encapsulated. */
function fillMarker(el: HTMLElement, event: TraceEvent): void {
  const { ip, outer } = event.hop.packet;
  const leg = event.leg === 'reply' ? 'reply' : 'request';
  el.className = `packet-marker ${leg}${outer ? ' encapsulated' : ''}${event.drop ? ' dropped' : ''}`;
  el.dataset['leg'] = leg;
  el.dataset['state'] = event.drop ? 'dropped' : outer ? 'encapsulated' : 'plain';
  el.replaceChildren();
  const line = (text: string, cls: string) => {
    const span = document.createElement('span');
    span.className = cls;
    span.textContent = text;
    return span;
  };
  if (event.drop) {
    el.append(line('✗ dropped here', 'packet-drop'));
    return;
  }
  const inner = line(`${leg} ${ip.src} → ${ip.dst}`, 'packet-inner');
  if (!outer) {
    el.append(inner);
    return;
  }
  const envelope = document.createElement('span');
  envelope.className = 'packet-outer';
  envelope.append(line(`outer ${outer.ip.src} → ${outer.ip.dst}`, 'packet-outer-head'), inner);
  el.append(envelope);
}

/**
 * Moves the packet marker along the drawn links to the current hop and leaves a trail of the
 * hops visited (request and reply in their own colours); while the packet is encapsulated
 * the marker shows outer and inner headers and the tunnel link is lit; a drop puts a star on
 * the device that dropped it. With reduced motion the marker does not move between hops:
 * it appears at the current hop, which is outlined.
 */
export function usePacketMarker(
  cyRef: RefObject<Core | null>,
  overlayRef: RefObject<HTMLDivElement | null>,
  events: readonly TraceEvent[] | null,
  event: TraceEvent | null,
  hopMs: number,
  podNode: (name: string) => string | null,
  drawnVersion: unknown,
): void {
  // Where each hop lands, worked out once per trace and drawing (the same trace lands
  // elsewhere after the drawing changed).
  const placed = useRef<{ events: unknown; version: unknown; places: HopPlace[] } | null>(null);

  // The marker is an element over the canvas, moved by the compositor: Cytoscape redraws
  // only when the trail changes, once a hop, not every frame (a 1,000-node drawing costs
  // tens of milliseconds a frame).
  useEffect(() => {
    const cy = cyRef.current;
    const overlay = overlayRef.current;
    if (!cy || !overlay) return;
    let marker = overlay.querySelector<HTMLElement>('.packet-marker');
    if (events && (placed.current?.events !== events || placed.current.version !== drawnVersion))
      placed.current = { events, version: drawnVersion, places: placeHops(cy, events, podNode) };
    const places = events ? placed.current!.places : null;
    const index = event && events ? events.indexOf(event) : -1;
    const place = places?.[index];
    // A large drawing is not restyled per hop (each restyle redraws every node): the ring
    // over the canvas shows the current hop, and the trail is left out.
    const heavy = cy.nodes().length > HEAVY_NODES;
    const trailed = cy.elements(`.${TRAIL_CLASSES.split(' ').join(', .')}`);
    if (trailed.nonempty()) cy.batch(() => trailed.removeClass(TRAIL_CLASSES));
    let ring = overlay.querySelector<HTMLElement>('.packet-hop');
    if (!event || !events || !place?.element) {
      marker?.remove();
      ring?.remove();
      return;
    }
    if (!heavy)
      cy.batch(() => {
        for (let i = 0; i <= index; i += 1) {
          const cls = events[i]!.leg === 'reply' ? 'trail-reply' : 'trail-request';
          for (const id of places![i]!.path) cy.getElementById(id).addClass(cls);
        }
        cy.getElementById(place.element!).addClass('current-hop');
        if (place.tunnel) cy.getElementById(place.tunnel).addClass('tunnel-lit');
      });
    if (!ring) {
      ring = document.createElement('div');
      ring.className = 'packet-hop';
      overlay.append(ring);
    }
    const hopRing = ring;
    const placeRing = () => {
      const bb = cy.getElementById(place.element!).renderedBoundingBox({ includeLabels: false });
      hopRing.style.transform = `translate(${bb.x1 - 5}px, ${bb.y1 - 5}px)`;
      hopRing.style.width = `${bb.w + 10}px`;
      hopRing.style.height = `${bb.h + 10}px`;
      hopRing.dataset['at'] = place.element!;
    };
    placeRing();
    const fresh = !marker;
    if (!marker) {
      marker = document.createElement('div');
      overlay.append(marker);
    }
    const el = marker;
    fillMarker(el, event);
    el.dataset['at'] = place.element;
    const screen = (id: string) => {
      const p = cy.getElementById(id).renderedPosition();
      return { x: p.x, y: p.y - (event.drop ? 0 : LIFT) };
    };
    const transform = (p: { x: number; y: number }) => `translate(${p.x}px, ${p.y}px) translate(-50%, -100%)`;
    const end = screen(place.element);
    el.getAnimations().forEach((a) => a.cancel());
    const from = el.style.transform;
    el.style.transform = transform(end);
    // Pan and zoom move the drawing under the marker: it follows.
    const follow = () => {
      placeRing();
      el.getAnimations().forEach((a) => a.cancel());
      el.style.transform = transform(screen(place.element!));
    };
    cy.on('viewport', follow);
    const cleanup = () => {
      cy.off('viewport', follow);
    };
    if (fresh || prefersReducedMotion() || typeof el.animate !== 'function') return cleanup;
    // Interpolated along the path's nodes, each stretch as long as its share of the distance.
    const points = place.path.filter((id) => cy.getElementById(id).isNode()).map(screen);
    points[points.length - 1] = end;
    const start = parseTranslate(from) ?? points[0] ?? end;
    const all = [start, ...points];
    const lengths = all.slice(1).map((p, i) => Math.hypot(p.x - all[i]!.x, p.y - all[i]!.y));
    const total = lengths.reduce((x, y) => x + y, 0);
    if (total === 0) return cleanup;
    let run = 0;
    const frames = all.map((p, i) => {
      if (i > 0) run += lengths[i - 1]!;
      return { transform: transform(p), offset: run / total };
    });
    el.animate(frames, { duration: Math.max(150, hopMs * 0.7), easing: 'linear' });
    return cleanup;
  }, [cyRef, overlayRef, events, event, hopMs, podNode, drawnVersion]);
}

function parseTranslate(transform: string): { x: number; y: number } | null {
  const m = /translate\((-?[\d.]+)px, (-?[\d.]+)px\)/.exec(transform);
  return m ? { x: Number(m[1]), y: Number(m[2]) } : null;
}
