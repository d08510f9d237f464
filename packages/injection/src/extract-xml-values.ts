const ATTRIBUTE = /\s([a-zA-Z_][\w:.-]{0,60})\s*=\s*(?:"([^"]{0,4096})"|'([^']{0,4096})')/g;
const TEXT = />([^<]{1,4096})</g;

/**
 * The attribute values and text nodes of an XML (or HTML) document, as `[name, value]` pairs, at most `max` of
 * them. A shallow, linear scan — not a parser: it is enough to look at each value on its own, the way a WAF
 * inspects `XML:/*`, without resolving entities or DTDs.
 */
export function extractXmlValues(xml: string, max: number): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const m of xml.matchAll(ATTRIBUTE)) {
    if (out.length >= max) return out;
    out.push([`@${m[1]}`, m[2] ?? m[3] ?? '']);
  }
  for (const m of xml.matchAll(TEXT)) {
    if (out.length >= max) return out;
    const text = m[1] as string;
    if (text.trim() !== '') out.push(['#text', text]);
  }
  return out;
}
