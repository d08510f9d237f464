/** Splits a `Cookie` header (`a=1; b=2`) into name/value pairs (RFC 6265 §5.4), leaving values undecoded. */
export function parseCookieHeader(header: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) {
      if (part.trim() !== '') pairs.push(['', part.trim()]);
      continue;
    }
    pairs.push([part.slice(0, eq).trim(), part.slice(eq + 1).trim()]);
  }
  return pairs;
}
