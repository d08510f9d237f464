import type { IncomingHttpHeaders } from 'node:http';
import { isHopByHopHeader } from './is-hop-by-hop-header.js';
import { parseConnectionTokens } from './parse-connection-tokens.js';

/**
 * The headers sent back to the client: the upstream's end-to-end headers (hop-by-hop ones and those named by its
 * `Connection` removed), `Via` appended (RFC 9110 §7.6.3), then `extra` (policy headers, HSTS, correlation id)
 * which override the upstream's.
 */
export function buildResponseHeaders(
  upstream: IncomingHttpHeaders,
  extra: readonly (readonly [string, string])[],
): Record<string, string | string[]> {
  const tokens = parseConnectionTokens(upstream.connection);
  const out: Record<string, string | string[]> = {};
  for (const name in upstream) {
    const value = upstream[name];
    if (value === undefined || isHopByHopHeader(name, tokens)) continue;
    out[name] = value;
  }
  const via = upstream.via;
  out['via'] = via ? `${Array.isArray(via) ? via.join(', ') : via}, 1.1 rampart` : '1.1 rampart';
  for (const [name, value] of extra) out[name] = value;
  return out;
}
