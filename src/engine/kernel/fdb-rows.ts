/**
 * `bridge fdb show` as the kernel dumps it: device by device in ifindex order. A bridge lists
 * its own addresses (`self`) and then its FDB entries on itself (`master`); a bridge port lists
 * the bridge's entries for it and then its own; any other device its unicast list (a macvlan
 * parent holds its children's MACs) and multicast list. Every Ethernet-like device joins the
 * IPv6 all-nodes and IPv4 all-hosts groups and its link-local address's solicited-node group;
 * a bridge with multicast snooping (the default) also the multicast-router groups. VXLAN,
 * IP-in-IP and loopback devices list no multicast rows.
 */
import { ALL_HOSTS_MAC, ALL_NODES_MAC, BRIDGE_ROUTER_MACS, solicitedNodeMac } from './link-local.ts';
import type { FdbRow, Iface } from './rows.ts';

const WITH_GROUPS: ReadonlySet<Iface['kind']> = new Set(['ethernet', 'bridge', 'veth', 'macvlan']);

function self(mac: string, dev: string): FdbRow {
  return { mac, dev, self: true, permanent: true };
}

/** The multicast rows of one device, in the order it joined the groups. */
function groups(i: Iface, extraSolicited: readonly string[]): FdbRow[] {
  if (!WITH_GROUPS.has(i.kind) || i.mac === '') return [];
  const ll = i.linkLocalMac ?? i.mac;
  const macs =
    i.kind === 'bridge'
      ? [ALL_NODES_MAC, BRIDGE_ROUTER_MACS[0], BRIDGE_ROUTER_MACS[1], ALL_HOSTS_MAC, solicitedNodeMac(ll)]
      : [ALL_NODES_MAC, ALL_HOSTS_MAC, solicitedNodeMac(ll)];
  for (const m of extraSolicited) if (!macs.includes(m)) macs.push(m);
  return macs.map((m) => self(m, i.name));
}

/**
 * The node's FDB rows in the kernel's order, with the multicast rows added. `rows` are the
 * entries plugins and data planes made (bridge entries, VXLAN destinations, a macvlan
 * parent's unicast entries for its children); rows on devices not in `interfaces` stay last.
 */
export function kernelFdb(interfaces: readonly Iface[], rows: readonly FdbRow[]): FdbRow[] {
  const out: FdbRow[] = [];
  const used = new Set<FdbRow>();
  const take = (pred: (r: FdbRow) => boolean): FdbRow[] => {
    const got = rows.filter((r) => !used.has(r) && pred(r));
    for (const r of got) used.add(r);
    return got;
  };
  for (const i of [...interfaces].sort((a, b) => a.index - b.index)) {
    if (i.kind === 'bridge') {
      out.push(...groups(i, []), ...take((r) => r.dev === i.name));
    } else if (i.master !== undefined) {
      out.push(...take((r) => r.dev === i.name && r.master !== undefined));
      out.push(...take((r) => r.dev === i.name), ...groups(i, []));
    } else {
      const unicast = take((r) => r.dev === i.name && r.self === true && r.dst === undefined);
      const other = take((r) => r.dev === i.name);
      // A macvlan parent also carries its children's multicast lists (dev_mc_sync).
      out.push(
        ...unicast,
        ...other,
        ...groups(
          i,
          unicast.map((r) => solicitedNodeMac(r.mac)),
        ),
      );
    }
  }
  out.push(...rows.filter((r) => !used.has(r)));
  return out;
}
