const OCTET = /^(?:0|[1-9][0-9]{0,2})$/;

/**
 * Parses an IPv6 address in RFC 4291 text form (section 2.2): eight hextets of 1 to 4 hex digits, at most one
 * `::` standing for one or more zero hextets, and optionally the last 32 bits as a dotted-decimal IPv4 address
 * (`::ffff:127.0.0.1`; strict dotted quad, no leading zeros, as `inet_pton` and the WHATWG URL parser require).
 * No brackets and no zone id (`%eth0`): strip them first.
 *
 * @returns the eight 16-bit hextets, or `undefined` when the text is not an IPv6 address.
 */
export function parseIpv6(text: string): number[] | undefined {
  // The longest form is eight 4-digit hextets with separators, or six and a dotted quad (45 characters).
  if (text.length < 2 || text.length > 45) return undefined;
  const lastColon = text.lastIndexOf(':');
  if (lastColon < 0) return undefined;
  let head = text;
  const tail: number[] = [];
  const maybeIpv4 = text.slice(lastColon + 1);
  if (maybeIpv4.includes('.')) {
    const octets = maybeIpv4.split('.');
    if (octets.length !== 4) return undefined;
    for (const octet of octets) if (!OCTET.test(octet) || Number(octet) > 255) return undefined;
    const [a, b, c, d] = octets.map(Number) as [number, number, number, number];
    tail.push((a << 8) | b, (c << 8) | d);
    // Keep a `::` that ends right before the IPv4 part; drop a single separating colon.
    head = text[lastColon - 1] === ':' ? text.slice(0, lastColon + 1) : text.slice(0, lastColon);
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const left = parseHextets(halves[0] as string);
  const right = halves.length === 2 ? parseHextets(halves[1] as string) : [];
  if (left === undefined || right === undefined) return undefined;
  const fill = 8 - left.length - right.length - tail.length;
  // Without `::` the groups must add up to eight; with it, `::` stands for at least one zero hextet.
  if (halves.length === 1 ? fill !== 0 : fill < 1) return undefined;
  const hextets = left;
  for (let i = 0; i < fill; i++) hextets.push(0);
  hextets.push(...right, ...tail);
  return hextets;
}

function parseHextets(text: string): number[] | undefined {
  if (text === '') return [];
  const out: number[] = [];
  for (const group of text.split(':')) {
    if (group.length === 0 || group.length > 4) return undefined;
    let value = 0;
    for (let i = 0; i < group.length; i++) {
      const code = group.charCodeAt(i);
      const lower = code | 0x20;
      const digit =
        code >= 0x30 && code <= 0x39 ? code - 0x30 : lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
      if (digit < 0) return undefined;
      value = value * 16 + digit;
    }
    out.push(value);
  }
  return out;
}
