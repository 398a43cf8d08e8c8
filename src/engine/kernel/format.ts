/**
 * Printing kernel rows exactly as `ip addr`, `ip route`, `ip neigh`, `bridge fdb` and
 * `iptables -t nat -S` print them.
 */
import { parseCidr4 } from '../net/ipv4.ts';
import { ipv6LinkLocal } from './link-local.ts';
import type { FdbRow, Iface, NatRow, NeighRow, RouteRow } from './rows.ts';

function flags(i: Iface): string {
  if (i.kind === 'loopback') return '<LOOPBACK,UP,LOWER_UP>';
  if (i.kind === 'ipip') return i.state === 'DOWN' ? '<NOARP>' : '<NOARP,UP,LOWER_UP>';
  if (i.noCarrier === true) return '<NO-CARRIER,BROADCAST,MULTICAST,UP>';
  return i.state === 'DOWN' ? '<BROADCAST,MULTICAST>' : '<BROADCAST,MULTICAST,UP,LOWER_UP>';
}

/**
 * Is the address at `i` a secondary one? The kernel makes an address secondary when an
 * earlier one on the interface has the same prefix length and subnet (only a primary adds a
 * connected route).
 */
export function isSecondaryAddress(addresses: readonly string[], i: number): boolean {
  const a = addresses[i];
  if (a === undefined || i === 0) return false;
  const c = parseCidr4(a);
  for (let j = 0; j < i; j++) {
    const b = parseCidr4(addresses[j] as string);
    if (b.prefix === c.prefix && b.net === c.net) return true;
  }
  return false;
}

function inetLine(addr: string, dev: string, loopback: boolean, secondary = false): string {
  const c = parseCidr4(addr);
  const scope = `scope global${secondary ? ' secondary' : ''}`;
  if (loopback) return `    inet ${addr} scope host ${dev}`;
  if (c.prefix >= 31) return `    inet ${addr} ${scope} ${dev}`;
  const brd = c.net + 2 ** (32 - c.prefix) - 1;
  const b = `${brd >>> 24}.${(brd >>> 16) & 0xff}.${(brd >>> 8) & 0xff}.${brd & 0xff}`;
  return `    inet ${addr} brd ${b} ${scope} ${dev}`;
}

function ifName(i: Iface): string {
  const at = i.peerIndex !== undefined ? `@if${i.peerIndex}` : i.parent !== undefined ? `@${i.parent}` : '';
  return `${i.name}${at}`;
}

/**
 * Devices the kernel creates with a transmit queue of 1000 (`qlen 1000`): Ethernet, loopback,
 * bridges, VXLAN and IP-in-IP; veths (and Calico's, made with TxQLen 0) have none.
 */
const QLEN_1000: ReadonlySet<Iface['kind']> = new Set(['loopback', 'ethernet', 'bridge', 'vxlan', 'ipip']);

/**
 * The IPv6 address every netns gives an interface on its own: ::1 on lo, an EUI-64
 * link-local address on every interface with a MAC; ipip devices have none.
 */
function inet6Of(i: Iface): string | undefined {
  if (i.kind === 'loopback') return '::1/128';
  if (i.kind === 'ipip' || i.mac === '') return undefined;
  return `${ipv6LinkLocal(i.linkLocalMac ?? i.mac)}/64`;
}

/** The first line of an interface in `ip addr` (`mode` undefined) or `ip link` (`mode DEFAULT`). */
function headerLine(i: Iface, mode?: string): string {
  const qdisc = i.kind === 'loopback' ? 'noqueue' : i.kind === 'ethernet' ? 'fq_codel' : 'noqueue';
  const master = i.master !== undefined ? ` master ${i.master}` : '';
  const qlen = QLEN_1000.has(i.kind) ? ' qlen 1000' : '';
  const m = mode !== undefined ? ` mode ${mode}` : '';
  return `${i.index}: ${ifName(i)}: ${flags(i)} mtu ${i.mtu} qdisc ${qdisc}${master} state ${i.state}${m} group default${qlen}`;
}

function linkLine(i: Iface, extra = ''): string {
  if (i.kind === 'loopback') return `    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00${extra}`;
  if (i.kind === 'ipip') return `    link/ipip 0.0.0.0 brd 0.0.0.0${extra}`;
  const netns =
    i.linkNetns !== undefined ? ` link-netns ${i.linkNetns}` : i.peer === 'host' ? ' link-netnsid 0' : '';
  return `    link/ether ${i.mac} brd ff:ff:ff:ff:ff:ff${netns}${extra}`;
}

const byIndex = (ifaces: readonly Iface[]): Iface[] => [...ifaces].sort((a, b) => a.index - b.index);

