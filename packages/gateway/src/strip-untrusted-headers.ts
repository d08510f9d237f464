import type { IncomingHttpHeaders } from 'node:http';
import { FORWARDING_HEADERS } from './resolve-client-address.js';

/**
 * Headers some frameworks (IIS URL Rewrite, Symfony, Zend) take as the real request path: a client could route
 * around a path policy with them, so they are removed from every request.
 */
const PATH_OVERRIDE_HEADERS = ['x-original-url', 'x-rewrite-url'] as const;

/**
 * The request headers policies see and the upstream gets: without path-override headers, and without
 * `FORWARDING_HEADERS` unless the peer is a trusted proxy. Returns `headers` itself (no copy) when nothing has to
 * go, which is the common case.
 */
export function stripUntrustedHeaders(
  headers: IncomingHttpHeaders,
  trustedPeer: boolean,
): IncomingHttpHeaders {
  let found = false;
  for (const name of PATH_OVERRIDE_HEADERS) if (headers[name] !== undefined) found = true;
  if (!trustedPeer) for (const name of FORWARDING_HEADERS) if (headers[name] !== undefined) found = true;
  if (!found) return headers;
  const copy: IncomingHttpHeaders = { ...headers };
  for (const name of PATH_OVERRIDE_HEADERS) delete copy[name];
  if (!trustedPeer) for (const name of FORWARDING_HEADERS) delete copy[name];
  return copy;
}
