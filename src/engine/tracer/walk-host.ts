/**
 * The node end of a walk: local delivery, the routing decision (route, TTL, POSTROUTING
 * NAT, neighbour), tunnel encapsulation, the underlay wire and decapsulation.
 */
import { own } from '../util/dict.ts';
import { contains, formatIp, ipToNumber, parseCidr4 } from '../net/ipv4.ts';
import type { NodeState, PodState } from '../state/types.ts';
import { arpSenderIp, unanswered, type ArpExchange } from './arp.ts';
import { localIface, neighOf, podMac, podOnNode, type HostView } from './host-view.ts';
import { hostPortDnat, withDestination, withSource } from './hostport-dnat.ts';
import { postrouting } from './nat-eval.ts';
import { resolveNextHop } from './next-hop.ts';
import { decrementTtl, withEth, type Packet } from './packet.ts';
import { bridgeForward, deliverToPod, podHost } from './walk-pod.ts';
import { tunnelOut, underlayOut } from './walk-underlay.ts';
import type { LegEnd, Walker } from './walker.ts';

/**
 * Why a bridge-plugin cluster drops a packet for another node's pods, and the route that
 * would carry it. The reason says what is missing; the fix, kept apart, is for a student
 * who asks for it (a lesson's next task may be to find it).
 */
export function noRouteDrop(
  w: Walker,
  node: NodeState,
  dst: string,
  reason: string,
): { delivered: false; reason: string; fix?: string } {
  const cluster = parseCidr4(w.state.config.clusterCIDR);
  if (w.state.config.network.plugin !== 'bridge' || !contains(cluster, ipToNumber(dst)))
    return { delivered: false, reason };
  const owner = w.state.nodeOrder
    .map((n) => own(w.state.nodes, n))
    .find((n) => n?.podCIDR != null && contains(parseCidr4(n.podCIDR), ipToNumber(dst)));
  const fix =
    owner === undefined || owner.podCIDR === null
      ? `a route on ${node.name} to the pod range that holds ${dst}, via the node that owns it`
      : `a route on ${node.name} to ${owner.podCIDR} via ${owner.ip} (${owner.name}): addRoute {node: "${node.name}", dst: "${owner.podCIDR}", via: "${owner.ip}"}`;
  return {
    delivered: false,
    reason: `${reason}: the bridge plugin connects pods on one node only and sets up no routes between nodes, so ${node.name} has no route to another node's pods`,
    fix,
  };
}

/** The node resolving a pod on this node (its address `nh`) out of `dev`, which has MAC `mac`. */
function hostToPod(
  view: HostView,
  pod: PodState,
  dev: string,
  mac: string,
  p: Packet,
  nh: string,
): ArpExchange {
  const to = podHost(pod, view.node);
  return {
    from: { node: view.node.name },
    dev,
    ip: nh,
    mac: podMac(pod),
    to: to.host,
    toDev: to.dev,
    senderIp: arpSenderIp(view, dev, p.ip.src, nh),
    senderMac: mac,
  };
}

