import type { IncomingHttpHeaders } from 'node:http';
import { isHopByHopHeader } from './is-hop-by-hop-header.js';
import { parseConnectionTokens } from './parse-connection-tokens.js';
import type { ClientAddress } from './resolve-client-address.js';

/** What `buildUpstreamHeaders` needs besides the request headers. */
export interface UpstreamHeaderInput {
  readonly address: ClientAddress;
  readonly secure: boolean;
  /** `Host` to send: the upstream's, or the client's when `preserveHost` is on. */
  readonly host: string;
  readonly requestId: string;
  /** Length of a buffered body, which replaces any `Content-Length`/`Transfer-Encoding` of the request. */
  readonly bufferedLength: number | undefined;
}

const MANAGED = new Set([
  'host',
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-forwarded-host',
  'via',
  'x-request-id',
  // Node answers `Expect: 100-continue` itself; the upstream gets the body without it.
  'expect',
]);

const SAFE_HOST = /^[A-Za-z0-9.\-:[\]]+$/;

/**
 * The headers sent upstream: the request's end-to-end headers (hop-by-hop ones and those named by `Connection`
 * removed, RFC 9110 §7.6.1), `Host`, `Via` (§7.6.3), `X-Forwarded-For/Proto/Host` and `Forwarded` (RFC 7239),
 * appended to the incoming chain only when the peer is a trusted proxy, and the correlation id as `x-request-id`.
 */
export function buildUpstreamHeaders(
  headers: IncomingHttpHeaders,
  input: UpstreamHeaderInput,
): Record<string, string | string[]> {
  const tokens = parseConnectionTokens(headers.connection);
  const out: Record<string, string | string[]> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || MANAGED.has(name) || isHopByHopHeader(name, tokens)) continue;
    if (name === 'content-length' && input.bufferedLength !== undefined) continue;
    out[name] = value;
  }
  if (
    input.bufferedLength !== undefined &&
    (input.bufferedLength > 0 || headers['content-length'] !== undefined)
  )
    out['content-length'] = String(input.bufferedLength);
  const { address } = input;
  out['host'] = input.host;
  const priorXff = address.trustedPeer ? headers['x-forwarded-for'] : undefined;
  out['x-forwarded-for'] = priorXff ? `${priorXff}, ${address.peerIp}` : address.peerIp;
  out['x-forwarded-proto'] = address.proto;
  if (address.host !== undefined) out['x-forwarded-host'] = address.host;
  const own = input.secure ? 'https' : 'http';
  // A peer address is IPv4 or IPv6 (IPv4-mapped ones are shown as IPv4): only IPv6 has a colon.
  const forNode = address.peerIp.includes(':') ? `"[${address.peerIp}]"` : address.peerIp;
  const clientHost = headers.host;
  const element = `for=${forNode};proto=${own}${clientHost && SAFE_HOST.test(clientHost) ? `;host="${clientHost}"` : ''}`;
  const priorForwarded = address.trustedPeer ? headers.forwarded : undefined;
  out['forwarded'] = priorForwarded ? `${priorForwarded}, ${element}` : element;
  const via = headers.via;
  out['via'] = via ? `${via}, 1.1 rampart` : '1.1 rampart';
  out['x-request-id'] = input.requestId;
  return out;
}