/** `ip addr` for a list of interfaces. */
export function formatIpAddr(ifaces: readonly Iface[]): string {
  const lines: string[] = [];
  for (const i of byIndex(ifaces)) {
    lines.push(headerLine(i), linkLine(i));
    for (let k = 0; k < i.addresses.length; k++) {
      const a = i.addresses[k] as string;
      lines.push(inetLine(a, i.name, i.kind === 'loopback', k > 0 && isSecondaryAddress(i.addresses, k)));
      lines.push('       valid_lft forever preferred_lft forever');
    }
    // iproute2 ends inet6 lines with a blank.
    const v6 = inet6Of(i);
    if (v6 !== undefined) {
      lines.push(`    inet6 ${v6} scope ${i.kind === 'loopback' ? 'host' : 'link'} `);
      lines.push('       valid_lft forever preferred_lft forever');
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/**
 * `ip link` (`ip -d link` when `details` gives a device its kind line, e.g. the VXLAN id,
 * local address and port of flannel.1).
 */
export function formatIpLink(ifaces: readonly Iface[], details?: (i: Iface) => string | undefined): string {
  const lines: string[] = [];
  for (const i of byIndex(ifaces)) {
    lines.push(headerLine(i, 'DEFAULT'));
    if (details === undefined) {
      lines.push(linkLine(i));
      continue;
    }
    const maxmtu = i.kind === 'loopback' ? 0 : i.kind === 'ethernet' ? 9194 : 65535;
    lines.push(
      linkLine(i, ` promiscuity 0  allmulti 0 minmtu ${i.kind === 'loopback' ? 0 : 68} maxmtu ${maxmtu} `),
    );
    const kind = details(i);
    lines.push(
      `    ${kind !== undefined ? `${kind} ` : ''}addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 tso_max_size 524280 tso_max_segs 65535 gro_max_size 65536 `,
    );
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** `ip -br addr` (`link: true`: `ip -br link`), the brief one-line-per-device form. */
export function formatIpBrief(ifaces: readonly Iface[], link: boolean): string {
  return byIndex(ifaces)
    .map((i) => {
      const head = `${ifName(i).padEnd(16)} ${i.state.padEnd(14)} `;
      if (link) return `${head}${i.kind === 'ipip' ? '0.0.0.0' : i.mac} ${flags(i)} \n`;
      const v6 = inet6Of(i);
      return `${head}${[...i.addresses, ...(v6 === undefined ? [] : [v6])].map((a) => `${a} `).join('')}\n`;
    })
    .join('');
}

function routeKey(r: RouteRow): [number, number] {
  if (r.dst === 'default') return [0, 0];
  const c = parseCidr4(r.dst);
  return [c.net, r.dst.includes('/') ? c.prefix : 32];
}

/** One `ip route` line. */
export function formatRoute(r: RouteRow): string {
  const dst = r.dst.endsWith('/32') ? r.dst.slice(0, -3) : r.dst;
  const parts: string[] = r.type !== undefined ? [r.type, dst] : [dst];
  if (r.via !== undefined) parts.push('via', r.via);
  if (r.dev !== undefined) parts.push('dev', r.dev);
  if (r.proto !== undefined) parts.push('proto', r.proto);
  if (r.scope !== undefined) parts.push('scope', r.scope);
  if (r.src !== undefined) parts.push('src', r.src);
  if (r.metric !== undefined) parts.push('metric', String(r.metric));
  if (r.onlink === true) parts.push('onlink');
  if (r.linkdown === true) parts.push('linkdown');
  return parts.join(' ');
}

/** `ip route` (main table), sorted as the kernel dumps it. */
export function formatIpRoute(routes: readonly RouteRow[]): string[] {
  return [...routes]
    .sort((a, b) => {
      const [an, ap] = routeKey(a);
      const [bn, bp] = routeKey(b);
      return an - bn || bp - ap;
    })
    .map(formatRoute);
}

/** `ip neigh`, one line per row in the order given (`kernelNeighOrder` is the kernel's). */
export function formatIpNeigh(rows: readonly NeighRow[]): string[] {
  return rows.map((n) =>
    n.mac === '' ? `${n.ip} dev ${n.dev} ${n.state}` : `${n.ip} dev ${n.dev} lladdr ${n.mac} ${n.state}`,
  );
}

/** `bridge fdb`. */
export function formatBridgeFdb(rows: readonly FdbRow[]): string[] {
  return rows.map((f) => {
    const parts = [f.mac, 'dev', f.dev];
    if (f.vlan !== undefined) parts.push('vlan', String(f.vlan));
    if (f.dst !== undefined) parts.push('dst', f.dst);
    if (f.master !== undefined) parts.push('master', f.master);
    if (f.self === true) parts.push('self');
    if (f.permanent === true) parts.push('permanent');
    return parts.join(' ');
  });
}

const BUILTIN = ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'];

/** `iptables -t nat -S`: policies, user chains (sorted), then rules chain by chain. */
export function formatIptablesNat(chains: readonly string[], rules: readonly NatRow[]): string[] {
  const user = [...new Set(chains)].filter((c) => !BUILTIN.includes(c)).sort();
  const out = BUILTIN.map((c) => `-P ${c} ACCEPT`);
  for (const c of user) out.push(`-N ${c}`);
  for (const c of [...BUILTIN, ...user])
    for (const r of rules) if (r.chain === c) out.push(`-A ${c} ${r.rule}`);
  return out;
}
