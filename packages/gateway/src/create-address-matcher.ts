import { type CidrRange, parseCidr } from './parse-cidr.js';
import { parseIpAddress } from './parse-ip-address.js';

/** Tests whether an address (IPv4, IPv6 or IPv4-mapped IPv6) falls in any of the configured ranges. */
export type AddressMatcher = (address: string) => boolean;

/**
 * Compiles a list of CIDR ranges into a matcher. Throws `TypeError` on an invalid range: validate the list with
 * `parseCidr` first when it comes from a user.
 */
export function createAddressMatcher(cidrs: readonly string[]): AddressMatcher {
  const ranges: CidrRange[] = [];
  for (const cidr of cidrs) {
    const range = parseCidr(cidr);
    if (typeof range === 'string') throw new TypeError(range);
    ranges.push(range);
  }
  if (ranges.length === 0) return () => false;
  return (address) => {
    const bytes = parseIpAddress(address);
    if (!bytes) return false;
    return ranges.some((range) => inRange(bytes, range));
  };
}

function inRange(bytes: Uint8Array, range: CidrRange): boolean {
  const full = range.prefix >> 3;
  for (let i = 0; i < full; i++) if (bytes[i] !== range.bytes[i]) return false;
  const rest = range.prefix & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((bytes[full] ?? 0) & mask) === ((range.bytes[full] ?? 0) & mask);
}
