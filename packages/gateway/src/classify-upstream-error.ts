/** How a failed upstream attempt failed, which decides the status (502/504) and whether it may be retried. */
export type UpstreamErrorKind = 'connect' | 'tls' | 'timeout' | 'other';

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

/** OpenSSL's certificate verification results as Node reports them (`tls.TLSSocket.authorizationError`). */
const TLS_VERIFY_CODES = new Set([
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_CRL',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECRYPT_CRL_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'CERT_SIGNATURE_FAILURE',
  'CRL_SIGNATURE_FAILURE',
  'CERT_NOT_YET_VALID',
  'CERT_HAS_EXPIRED',
  'CRL_NOT_YET_VALID',
  'CRL_HAS_EXPIRED',
  'ERROR_IN_CERT_NOT_BEFORE_FIELD',
  'ERROR_IN_CERT_NOT_AFTER_FIELD',
  'ERROR_IN_CRL_LAST_UPDATE_FIELD',
  'ERROR_IN_CRL_NEXT_UPDATE_FIELD',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_CHAIN_TOO_LONG',
  'CERT_REVOKED',
  'INVALID_CA',
  'PATH_LENGTH_EXCEEDED',
  'INVALID_PURPOSE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'HOSTNAME_MISMATCH',
]);

/** The most specific code of `error` or its causes (`ECONNREFUSED`, `CERT_HAS_EXPIRED`, …), or its name. */
export function upstreamErrorCode(error: unknown): string {
  let current: unknown = error;
  let code: string | undefined;
  for (let depth = 0; depth < 4 && current; depth++) {
    const own = (current as { code?: unknown }).code;
    if (typeof own === 'string') code = own;
    current = (current as { cause?: unknown }).cause;
  }
  return code ?? (error as Error | undefined)?.name ?? 'unknown';
}

/**
 * `connect`: the upstream could not be reached or dropped the connection before answering (502, retryable for
 * idempotent requests); `timeout`: it did not connect or answer in time (504, not retried: a slow upstream
 * would only get slower); `tls`: the TLS handshake failed (the certificate did not verify, the name did not match,
 * the upstream refused the gateway's client certificate or protocol version): no request byte was sent, so it is
 * handled like `connect` (502, retryable, counts against the upstream's health); `other`: anything else (502).
 */
export function classifyUpstreamError(error: unknown): UpstreamErrorKind {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (TIMEOUT_CODES.has(code)) return 'timeout';
      if (CONNECT_CODES.has(code)) return 'connect';
      if (TLS_VERIFY_CODES.has(code) || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_'))
        return 'tls';
    }
    current = (current as { cause?: unknown }).cause;
  }
  return 'other';
}
