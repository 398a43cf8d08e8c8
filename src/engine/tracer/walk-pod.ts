/**
 * The pod end of a walk: routing in the pod's netns and out of its eth0, bridge
 * forwarding (no TTL change), and delivery into the destination pod.
 */
import { own } from '../util/dict.ts';
import { hostCanReachPod, podTables } from '../kernel/pod-tables.ts';
import { formatIp, ipToNumber } from '../net/ipv4.ts';
import type { NodeState, PodState } from '../state/types.ts';
import { unanswered, type ArpExchange, type NeighHost } from './arp.ts';
import { hostPeerOf, localIface, podMac, podOnNode, routeTableOf, type HostView } from './host-view.ts';
import { checkMtu } from './mtu.ts';
import { resolveNextHop } from './next-hop.ts';
import { withEth, type Packet } from './packet.ts';
import { hostForward } from './walk-host.ts';
import { tunnelOut } from './walk-underlay.ts';
import type { LegEnd, Walker } from './walker.ts';

/**
 * Delivers into a running pod's netns (ingress policy first). `arp` is the exchange the
 * host needed to send it to the pod: a packet the policy drops (in FORWARD or OUTPUT, before
 * the neighbour layer) never needed it.
 */
export function deliverToPod(
  w: Walker,
  pod: PodState,
  packet: Packet,
  how: string,
  arp?: ArpExchange,
): LegEnd {
  const ingress = w.ingress();
  if (ingress.deny !== undefined) return { delivered: false, reason: ingress.deny };
  if (arp !== undefined) w.resolved(arp);
  const listening = isListening(pod, packet);
  // The packet's own port: after a hostPort DNAT it is the container's, not the one traced.
  const port = packet.l4.kind === 'icmp' ? 0 : packet.l4.dstPort;
  const what = w.isReply
    ? 'the reply reached the sender'
    : packet.l4.kind === 'icmp'
      ? 'the kernel answers the echo request'
      : listening
        ? `a container listens on ${packet.l4.kind.toUpperCase()} ${port}`
        : `nothing listens on ${packet.l4.kind.toUpperCase()} ${port}`;
  w.hop(
    `pod/${pod.name}`,
    'eth0',
    `${how}; delivered to ${pod.key} (${packet.ip.dst}), source ${packet.ip.src} unchanged, TTL ${packet.ip.ttl}; ${what}${ingress.note}`,
    packet,
  );
  return { delivered: true, packet, at: `pod/${pod.name}`, listening };
}

function isListening(pod: PodState, packet: Packet): boolean {
  if (packet.l4.kind === 'icmp') return true;
  const proto = packet.l4.kind.toUpperCase();
  const port = packet.l4.dstPort;
  return pod.containers.some((c) =>
    (c.ports ?? []).some((p) => p.containerPort === port && (p.protocol ?? 'TCP') === proto),
  );
}

/** A frame entering a bridge: to the host stack (bridge MAC), a pod port, or a tunnel port. */
export function bridgeForward(
  w: Walker,
  view: HostView,
  bridge: string,
  packet: Packet,
  from: string,
): LegEnd {
  const node = view.node;
  const br = view.ifaces.get(bridge);
  const dstMac = packet.eth?.dst ?? '';
  if (br !== undefined && dstMac === br.mac) {
    w.hop(
      `node/${node.name}`,
      bridge,
      `bridge ${bridge} received the frame from ${from}: destination MAC ${dstMac} is the bridge's own, so it goes up to the host's IP stack for routing`,
      packet,
    );
    return hostForward(w, node, packet, bridge, false);
  }
  const fdb = view.rows.fdb.find((f) => f.mac === dstMac && f.master === bridge);
  const port = fdb === undefined ? undefined : view.ifaces.get(fdb.dev);
  if (fdb === undefined || port === undefined)
    return {
      delivered: false,
      reason: `bridge ${bridge} on node/${node.name} has no FDB entry for ${dstMac}: no port answers for it`,
    };
  const fdbText = `FDB entry ${fdb.mac} dev ${fdb.dev} master ${bridge}`;
  const fromPod = view.ifaces.get(from)?.peer?.startsWith('pod/') === true;
  const egress = fromPod ? w.egress() : { note: '' };
  if (egress.deny !== undefined) return { delivered: false, reason: egress.deny };
  if (port.peer?.startsWith('pod/') === true) {
    const pod = own(w.state.pods, port.peer.slice(4));
    if (pod === undefined)
      return { delivered: false, reason: `${port.name} leads to a pod that no longer exists` };
    w.hop(
      `node/${node.name}`,
      bridge,
      `bridge ${bridge}: ${fdbText} → forwarded out ${port.name} at layer 2 (no routing, TTL unchanged)${egress.note}`,
      packet,
    );
    return deliverToPod(w, pod, packet, `arrived on ${port.name}'s peer`);
  }
  return tunnelOut(w, view, port.name, packet, fdb.dst, `bridge ${bridge}: ${fdbText}${egress.note}`);
}

/** A pod's netns as a neighbour table's owner, and the device its eth0 is called there. */
export function podHost(pod: PodState, node: NodeState): { host: NeighHost; dev: string } {
  return { host: { node: node.name, pod: pod.key }, dev: pod.sandbox?.ifname ?? 'eth0' };
}

