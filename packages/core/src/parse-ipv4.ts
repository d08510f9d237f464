/** The weight of part i when it is not the last, and the bound of the last part when it is part i. */
const WEIGHTS = [16777216, 65536, 256];
const LAST_BOUNDS = [4294967296, 16777216, 65536, 256];

/**
 * Parses an IPv4 address in every notation that the WHATWG URL parser and `inet_aton(3)` accept, so that a host
 * is judged by the address a client really connects to: 1 to 4 dot-separated parts, each decimal, octal (leading
 * `0`) or hexadecimal (`0x`, where `0x` alone is 0); every part but the last is one byte and the last fills the
 * remaining bytes. `127.0.0.1`, `127.1`, `0x7f.1`, `0177.0.0.1`, `2130706433`, `0x7f000001` and `017700000001`
 * are all 127.0.0.1. A trailing dot is not accepted here (strip it first).
 *
 * @returns the address as an unsigned 32-bit number, or `undefined` when the text is not an IPv4 address.
 */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length > 4) return undefined;
  let value = 0;
  const last = parts.length - 1;
  for (let i = 0; i <= last; i++) {
    const n = parsePart(parts[i] as string);
    if (n < 0) return undefined;
    if (i < last) {
      if (n > 255) return undefined;
      value += n * (WEIGHTS[i] as number);
    } else {
      if (n >= (LAST_BOUNDS[i] as number)) return undefined;
      value += n;
    }
  }
  return value;
}

/** One part in its radix, or -1. Written out rather than with regular expressions: this runs on every request. */
function parsePart(part: string): number {
  let radix = 10;
  let start = 0;
  if (part.length > 1 && part.charCodeAt(0) === 0x30) {
    const second = part.charCodeAt(1) | 0x20;
    if (second === 0x78) {
      radix = 16; // 0x, 0X
      start = 2;
    } else {
      radix = 8;
      start = 1;
    }
  }
  if (start === part.length) return radix === 16 ? 0 : -1;
  let value = 0;
  for (let i = start; i < part.length; i++) {
    const digit = digitValue(part.charCodeAt(i));
    if (digit < 0 || digit >= radix) return -1;
    value = value * radix + digit;
  }
  return value;
}

function digitValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}
