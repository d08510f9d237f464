import { isIPv4, isIPv6 } from 'node:net';

const IPV6_CHARS = /^[0-9A-Fa-f:.]+$/;
const BYTE_PAIRS = /^[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){7}$/;

/**
 * True when `value` is an IPv4 address in dotted-quad form (no leading zeros, each part ≤ 255) or a valid IPv6
 * address (RFC 4291 text forms, including `::` compression and an embedded IPv4 tail).
 */
export function isIpAddress(value: string): boolean {
  if (value.length < 3 || value.length > 45) return false;
  if (value.includes(':')) {
    // Eight groups of two hex digits are colon-separated bytes (certificate serials, fingerprints), not an address.
    if (BYTE_PAIRS.test(value)) return false;
    return IPV6_CHARS.test(value) && /[0-9A-Fa-f]/.test(value) && isIPv6(value);
  }
  return value.length >= 7 && isIPv4(value);
}
