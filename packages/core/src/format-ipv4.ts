/** Writes an IPv4 address given as an unsigned 32-bit number in dotted-decimal form (`127.0.0.1`). */
export function formatIpv4(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}
