import type { Operation } from '@rampart/openapi';

/**
 * True when an operation documents `status` exactly, through its class (`4XX`), or (when `viaDefault`) through a
 * `default` response.
 */
export function hasResponse(operation: Operation, status: string, viaDefault = false): boolean {
  const klass = `${status[0]}XX`;
  return operation.responses.some(
    (r) => r.status === status || r.status.toUpperCase() === klass || (viaDefault && r.status === 'default'),
  );
}

const RATE_LIMIT_HEADER = /^(x-)?rate-?limit|^retry-after$/i;

/** True when an operation documents 429 or rate-limit headers (`RateLimit-*`, `X-RateLimit-*`, `Retry-After`). */
export function documentsRateLimit(operation: Operation): boolean {
  return (
    operation.responses.some((r) => r.status === '429') ||
    operation.responses.some((r) => r.headers.some((h) => RATE_LIMIT_HEADER.test(h.name)))
  );
}
