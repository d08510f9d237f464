import type { IncomingHttpHeaders } from 'node:http';

/**
 * `Authorization: Bearer <JWT>`: a scheme, one space, and base64url segments joined by dots, well below the
 * inspector's `maxInputBytes` (so it is never clipped). Such a value is inspected as a structured header (JNDI
 * and CRLF detectors only, no decoding layer since it has neither `%`, `&`, `\\`, `+` nor non-ASCII, and is not
 * base64 as a whole because of the space), and neither detector can match its characters (`${`, `:`, CR/LF,
 * control characters). Skipping it saves most of the inspection of a typical API request; `without-jwt-bearer.test`
 * checks that the inspector indeed finds nothing in such values.
 */
const JWT_BEARER = /^Bearer [A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/i;
const JWT_BEARER_MAX = 8192;

/** The request headers to inspect: all of them, less an `Authorization` that is a bearer JWT (see above). */
export function withoutJwtBearer(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const auth = headers.authorization;
  if (auth === undefined || auth.length > JWT_BEARER_MAX || !JWT_BEARER.test(auth)) return headers;
  const rest: IncomingHttpHeaders = {};
  for (const name in headers) if (name !== 'authorization') rest[name] = headers[name];
  return rest;
}
