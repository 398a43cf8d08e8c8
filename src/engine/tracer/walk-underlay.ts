/**
 * The wire between nodes: plain routing onto the underlay (to a node or out through the
 * gateway), tunnel encapsulation at a tunnel device or bridge port, and decapsulation.
 */
import { contains, ipToNumber, parseCidr4 } from '../net/ipv4.ts';
import { UNDERLAY_GATEWAY_MAC } from '../kernel/node-tables.ts';
import type { NodeState } from '../state/types.ts';
import { decapsulate, ENCAP_OVERHEAD, encapIpip, encapUdp, encapVxlan } from './encap.ts';
import { hostCanReachPod } from '../kernel/pod-tables.ts';
import { arpSenderIp, unanswered, type ArpExchange } from './arp.ts';
import { podOnNode, type HostView } from './host-view.ts';
import { checkMtu } from './mtu.ts';
import { withEth, type Packet } from './packet.ts';
import { hostForward, noRouteDrop } from './walk-host.ts';
import { bridgeForward } from './walk-pod.ts';
import type { LegEnd, Walker } from './walker.ts';

/** Plain routing onto the underlay: to another node, or out through the gateway. */
export function underlayOut(w: Walker, view: HostView, packet: Packet, nh: string, note: string): LegEnd {
  const node = view.node;
  const where = `node/${node.name}` as const;
  const gw = w.state.config.underlayGateway;
  const mtu = checkMtu(packet, 'eth0', node.underlayMtu);
  if (!mtu.ok) return { delivered: false, reason: `${mtu.reason} on ${where}` };
  const remote = w.nodeByIp(nh);
  if (nh === gw) {
    const cluster = parseCidr4(w.state.config.clusterCIDR);
    const out = withEth(packet, { src: node.mac, dst: UNDERLAY_GATEWAY_MAC });
    w.resolved({
      from: { node: node.name },
      dev: 'eth0',
      ip: gw,
      mac: UNDERLAY_GATEWAY_MAC,
      to: null,
      toDev: 'eth0',
      senderIp: arpSenderIp(view, 'eth0', packet.ip.src, gw),
      senderMac: node.mac,
    });
    if (contains(cluster, ipToNumber(packet.ip.dst))) {
      // Linux sends it: the packet leaves eth0 for the gateway, which has no route to pods.
      w.hop(where, 'eth0', `${note}; next hop the underlay gateway ${gw}`, out);
      w.hop(
        'underlay',
        'eth0',
        `on the wire from node/${node.name} to the underlay gateway ${gw}, which has no route to pod addresses and drops it`,
        out,
      );
      const own = podOnNode(w.state, node, packet.ip.dst);
      if (own !== undefined && !hostCanReachPod(w.state, own.key))
        return {
          delivered: false,
          reason: `macvlan: ${where} has no route to its own macvlan pod ${own.name} (the parent eth0 never sees its children's frames): only the default route via the underlay gateway ${gw} matched, and the gateway knows nothing of pod addresses`,
        };
      return noRouteDrop(
        w,
        node,
        packet.ip.dst,
        `no route to ${packet.ip.dst} on ${where}: only the default route via the underlay gateway ${gw} matched, and the gateway knows nothing of pod addresses`,
      );
    }
    w.hop(where, 'eth0', `${note}; next hop the underlay gateway ${gw}`, out);
    w.hop(
      'underlay',
      'eth0',
      `the packet leaves the cluster through ${gw} towards ${packet.ip.dst} with source ${packet.ip.src}`,
      out,
    );
    return { delivered: true, packet: out, at: 'underlay', listening: true };
  }
  if (remote === undefined) {
    w.resolved(unanswered({ node: node.name }, 'eth0', nh));
    return { delivered: false, reason: `${note}, but no host on the underlay answers ARP for ${nh}` };
  }
  const out = withEth(packet, { src: node.mac, dst: remote.mac });
  w.hop(where, 'eth0', `${note}; ARP: ${nh} (node/${remote.name}) is at ${remote.mac}`, out);
  w.resolved(nodeToNode(view, remote, nh, packet.ip.src));
  w.hop(
    'underlay',
    'eth0',
    `on the wire from node/${node.name} to node/${remote.name}, not encapsulated`,
    out,
  );
  w.hop(
    `node/${remote.name}`,
    'eth0',
    `received on eth0 (destination MAC ${remote.mac} is this node's)`,
    out,
  );
  return hostForward(w, remote, out, 'eth0', false);
}

