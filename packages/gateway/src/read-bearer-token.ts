import type { IncomingHttpHeaders } from 'node:http';

/** RFC 6750 §2.1 `b64token`. */
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * The bearer token of `Authorization: Bearer <token>` (scheme case-insensitive, RFC 6750 §2.1), `undefined` when
 * there is no such header, or `null` when the header is a malformed bearer credential. Tokens in the query or
 * form body (§2.2, §2.3) are not accepted: they end up in logs.
 */
export function readBearerToken(headers: IncomingHttpHeaders): string | null | undefined {
  const value = headers.authorization;
  if (value === undefined) return undefined;
  if (value.length < 7 || value.slice(0, 7).toLowerCase() !== 'bearer ') return undefined;
  const token = value.slice(7).trim();
  return B64TOKEN.test(token) ? token : null;
}
