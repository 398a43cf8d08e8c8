/**
 * bridge/ptp `ipMasq` (pkg/ip/ipmasq_iptables_linux.go, pkg/utils/utils.go).
 */
import { cniChainName } from '../util/hash.ts';
import { formatCidr, parseCidr4 } from '../net/ipv4.ts';
import type { KernelRows } from '../kernel/rows.ts';

/** `utils.FormatChainName`: `CNI-` + 24 hex of SHA-512(name + id) (the one implementation is `cniChainName`). */
export const formatChainName = cniChainName;

/** The NAT rows `SetupIPMasq` adds for one pod address (`ip/prefix`). */
export function ipMasqRows(network: string, containerId: string, address: string): Partial<KernelRows> {
  const chain = cniChainName(network, containerId);
  const comment = `-m comment --comment "name: \\"${network}\\" id: \\"${containerId}\\""`;
  const ip = address.split('/')[0] ?? address;
  return {
    natChains: [chain],
    nat: [
      { chain: 'POSTROUTING', rule: `-s ${ip}/32 ${comment} -j ${chain}` },
      { chain, rule: `-d ${formatCidr(parseCidr4(address))} ${comment} -j ACCEPT` },
      { chain, rule: `! -d 224.0.0.0/4 ${comment} -j MASQUERADE` },
    ],
  };
}

/**
 * The NAT rows of `SetupIPMasq` called once per address of a pod, in order, each rule
 * appended only when the chain lacks it (`AppendUnique`): a second subnet's ACCEPT lands
 * after the MASQUERADE, an address in the same subnet adds its POSTROUTING jump alone.
 */
export function ipMasqRowsAll(
  network: string,
  containerId: string,
  addresses: readonly string[],
): Partial<KernelRows> {
  if (addresses.length === 1) return ipMasqRows(network, containerId, addresses[0] as string);
  const nat: NonNullable<KernelRows['nat']> = [];
  let chains: KernelRows['natChains'] = [];
  for (const a of addresses) {
    const one = ipMasqRows(network, containerId, a);
    chains = one.natChains ?? chains;
    for (const row of one.nat ?? [])
      if (!nat.some((r) => r.chain === row.chain && r.rule === row.rule)) nat.push(row);
  }
  return { natChains: chains, nat };
}
