/**
 * The packet tracer: walks a request (and its reply) hop by hop through the tables derived
 * from the cluster state, never from a per-plugin script. Pure; the state is not changed.
 */
import { own } from '../util/dict.ts';
import { formatIp, ipToNumber } from '../net/ipv4.ts';
import { evaluatePolicies, type PolicyEndpoint, type PolicyEvaluation } from '../policy/evaluate-policies.ts';
import { engineError, type EngineError } from '../spec/result.ts';
import type { ClusterState, NodeState, PodState } from '../state/types.ts';
import { endpointLabel, notRunningReason, resolveSource, resolveTarget, type Endpoint } from './endpoints.ts';
import {
  createReply,
  createRequest,
  DEFAULT_TTL,
  IPPROTO,
  type Packet,
  type TraceProtocol,
} from './packet.ts';
import type { ArpExchange } from './arp.ts';
import type { TraceLeg, TraceResult } from './trace-types.ts';
import { hostForward } from './walk-host.ts';
import { podSend } from './walk-pod.ts';
import { Walker, type LegEnd } from './walker.ts';
import { lookupRoute } from './route-table.ts';
import { routeTableOf } from './host-view.ts';
import { podTables } from '../kernel/pod-tables.ts';
import { sandboxExtraIps } from '../cni/packed-result.ts';
import { namespaceLabels } from '../state/namespaces.ts';

/** What to trace. `size` is the application payload in bytes; `ttl` the sender's initial TTL. */
export interface TraceRequest {
  from: string;
  to: string;
  protocol: TraceProtocol;
  port?: number;
  size?: number;
  ttl?: number;
}

function policyEndpoint(state: ClusterState, e: Endpoint, ip: string): PolicyEndpoint {
  if (e.kind !== 'pod') return { kind: 'external', ip: ipToNumber(ip), label: endpointLabel(e) };
  const p = e.pod;
  return {
    kind: 'pod',
    name: p.name,
    namespace: p.namespace,
    ip: ipToNumber(ip),
    labels: p.labels,
    namespaceLabels: namespaceLabels(state, p.namespace),
    containerPorts: p.containers.flatMap((c) =>
      (c.ports ?? []).map((x) => ({
        containerPort: x.containerPort,
        protocol: x.protocol ?? 'TCP',
        ...(x.name !== undefined ? { name: x.name } : {}),
      })),
    ),
  };
}

function evaluate(
  state: ClusterState,
  req: TraceRequest,
  from: Endpoint,
  src: string,
  to: Endpoint,
  dst: string,
): PolicyEvaluation | null {
  const policies = Object.values(state.policies);
  if (policies.length === 0) return null;
  return evaluatePolicies(policies, {
    source: policyEndpoint(state, from, src),
    destination: policyEndpoint(state, to, dst),
    protocol: req.protocol,
    ...(req.port !== undefined ? { port: req.port } : {}),
  });
}

function nodeOf(state: ClusterState, pod: PodState): NodeState | undefined {
  return pod.node === null ? undefined : own(state.nodes, pod.node);
}

/** The source address the host picks for `dst`: the route's `src`, the device's address, or the node IP. */
function hostSource(w: Walker, node: NodeState, dst: string): string {
  const view = w.view(node);
  const r = lookupRoute(view.table, ipToNumber(dst));
  if (r?.src !== undefined) return formatIp(r.src);
  const dev = r?.dev === undefined ? undefined : view.ifaces.get(r.dev);
  return dev?.kind !== 'ethernet' && dev?.addresses[0] !== undefined
    ? (dev.addresses[0].split('/')[0] ?? node.ip)
    : node.ip;
}

/**
 * The source address a pod picks for `dst`: its only address, or with several (host-local
 * range sets) the `src` of the route its netns takes to `dst`, as the kernel does.
 */
function podSource(state: ClusterState, pod: PodState, dst: string): string {
  const first = pod.ip ?? '';
  if (sandboxExtraIps(pod.sandbox).length === 0) return first;
  const routes = podTables(state, pod.key)?.routes ?? [];
  const r = lookupRoute(routeTableOf(routes), ipToNumber(dst));
  return r?.src === undefined ? first : formatIp(r.src);
}

function send(w: Walker, from: Endpoint, packet: Packet): LegEnd {
  if (from.kind === 'pod') {
    const node = nodeOf(w.state, from.pod);
    if (node === undefined) return { delivered: false, reason: `pod ${from.pod.name} is on no node` };
    return podSend(w, from.pod, node, packet);
  }
  if (from.kind === 'node') return hostForward(w, from.node, packet, 'lo', true);
  return { delivered: false, reason: 'a trace cannot start at an outside address' };
}

function leg(w: Walker, end: LegEnd): TraceLeg {
  return end.delivered
    ? { delivered: true, hops: w.hops }
    : {
        delivered: false,
        dropReason: end.reason,
        ...(end.fix !== undefined ? { dropFix: end.fix } : {}),
        hops: w.hops,
      };
}

function replyPacket(delivered: Packet, listening: boolean): Packet {
  const reply = createReply(delivered, DEFAULT_TTL);
  if (listening || delivered.l4.kind === 'icmp') return reply;
  if (delivered.l4.kind === 'tcp')
    return {
      ...reply,
      l4: {
        ...reply.l4,
        kind: 'tcp',
        srcPort: delivered.l4.dstPort,
        dstPort: delivered.l4.srcPort,
        flags: ['RST', 'ACK'],
      },
    };
  // An INIT for a port nobody listens on is "out of the blue": the kernel answers ABORT.
  // (RFC 9260 §8.4; Linux's sctp_sf_tabort_8_4_8).
  if (reply.l4.kind === 'sctp') return { ...reply, l4: { ...reply.l4, chunk: 'ABORT' } };
  return {
    ...reply,
    ip: { ...reply.ip, protocol: IPPROTO.icmp },
    l4: { kind: 'icmp', type: 3, code: 3, id: 0, seq: 0 },
    payloadLength: 28,
  };
}

