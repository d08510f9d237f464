import { parseIpAddress } from './parse-ip-address.js';

/** A parsed range: 16 address bytes (IPv4 as IPv4-mapped IPv6) and a prefix length in bits. */
export interface CidrRange {
  readonly bytes: Uint8Array;
  readonly prefix: number;
}

/**
 * Parses one CIDR range (`10.0.0.0/8`, `2001:db8::/32`) or single address (`127.0.0.1`, `::1`). IPv4 ranges are
 * stored as IPv4-mapped IPv6 (`/8` becomes `/104`), so an IPv4 peer reported as `::ffff:10.1.2.3` matches too.
 * Returns an error message for invalid input.
 */
export function parseCidr(text: string): CidrRange | string {
  const slash = text.indexOf('/');
  const addressText = slash >= 0 ? text.slice(0, slash) : text;
  const bytes = parseIpAddress(addressText);
  if (!bytes) return `"${text}" is not an IPv4 or IPv6 address or CIDR range`;
  const isV4 = !addressText.includes(':');
  const max = isV4 ? 32 : 128;
  let prefix = max;
  if (slash >= 0) {
    const prefixText = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max)
      return `"${text}" has an invalid prefix length (0-${max} expected)`;
    prefix = Number(prefixText);
  }
  return { bytes, prefix: isV4 ? prefix + 96 : prefix };
}