/** Encapsulates at a tunnel device (or tunnel bridge port) and sends it across the underlay. */
export function tunnelOut(
  w: Walker,
  view: HostView,
  dev: string,
  packet: Packet,
  remoteIp: string | undefined,
  note: string,
): LegEnd {
  const node = view.node;
  const where = `node/${node.name}` as const;
  const remote = remoteIp === undefined ? undefined : w.nodeByIp(remoteIp);
  const spec = remote === undefined ? undefined : w.dp?.tunnel?.(w.state, node, remote, dev);
  if (remote === undefined || spec === undefined)
    return { delivered: false, reason: `${note}; but ${dev} has no tunnel endpoint for this destination` };
  const iface = view.ifaces.get(dev);
  const overhead = ENCAP_OVERHEAD[spec.kind];
  const mtu = checkMtu(
    packet,
    dev,
    iface?.kind === 'veth' ? node.underlayMtu : (iface?.mtu ?? 1500),
    iface?.kind === 'veth' ? overhead : 0,
  );
  if (!mtu.ok) return { delivered: false, reason: `${mtu.reason} on ${where}` };
  const outerEth = { src: node.mac, dst: remote.mac };
  const base = { outerSrc: node.ip, outerDst: remote.ip, outerEth };
  const out =
    spec.kind === 'vxlan'
      ? encapVxlan(packet, { ...base, dstPort: spec.port, vni: spec.vni })
      : spec.kind === 'ipip'
        ? encapIpip(packet, base)
        : encapUdp(packet, { ...base, port: spec.port });
  const how =
    spec.kind === 'vxlan'
      ? `encapsulated in VXLAN (VNI ${spec.vni}) over UDP to ${remote.ip}:${spec.port}`
      : spec.kind === 'ipip'
        ? `encapsulated in IP-in-IP (IP protocol 4) to ${remote.ip}`
        : `encapsulated by ${spec.label ?? 'the tunnel'} over UDP to ${remote.ip}:${spec.port}`;
  w.hop(where, dev, `${note}; ${how}`, out);
  w.hop(
    where,
    'eth0',
    `outer packet to ${remote.ip}: route ${w.state.config.underlayCIDR} dev eth0 (connected); ARP: ${remote.ip} is at ${remote.mac}`,
    out,
  );
  w.resolved(nodeToNode(view, remote, remote.ip, node.ip));
  w.hop(
    'underlay',
    'eth0',
    `on the wire from node/${node.name} to node/${remote.name}: only node IPs are visible outside`,
    out,
  );
  return tunnelIn(w, remote, node, out, dev);
}

/** A node resolving another node's address on the underlay (eth0 to eth0). */
function nodeToNode(view: HostView, remote: NodeState, nh: string, src: string): ArpExchange {
  const node = view.node;
  return {
    from: { node: node.name },
    dev: 'eth0',
    ip: nh,
    mac: remote.mac,
    to: { node: remote.name },
    toDev: 'eth0',
    senderIp: arpSenderIp(view, 'eth0', src, nh),
    senderMac: node.mac,
  };
}

function tunnelIn(w: Walker, node: NodeState, from: NodeState, packet: Packet, sentBy: string): LegEnd {
  const view = w.view(node);
  const where = `node/${node.name}` as const;
  const outer = packet.outer;
  let dev: string | undefined;
  for (const i of view.rows.interfaces) {
    const spec = w.dp?.tunnel?.(w.state, node, from, i.name);
    if (spec === undefined) continue;
    if (spec.kind === 'ipip' ? outer?.udp === undefined : outer?.udp?.dstPort === spec.port) dev = i.name;
    if (dev !== undefined) break;
  }
  if (dev === undefined)
    return {
      delivered: false,
      reason: `node/${node.name} has no device for the tunnel ${sentBy} used: the packet is dropped`,
    };
  const what = outer?.udp !== undefined ? `UDP destination port ${outer.udp.dstPort}` : 'IP protocol 4';
  w.hop(where, 'eth0', `received on eth0: ${what} is handled by ${dev}`, packet);
  const inner = decapsulate(packet);
  const iface = view.ifaces.get(dev);
  w.hop(
    where,
    dev,
    `decapsulated by ${dev}: the inner packet ${inner.ip.src} → ${inner.ip.dst} is unchanged (TTL ${inner.ip.ttl})`,
    inner,
  );
  if (iface?.master !== undefined) return bridgeForward(w, view, iface.master, inner, dev);
  return hostForward(w, node, inner, dev, false);
}
