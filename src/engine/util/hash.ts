/**
 * Hashes the real systems use to name things, so the simulator prints the same names.
 * Thin wrappers over `@noble/hashes` (pure JS, works in the browser and in Node).
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * Calico's host-side veth name: `prefix` + the first 11 hex characters of
 * SHA-1("<namespace>.<pod>") (`conversion/workload_endpoint_default.go`).
 * `calicoHostIfaceName('namespace', 'podname')` → `cali82111e10a96`.
 */
export function calicoHostIfaceName(namespace: string, pod: string, prefix = 'cali'): string {
  return prefix + bytesToHex(sha1(utf8ToBytes(`${namespace}.${pod}`))).slice(0, 11);
}

/**
 * The bridge plugin's per-pod ipMasq chain: `CNI-` + the first 24 hex characters of
 * SHA-512(network + containerId) (`pkg/utils/utils.go` `FormatChainName`).
 * `cniChainName('test', '1234')` → `CNI-2bbe0c48b91a7d1b8a6753a8`.
 */
export function cniChainName(network: string, containerId: string): string {
  return 'CNI-' + bytesToHex(sha512(utf8ToBytes(network + containerId))).slice(0, 24);
}

/**
 * A chain name with a prefix, `utils.MustFormatChainNameWithPrefix`: `CNI-` + prefix + the
 * SHA-512 hex, cut to iptables' 28 characters. `cniPrefixedChainName('cbr0', id, 'DN-')` is
 * portmap's per-sandbox DNAT chain.
 */
export function cniPrefixedChainName(network: string, containerId: string, prefix: string): string {
  return `CNI-${prefix}${bytesToHex(sha512(utf8ToBytes(network + containerId)))}`.slice(0, 28);
}

const FNV32_OFFSET = 0x811c9dc5;
const FNV32_PRIME = 0x01000193;

/** FNV-1a, 32 bits, over the UTF-8 bytes of `text` (Go `hash/fnv` `New32a`). Unsigned. */
export function fnv1a32(text: string): number {
  let h = FNV32_OFFSET;
  for (const byte of utf8ToBytes(text)) {
    h ^= byte;
    h = Math.imul(h, FNV32_PRIME);
  }
  return h >>> 0;
}

/**
 * FNV-1 (multiply, then xor), 32 bits (Go `hash/fnv` `New32`). This is the variant Calico's
 * `randomBlockGenerator` / `determineSeed` actually call (`fnv.New32()`), so it is the
 * block-walk seed from the hostname.
 */
export function fnv1_32(text: string): number {
  let h = FNV32_OFFSET;
  for (const byte of utf8ToBytes(text)) {
    h = Math.imul(h, FNV32_PRIME);
    h ^= byte;
  }
  return h >>> 0;
}

/** Calico's block-walk seed for a host: FNV-1 32 of the hostname. */
export function calicoHostSeed(hostname: string): number {
  return fnv1_32(hostname);
}