/** The reply leg; conntrack lets replies of an allowed connection through, so no policy applies. */
function traceReply(
  state: ClusterState,
  req: Walker,
  end: Extract<LegEnd, { delivered: true }>,
  to: Endpoint,
): TraceLeg {
  const reply = replyPacket(end.packet, end.listening);
  const w = new Walker(state, ipToNumber(reply.ip.dst), null);
  w.arp = req.arp;
  w.conntrack = req.masq;
  w.dnat = req.dnat;
  w.isReply = true;
  // After a hostPort DNAT the request ended in a pod, whatever address it was sent to.
  const dnatPod =
    req.dnat === null
      ? undefined
      : Object.values(state.pods).find((p) => `pod/${p.name}` === end.at && p.node === req.dnat?.node);
  if (dnatPod !== undefined) {
    const node = nodeOf(state, dnatPod);
    return leg(
      w,
      node === undefined ? { delivered: false, reason: 'no node' } : podSend(w, dnatPod, node, reply),
    );
  }
  if (to.kind === 'pod') {
    const node = nodeOf(state, to.pod);
    return leg(
      w,
      node === undefined ? { delivered: false, reason: 'no node' } : podSend(w, to.pod, node, reply),
    );
  }
  if (to.kind === 'node') return leg(w, hostForward(w, to.node, reply, 'lo', true));
  w.hop('underlay', 'eth0', `the reply from ${reply.ip.src} comes back to ${reply.ip.dst}`, reply);
  const masq = req.masq;
  const node = masq === null ? w.nodeByIp(reply.ip.dst) : own(state.nodes, masq.node);
  if (node === undefined)
    return leg(w, { delivered: false, reason: `${reply.ip.dst} is no node of this cluster` });
  if (masq === null) return leg(w, hostForward(w, node, reply, 'eth0', false));
  const back = { ...reply, ip: { ...reply.ip, dst: masq.original } };
  w.hop(
    `node/${node.name}`,
    'eth0',
    `conntrack reverses the MASQUERADE: destination ${masq.translated} → ${masq.original}`,
    back,
  );
  const w2 = new Walker(state, ipToNumber(masq.original), null);
  w2.arp = w.arp;
  w2.isReply = true;
  w2.hops.push(...w.hops);
  return leg(w2, hostForward(w2, node, back, 'eth0', false));
}

/**
 * Traces a packet; unknown endpoints are errors, drops are results. `arp` lists the ARP
 * exchanges the packets needed on the way, request then reply (`neighbours.ts` learns them).
 */
export function tracePacket(
  state: ClusterState,
  req: TraceRequest,
): { ok: true; trace: TraceResult; arp: readonly ArpExchange[] } | { ok: false; error: EngineError } {
  const from = resolveSource(state, req.from);
  if ('code' in from) return { ok: false, error: from };
  const to = resolveTarget(state, req.to);
  if ('code' in to) return { ok: false, error: to };
  const base = {
    from: req.from,
    to: req.to,
    protocol: req.protocol,
    ...(req.port !== undefined ? { port: req.port } : {}),
  };
  const drop = (dropReason: string): { ok: true; trace: TraceResult; arp: readonly ArpExchange[] } => ({
    ok: true,
    trace: { ...base, delivered: false, dropReason, hops: [] },
    arp: [],
  });
  if (req.protocol !== 'icmp' && req.port === undefined)
    return { ok: false, error: engineError('missing-port', `a ${req.protocol} trace needs a port`, 'port') };
  if (from.kind === 'pod' && (from.pod.phase !== 'Running' || from.pod.ip === null))
    return drop(notRunningReason(state, from.pod, 'source'));
  if (to.kind === 'pod' && (to.pod.phase !== 'Running' || to.pod.ip === null))
    return drop(notRunningReason(state, to.pod, 'destination'));
  const dst = to.kind === 'pod' ? (to.ip ?? to.pod.ip ?? '') : to.kind === 'node' ? to.node.ip : to.ip;
  // The request's walker; its host views (focused on `dst`) also serve `hostSource` below.
  const w = new Walker(state, ipToNumber(dst), req.port ?? null);
  w.fromOwnNode = from.kind === 'node' && to.kind === 'pod' && to.pod.node === from.node.name;
  const src =
    from.kind === 'pod'
      ? podSource(state, from.pod, dst)
      : from.kind === 'node'
        ? hostSource(w, from.node, dst)
        : '';
  w.policy = evaluate(state, req, from, src, to, dst);
  const packet = createRequest({
    protocol: req.protocol,
    src,
    dst,
    ...(req.port !== undefined ? { dstPort: req.port } : {}),
    ...(req.ttl !== undefined ? { ttl: req.ttl } : {}),
    ...(req.size !== undefined ? { payloadLength: req.size } : {}),
  });
  const end = send(w, from, packet);
  const request = leg(w, end);
  const trace: TraceResult = end.delivered
    ? { ...base, delivered: true, hops: request.hops, reply: traceReply(state, w, end, to) }
    : {
        ...base,
        delivered: false,
        dropReason: end.reason,
        ...(end.fix !== undefined ? { dropFix: end.fix } : {}),
        hops: request.hops,
      };
  return { ok: true, trace, arp: w.arp };
}
