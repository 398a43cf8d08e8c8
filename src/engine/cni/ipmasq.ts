/**
 * bridge/ptp `ipMasq` (pkg/ip/ipmasq_iptables_linux.go, pkg/utils/utils.go).
 */
import { sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { formatCidr, parseCidr4 } from '../ipv4.ts';
import type { KernelRows } from '../kernel/rows.ts';

/** `utils.FormatChainName`: `CNI-` + 24 hex of SHA-512(name + id). */
export function formatChainName(name: string, id: string): string {
  return `CNI-${bytesToHex(sha512(utf8ToBytes(name + id))).slice(0, 24)}`;
}

/** The NAT rows `SetupIPMasq` adds for one pod address (`ip/prefix`). */
export function ipMasqRows(network: string, containerId: string, address: string): Partial<KernelRows> {
  const chain = formatChainName(network, containerId);
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
