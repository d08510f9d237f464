import { formatIpv4 } from './format-ipv4.js';

/**
 * Writes an IPv6 address given as eight hextets in the canonical text form of RFC 5952: lower-case hex without
 * leading zeros, the longest run of two or more zero hextets (the first on a tie) written `::`, and IPv4-mapped
 * addresses in mixed notation (`::ffff:127.0.0.1`, section 5).
 */
export function formatIpv6(hextets: readonly number[]): string {
  const [a, b, c, d, e, f, g = 0, h = 0] = hextets;
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0 && f === 0xffff)
    return `::ffff:${formatIpv4(((g << 16) | h) >>> 0)}`;
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (hextets[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && hextets[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      out += '::';
      i += bestLength - 1;
      continue;
    }
    if (out !== '' && !out.endsWith(':')) out += ':';
    out += (hextets[i] as number).toString(16);
  }
  return out;
}
