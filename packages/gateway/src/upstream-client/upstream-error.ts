/** Why an exchange with an upstream failed, when the operating system's own code does not say it. */
export type UpstreamErrorCode =
  | 'UPSTREAM_CONNECT_TIMEOUT'
  | 'UPSTREAM_HEADERS_TIMEOUT'
  | 'UPSTREAM_BODY_TIMEOUT'
  /** The upstream closed the connection before its response was complete. */
  | 'UPSTREAM_CLOSED'
  /** The response violates HTTP/1.1 framing; the message says how. */
  | 'UPSTREAM_MALFORMED'
  /** The request cannot be written without changing its meaning (a CR or LF in a header, a bad method). */
  | 'UPSTREAM_INVALID_REQUEST'
  | 'UPSTREAM_POOL_CLOSED';

/** A failed exchange with an upstream. Connection errors from the OS keep their own `code` (ECONNREFUSED, …). */
export class UpstreamError extends Error {
  readonly code: UpstreamErrorCode;

  constructor(code: UpstreamErrorCode, message: string) {
    super(message);
    this.name = 'UpstreamError';
    this.code = code;
  }
}
