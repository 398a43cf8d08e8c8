import type { Core } from 'cytoscape';
import type { TraceEvent } from '../../store/trace-events.ts';
import { tunnelEdgeId } from './elements.ts';

/** Where each event of a trace happens in the drawing, and the drawn path that leads there. */
export interface HopPlace {
  /** The element the hop happens at (a device, a pod's eth0, a tap on the underlay, or a summary box). */
  readonly element: string | null;
  /** Elements passed on the way from the previous hop, ending at `element` (edges included). */
  readonly path: readonly string[];
  /** The tunnel link the packet is inside of at this hop, when it is encapsulated. */
  readonly tunnel: string | null;
}

function nodeOf(where: string): string | null {
  return where.startsWith('node/') ? where.slice(5) : null;
}

/** The element a hop happens at; `podNode` names the node of a pod the drawing shows only as a summary box. */
export function hopElementId(
  cy: Pick<Core, 'getElementById'>,
  event: TraceEvent,
  podNode: (name: string) => string | null,
  previousNode: string | null,
): string | null {
  const { where, device } = event.hop;
  const has = (id: string) => cy.getElementById(id).nonempty();
  if (where === 'underlay') {
    if (previousNode && has(`tap:${previousNode}`)) return `tap:${previousNode}`;
    return has('underlay') ? 'underlay' : null;
  }
  if (where.startsWith('pod/')) {
    const name = where.slice(4);
    for (const key of name.includes('/') ? [name] : [`default/${name}`, name])
      for (const id of [`podif:${key}:${device}`, `pod:${key}`]) if (has(id)) return id;
    const node = podNode(name);
    return node && has(`node:${node}`) ? `node:${node}` : null;
  }
  const node = nodeOf(where);
  if (!node) return null;
  for (const id of [`dev:${node}:${device}`, `node:${node}`]) if (has(id)) return id;
  return null;
}

/**
 * Resolves every event of a trace to its place and the drawn links leading to it: the
 * shortest path over the drawing's links inside a node (so a packet from a pod to cni0 runs
 * through its veth), and along the underlay between two nodes' taps. Encapsulated hops name
 * the tunnel link between the node that wrapped the packet and the one that unwraps it.
 */
export function placeHops(
  cy: Core,
  events: readonly TraceEvent[],
  podNode: (name: string) => string | null,
): HopPlace[] {
  const out: HopPlace[] = [];
  let prevElement: string | null = null;
  let prevNode: string | null = null;
  let prevLeg: TraceEvent['leg'] | null = null;
  for (let i = 0; i < events.length; i += 1) {
    const event = events[i]!;
    if (event.leg !== prevLeg) {
      prevElement = null;
      prevNode = null;
    }
    prevLeg = event.leg;
    const element = hopElementId(cy, event, podNode, prevNode);
    let path: string[] = element ? [element] : [];
    if (element && prevElement && prevElement !== element) path = pathBetween(cy, prevElement, element);
    out.push({ element, path, tunnel: tunnelOf(cy, events, i) });
    if (element) prevElement = element;
    prevNode = nodeOf(event.hop.where) ?? prevNode;
  }
  return out;
}

function pathBetween(cy: Core, from: string, to: string): string[] {
  // Between nodes: down one wire, along the underlay, up the other.
  if (from.startsWith('tap:') && to.startsWith('dev:')) {
    const node = to.split(':')[1];
    const tap = `tap:${node}`;
    return cy.getElementById(tap).nonempty() ? [tap, `wire:${node}`, to] : [to];
  }
  const root = cy.getElementById(from);
  const goal = cy.getElementById(to);
  const links = cy.elements('node, edge[kind != "tunnel"]');
  const found = links.aStar({ root, goal, directed: false });
  if (!found.found) return [to];
  return found.path.map((el) => el.id()).slice(1);
}

/** The tunnel edge an encapsulated hop travels in: from the node that encapsulated to the one that decapsulates. */
function tunnelOf(cy: Core, events: readonly TraceEvent[], index: number): string | null {
  const event = events[index]!;
  if (!event.hop.packet.outer) return null;
  let start = index;
  while (start > 0 && events[start - 1]!.leg === event.leg && events[start - 1]!.hop.packet.outer) start -= 1;
  let end = index;
  while (end + 1 < events.length && events[end + 1]!.leg === event.leg && events[end + 1]!.hop.packet.outer)
    end += 1;
  // The device that wraps it is the hop before the first encapsulated one (flannel.1, tunl0);
  // the one that unwraps it comes right after the last.
  const wrap = events[start]!;
  const unwrap = events[end + 1]?.leg === event.leg ? events[end + 1]! : events[end]!;
  const a = nodeOf(wrap.hop.where);
  const b = nodeOf(unwrap.hop.where);
  if (!a || !b || a === b) return null;
  for (const device of [unwrap.hop.device, wrap.hop.device]) {
    const id = tunnelEdgeId(a, b, device);
    if (cy.getElementById(id).nonempty()) return id;
  }
  return null;
}
