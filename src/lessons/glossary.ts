/**
 * Short definitions of the networking jargon the lessons use, shown beside a step that
 * uses a term, so a student who has read only the chapter is not stopped by a word.
 */
export const GLOSSARY: readonly { term: string; match: RegExp; text: string }[] = [
  {
    term: 'onlink',
    match: /\bonlink\b/i,
    text: 'A route flag: the next hop is reachable on this device even though no subnet on it contains that address, so the kernel does not check.',
  },
  {
    term: 'FDB',
    match: /\bFDB\b|forwarding database/i,
    text: 'The forwarding database of a bridge or VXLAN device: which MAC address is behind which port (or, for VXLAN, which remote node).',
  },
  {
    term: 'neighbour',
    match: /\bneighbou?r\b|\bip neigh\b|\bARP\b/i,
    text: 'The neighbour (ARP) table maps an IP address on a link to its MAC address; a host asks with ARP before it sends the first frame.',
  },
  {
    term: 'proxy ARP',
    match: /proxy[ _-]?ARP/i,
    text: 'A device answers ARP requests for addresses that are not its own, with its own MAC, so traffic to them comes to it (Calico uses it on each cali… interface).',
  },
];

/** The glossary entries whose term appears in `text`. */
export function glossaryFor(text: string): { term: string; text: string }[] {
  return GLOSSARY.filter((g) => g.match.test(text)).map(({ term, text: t }) => ({ term, text: t }));
}
