/**
 * The IPv6 addresses and multicast MACs the kernel gives every Ethernet-like interface on
 * its own (addrgenmode eui64, the default): `fe80::/64` from the MAC, the solicited-node
 * group it joins for that address, and the all-nodes and IPv4 all-hosts groups.
 */

/** `fe80::…` from a MAC by modified EUI-64 (U/L bit flipped, ff:fe in the middle), RFC 5952 form. */
export function ipv6LinkLocal(mac: string): string {
  const b = mac.split(':').map((x) => parseInt(x, 16));
  if (b.length !== 6 || b.some((x) => Number.isNaN(x))) return 'fe80::';
  const [b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0] = b;
  const words = [0xfe80, 0, 0, 0, ((b0 ^ 2) << 8) | b1, (b2 << 8) | 0xff, (0xfe << 8) | b3, (b4 << 8) | b5];
  // The longest run of two or more zero words becomes `::` (the first, on a tie).
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (ws: number[]): string => ws.map((w) => w.toString(16)).join(':');
  if (best < 0) return hex(words);
  return `${hex(words.slice(0, best))}::${hex(words.slice(best + bestLen))}`;
}

/** The solicited-node multicast MAC for the link-local address of `mac` (33:33:ff + its last 3 bytes). */
export function solicitedNodeMac(mac: string): string {
  return `33:33:ff:${mac.slice(9)}`;
}

/** IPv6 all-nodes (ff02::1) as a multicast MAC. */
export const ALL_NODES_MAC = '33:33:00:00:00:01';
/** IPv4 all-hosts (224.0.0.1) as a multicast MAC. */
export const ALL_HOSTS_MAC = '01:00:5e:00:00:01';
/** The groups a bridge with multicast snooping joins as a router (224.0.0.106, ff02::6a). */
export const BRIDGE_ROUTER_MACS = ['01:00:5e:00:00:6a', '33:33:00:00:00:6a'] as const;