/** The host's IP stack handles a packet that came in on `inDev` (or was sent by the host when `local`). */
export function hostForward(
  w: Walker,
  node: NodeState,
  packet: Packet,
  inDev: string,
  local: boolean,
): LegEnd {
  const view = w.view(node);
  const where = `node/${node.name}` as const;
  const dst = packet.ip.dst;
  const dn = w.dnat;
  if (w.isReply && dn !== null && dn.node === node.name && packet.l4.kind !== 'icmp') {
    if (packet.ip.src === dn.translated.ip && packet.l4.srcPort === dn.translated.port) {
      const back = withSource(packet, dn.original.ip, dn.original.port);
      w.dnat = null;
      w.hop(
        where,
        inDev,
        `conntrack reverses the DNAT of the request: source ${dn.translated.ip}:${dn.translated.port} → ${dn.original.ip}:${dn.original.port}`,
        back,
      );
      return hostForward(w, node, back, inDev, local);
    }
  }
  const mine = localIface(view, dst);
  if (mine !== undefined && !w.isReply && w.dnat === null) {
    const d = hostPortDnat(view.rows.nat, packet);
    if (d !== null && packet.l4.kind !== 'icmp') {
      const out = withDestination(packet, d.ip, d.port);
      w.dnat = {
        node: node.name,
        original: { ip: dst, port: packet.l4.dstPort },
        translated: { ip: d.ip, port: d.port },
      };
      w.hop(
        where,
        inDev,
        `${local ? 'OUTPUT' : 'PREROUTING'} -m addrtype --dst-type LOCAL: ${d.jump}; ${d.rule}: DNAT (hostPort), destination ${dst}:${packet.l4.dstPort} → ${d.ip}:${d.port}`,
        out,
      );
      return hostForward(w, node, out, inDev, local);
    }
  }
  const ct = w.conntrack;
  if (mine !== undefined && ct !== null && ct.node === node.name && ct.translated === dst) {
    const back = { ...packet, ip: { ...packet.ip, dst: ct.original } };
    w.conntrack = null;
    w.hop(
      where,
      inDev,
      `conntrack reverses the MASQUERADE of the request: destination ${dst} → ${ct.original}`,
      back,
    );
    return hostForward(w, node, back, inDev, local);
  }
  if (mine !== undefined) {
    const dev = local ? 'lo' : mine.name;
    w.hop(where, dev, `${dst} is an address of ${mine.name} on this host: delivered locally (INPUT)`, packet);
    return { delivered: true, packet, at: where, listening: true };
  }
  const next = resolveNextHop(view.table, ipToNumber(dst), where);
  if (next.kind === 'drop') return noRouteDrop(w, node, dst, next.reason);
  let p = packet;
  let note = next.note;
  if (!local) {
    const f = decrementTtl(p, where);
    if (!f.ok) return { delivered: false, reason: f.reason };
    note += `; forwarded from ${inDev}: TTL ${p.ip.ttl} → ${f.packet.ip.ttl}`;
    p = f.packet;
  }
  const outIf = view.ifaces.get(next.dev);
  // NAT is decided on a connection's first packet; a reply belongs to a tracked connection
  // and the nat table is not consulted for it (conntrack only undoes the request's NAT).
  const nat = w.isReply ? null : postrouting(view.rows, p.ip.src, dst, { protocol: p.ip.protocol, l4: p.l4 });
  if (nat === null) note += '; POSTROUTING: a reply of a tracked connection, the nat table is not consulted';
  else if (nat.action === 'MASQUERADE') {
    const src = outIf?.addresses[0]?.split('/')[0] ?? node.ip;
    note += `; POSTROUTING ${nat.rule ?? ''}: MASQUERADE, source ${p.ip.src} rewritten to ${src}`;
    w.masq = { node: node.name, original: p.ip.src, translated: src };
    p = { ...p, ip: { ...p.ip, src } };
  } else
    note +=
      nat.rule === null
        ? '; POSTROUTING: no nat rule matched, no NAT'
        : `; POSTROUTING ${nat.rule}: no NAT (source ${p.ip.src} kept)`;
  const nh = next.route.via === undefined ? dst : formatIp(next.nextHop);
  if (outIf === undefined)
    return { delivered: false, reason: `route on ${where} names device ${next.dev}, which does not exist` };
  switch (outIf.kind) {
    case 'bridge': {
      const pod = podOnNode(w.state, node, nh);
      if (pod !== undefined) {
        const out = withEth(p, { src: outIf.mac, dst: podMac(pod) });
        const port = view.rows.fdb.find((f) => f.mac === podMac(pod) && f.master === outIf.name);
        w.hop(
          where,
          outIf.name,
          `${note}; neighbour ${nh} is at ${podMac(pod)}; MAC rewritten ${outIf.mac} → ${podMac(pod)}; bridge FDB: ${podMac(pod)} on ${port?.dev ?? '?'}`,
          out,
        );
        return deliverToPod(
          w,
          pod,
          out,
          `arrived through ${port?.dev ?? outIf.name}`,
          hostToPod(view, pod, outIf.name, outIf.mac, p, nh),
        );
      }
      // A pod of another node on the same layer-2 segment answers for itself (Weave).
      const remote = w.dp?.podOnSharedLink?.(w.state, node, outIf.name, nh);
      const at = remote?.node == null ? undefined : own(w.state.nodes, remote.node);
      if (remote === undefined || at === undefined) {
        w.resolved(unanswered({ node: node.name }, outIf.name, nh));
        return {
          delivered: false,
          reason: `${note}, but no pod with ${nh} is running on ${where}: ARP on ${outIf.name} gets no answer (destination pod not running)`,
        };
      }
      const mac = podMac(remote);
      const out = withEth(p, { src: outIf.mac, dst: mac });
      w.hop(
        where,
        outIf.name,
        `${note}; ARP: ${nh} is at ${mac} (pod ${remote.name} on node/${at.name})`,
        out,
      );
      const to = podHost(remote, at);
      w.resolved({
        from: { node: node.name },
        dev: outIf.name,
        ip: nh,
        mac,
        to: to.host,
        toDev: to.dev,
        senderIp: arpSenderIp(view, outIf.name, p.ip.src, nh),
        senderMac: outIf.mac,
      });
      return bridgeForward(w, view, outIf.name, out, 'the host');
    }
    case 'veth': {
      const key = outIf.peer?.startsWith('pod/') === true ? outIf.peer.slice(4) : '';
      const pod = own(w.state.pods, key);
      if (pod === undefined)
        return { delivered: false, reason: `${outIf.name} on ${where} leads to no running pod` };
      const out = withEth(p, { src: outIf.mac, dst: podMac(pod) });
      w.hop(
        where,
        outIf.name,
        `${note}; MAC rewritten: source ${outIf.mac}, destination ${podMac(pod)} (${pod.name}'s eth0)`,
        out,
      );
      return deliverToPod(
        w,
        pod,
        out,
        `arrived through ${outIf.name}`,
        hostToPod(view, pod, outIf.name, outIf.mac, p, nh),
      );
    }
    case 'vxlan': {
      const n = neighOf(view, nh, outIf.name);
      if (n === undefined) {
        w.resolved(unanswered({ node: node.name }, outIf.name, nh));
        return { delivered: false, reason: `${note}, but ${outIf.name} has no neighbour entry for ${nh}` };
      }
      const out = withEth(p, { src: outIf.mac, dst: n.mac });
      const fdb = view.rows.fdb.find((f) => f.mac === n.mac && f.dev === outIf.name);
      const text = `${note}; neighbour ${nh} dev ${outIf.name} lladdr ${n.mac} PERMANENT; FDB ${n.mac} dev ${outIf.name} dst ${fdb?.dst ?? '?'}`;
      return tunnelOut(w, view, outIf.name, out, fdb?.dst, text);
    }
    case 'ipip':
      return tunnelOut(w, view, outIf.name, p, nh, note);
    default:
      return underlayOut(w, view, p, nh, note);
  }
}
