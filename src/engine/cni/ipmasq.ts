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
