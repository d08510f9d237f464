import { decodePercent } from './decode-percent.js';

/**
 * Splits a raw query string (`a=1&b=x+y`) into decoded name/value pairs, `+` as space, in order, keeping
 * repeated names. A pair without `=` has an empty value. Stops after `maxPairs` pairs.
 */
export function parseQueryString(query: string, maxPairs: number): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  if (query === '') return pairs;
  for (const part of query.split('&')) {
    if (pairs.length >= maxPairs) break;
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    pairs.push([decodePercent(name, true), decodePercent(value, true)]);
  }
  return pairs;
}
