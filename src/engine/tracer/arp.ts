/**
 * The ARP exchanges a walk needs: which host resolved which next hop on which device, and
 * whose kernel answered. The walk only records them (it stays pure and reads no learned
 * entry); `neighbours.ts` turns them into the entries the kernels would keep.
 */
import { contains, ipToNumber, parseCidr4 } from '../net/ipv4.ts';
import { localIface, type HostView } from './host-view.ts';

/** A network namespace: a node's own, or (with `pod`) the netns of one of its pods. */
export interface NeighHost {
  readonly node: string;
  readonly pod?: string;
}

/**
 * `from` looked up `ip` on `dev` and got `mac` (by an ARP request when it had no valid
 * entry; null: nobody answered); `to` is the namespace whose kernel answered it on `toDev`
 * (null: nobody, or the underlay gateway, which the lab does not model) and learns the
 * request's sender.
 */
export interface ArpExchange {
  readonly from: NeighHost;
  readonly dev: string;
  readonly ip: string;
  readonly mac: string | null;
  readonly to: NeighHost | null;
  readonly toDev: string;
  /** The request's sender protocol and hardware address (what `to` learns: neigh_event_ns). */
  readonly senderIp: string;
  readonly senderMac: string;
}

/** `from`'s ARP request for `ip` on `dev` that nobody answers (an INCOMPLETE entry). */
export function unanswered(from: NeighHost, dev: string, ip: string): ArpExchange {
  return { from, dev, ip, mac: null, to: null, toDev: '', senderIp: '', senderMac: '' };
}

/**
 * The sender address of a host's ARP request for `target` on `dev` (arp_solicit with
 * arp_announce 0): the packet's source when it is one of the host's addresses, else
 * inet_select_addr: the device's address on the target's subnet, its first address, or
 * the first global address of the netns (eth0's: a veth without an address, Calico's).
 */
export function arpSenderIp(view: HostView, dev: string, src: string, target: string): string {
  if (localIface(view, src) !== undefined) return src;
  const own = view.ifaces.get(dev)?.addresses ?? [];
  const t = ipToNumber(target);
  const onLink = own.find((a) => contains(parseCidr4(a), t)) ?? own[0];
  if (onLink !== undefined) return onLink.split('/')[0] ?? onLink;
  const byIndex = [...view.rows.interfaces].sort((a, b) => a.index - b.index);
  for (const i of byIndex)
    if (i.kind !== 'loopback' && i.addresses[0] !== undefined) return i.addresses[0].split('/')[0] ?? '';
  return view.node.ip;
}
