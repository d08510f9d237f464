/** How a failed upstream attempt failed, which decides the status (502/504) and whether it may be retried. */
export type UpstreamErrorKind = 'connect' | 'timeout' | 'other';

const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UPSTREAM_CLOSED',
]);
const TIMEOUT_CODES = new Set([
  'UPSTREAM_CONNECT_TIMEOUT',
  'UPSTREAM_HEADERS_TIMEOUT',
  'UPSTREAM_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/**
 * `connect`: the upstream could not be reached or dropped the connection before answering (502, retryable for
 * idempotent requests); `timeout`: it did not connect or answer in time (504, not retried: a slow upstream
 * would only get slower); `other`: anything else (502).
 */
export function classifyUpstreamError(error: unknown): UpstreamErrorKind {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (TIMEOUT_CODES.has(code)) return 'timeout';
      if (CONNECT_CODES.has(code)) return 'connect';
    }
    current = (current as { cause?: unknown }).cause;
  }
  return 'other';
}