/** The MAC that answers ARP for `nh` on the pod's link, who answered, and whose kernel that is. */
function resolveL2(
  w: Walker,
  view: HostView,
  pod: PodState,
  nh: string,
): { mac: string; who: string; to: NeighHost; toDev: string } | null {
  const peer = hostPeerOf(view, pod);
  if (peer === undefined) return null;
  const node = { node: view.node.name };
  if (peer.master === undefined)
    return {
      mac: peer.mac,
      who: `${peer.name} (proxy ARP on the host end of the veth)`,
      to: node,
      toDev: peer.name,
    };
  const br = view.ifaces.get(peer.master);
  if (br?.addresses.some((a) => a.split('/')[0] === nh) === true)
    return { mac: br.mac, who: `bridge ${br.name}`, to: node, toDev: br.name };
  const other =
    podOnNode(w.state, view.node, nh) ?? w.dp?.podOnSharedLink?.(w.state, view.node, peer.master, nh);
  const at = other?.node == null ? undefined : own(w.state.nodes, other.node);
  if (other === undefined || at === undefined) return null;
  const { host, dev } = podHost(other, at);
  const who =
    at === view.node ? `pod ${other.name}` : `pod ${other.name} on node/${at.name}, across ${peer.master}`;
  return { mac: podMac(other), who, to: host, toDev: dev };
}

/** The packet leaves the source pod: route in the pod's netns, ARP, out of eth0. */
export function podSend(w: Walker, pod: PodState, node: NodeState, packet: Packet): LegEnd {
  const tables = podTables(w.state, pod.key);
  const eth0 = tables?.interfaces.find((i) => i.name === 'eth0');
  if (tables === null || eth0 === undefined)
    return { delivered: false, reason: `pod ${pod.name} has no eth0` };
  const where = `pod/${pod.name}` as const;
  const next = resolveNextHop(routeTableOf(tables.routes), ipToNumber(packet.ip.dst), where);
  if (next.kind === 'drop') return { delivered: false, reason: next.reason };
  const nh = next.route.via === undefined ? packet.ip.dst : formatIp(next.nextHop);
  const mtu = checkMtu(packet, 'eth0', eth0.mtu);
  if (!mtu.ok) return { delivered: false, reason: `${mtu.reason} in ${where}` };
  const view = w.view(node);
  if (eth0.kind === 'macvlan') return macvlanSend(w, view, pod, packet, nh, next.note);
  const l2 = resolveL2(w, view, pod, nh);
  const self = podHost(pod, node);
  if (l2 === null) {
    w.resolved(unanswered(self.host, self.dev, nh));
    return {
      delivered: false,
      reason: `${next.note} in ${where}, but no one answers ARP for ${nh} on its link: no running pod or gateway has that address`,
    };
  }
  const out = withEth(packet, { src: eth0.mac, dst: l2.mac });
  w.hop(
    where,
    'eth0',
    `${next.note}; ARP: ${nh} is at ${l2.mac} (${l2.who}); sent out eth0 (MTU ${eth0.mtu})`,
    out,
  );
  w.resolved({
    from: self.host,
    dev: self.dev,
    ip: nh,
    mac: l2.mac,
    to: l2.to,
    toDev: l2.toDev,
    senderIp: packet.ip.src,
    senderMac: eth0.mac,
  });
  const peer = hostPeerOf(view, pod);
  if (peer === undefined)
    return { delivered: false, reason: `the host end of ${pod.name}'s veth is missing` };
  if (peer.master !== undefined) return bridgeForward(w, view, peer.master, out, peer.name);
  const egress = w.egress();
  if (egress.deny !== undefined) return { delivered: false, reason: egress.deny };
  w.hop(
    `node/${node.name}`,
    peer.name,
    `received on ${peer.name}, the host end of ${pod.name}'s veth; handed to the host's IP stack${egress.note}`,
    out,
  );
  return hostForward(w, node, out, peer.name, false);
}

function macvlanSend(
  w: Walker,
  view: HostView,
  pod: PodState,
  packet: Packet,
  nh: string,
  note: string,
): LegEnd {
  const where = `pod/${pod.name}` as const;
  const self = podHost(pod, view.node);
  const other = podOnNode(w.state, view.node, nh);
  // The macvlan's segment is the parent's: the parent itself never sees the request.
  if (other === undefined) w.resolved(unanswered(self.host, self.dev, nh));
  if (localIface(view, nh) !== undefined && !hostCanReachPod(w.state, pod.key))
    return {
      delivered: false,
      reason: `macvlan: ${pod.name} cannot reach its own host ${nh}; the parent ${view.node.name} eth0 never sees frames from its macvlan children (use a bridge or a macvlan sub-interface on the host)`,
    };
  if (other === undefined)
    return {
      delivered: false,
      reason: `${note} in ${where}, but no one answers ARP for ${nh} on the macvlan's segment`,
    };
  const out = withEth(packet, { src: podMac(pod), dst: podMac(other) });
  w.hop(
    where,
    'eth0',
    `${note}; ARP: ${nh} is at ${podMac(other)} (pod ${other.name} on the same macvlan parent); switched inside the parent eth0 (bridge mode)`,
    out,
  );
  const peer = podHost(other, view.node);
  w.resolved({
    from: self.host,
    dev: self.dev,
    ip: nh,
    mac: podMac(other),
    to: peer.host,
    toDev: peer.dev,
    senderIp: packet.ip.src,
    senderMac: podMac(pod),
  });
  return deliverToPod(w, other, out, 'arrived on its macvlan eth0');
}
