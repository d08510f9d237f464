const utf8 = new TextDecoder('utf-8', { fatal: false });

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 0x20;
  if (lower >= 97 && lower <= 102) return lower - 87;
  return -1;
}

/**
 * Percent-decodes `text` the way a lenient server would: malformed escapes stay as they are, `%uXXXX` (IIS) is a
 * UTF-16 code unit, and overlong two-byte UTF-8 (`%c0%ae` for `.`) decodes to its ASCII character, because old
 * decoders accepted it and traversal payloads still use it. With `plusAsSpace`, `+` becomes a space
 * (application/x-www-form-urlencoded). Linear in the length of `text`.
 */
export function decodePercent(text: string, plusAsSpace: boolean): string {
  // Nothing to decode: the loop below would copy `text` one code unit at a time.
  if (text.indexOf('%') < 0 && (!plusAsSpace || text.indexOf('+') < 0)) return text;
  let out = '';
  let bytes: number[] = [];
  const flush = (): void => {
    if (bytes.length > 0) {
      out += utf8.decode(Uint8Array.from(bytes));
      bytes = [];
    }
  };
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 37 /* % */) {
      if (i + 5 < n && (text.charCodeAt(i + 1) | 0x20) === 117 /* u */) {
        const a = hexValue(text.charCodeAt(i + 2));
        const b = hexValue(text.charCodeAt(i + 3));
        const d = hexValue(text.charCodeAt(i + 4));
        const e = hexValue(text.charCodeAt(i + 5));
        if (a >= 0 && b >= 0 && d >= 0 && e >= 0) {
          flush();
          out += String.fromCharCode((a << 12) | (b << 8) | (d << 4) | e);
          i += 6;
          continue;
        }
      }
      if (i + 2 < n) {
        const hi = hexValue(text.charCodeAt(i + 1));
        const lo = hexValue(text.charCodeAt(i + 2));
        if (hi >= 0 && lo >= 0) {
          const byte = (hi << 4) | lo;
          // Overlong 2-byte form of an ASCII character: %c0%ae, %c1%9c.
          if ((byte === 0xc0 || byte === 0xc1) && i + 5 < n && text.charCodeAt(i + 3) === 37) {
            const hi2 = hexValue(text.charCodeAt(i + 4));
            const lo2 = hexValue(text.charCodeAt(i + 5));
            if (hi2 >= 0 && lo2 >= 0) {
              const byte2 = (hi2 << 4) | lo2;
              if ((byte2 & 0xc0) === 0x80) {
                flush();
                out += String.fromCharCode(((byte & 1) << 6) | (byte2 & 0x3f));
                i += 6;
                continue;
              }
            }
          }
          bytes.push(byte);
          i += 3;
          continue;
        }
      }
    }
    flush();
    out += c === 43 /* + */ && plusAsSpace ? ' ' : text[i];
    i++;
  }
  flush();
  return out;
}
