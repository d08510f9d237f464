import { RampartError } from '@rampart/core';
import type { ScanTransport } from './scan-transport.js';

/** Methods that do not change state (RFC 9110 section 9.2.1). */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

/** True for GET, HEAD, OPTIONS and TRACE. */
export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

/**
 * Refuses every non-safe request (`RAMPART_ERR_SCAN_READ_ONLY`) when `readOnly` is true; a no-op otherwise.
 * A method-override header counts: `POST` with `X-HTTP-Method-Override: GET` is still a POST on the wire.
 */
export function withReadOnly(inner: ScanTransport, readOnly: boolean): ScanTransport {
  if (!readOnly) return inner;
  return {
    send(request) {
      if (!isSafeMethod(request.method)) {
        return Promise.reject(
          new RampartError(
            'RAMPART_ERR_SCAN_READ_ONLY',
            `refused ${request.method} ${request.url}: the scan is read-only`,
            { hint: 'drop --read-only to let checks send state-changing requests' },
          ),
        );
      }
      return inner.send(request);
    },
  };
}
