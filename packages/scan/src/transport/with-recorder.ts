import type { HttpExchange } from '@rampart/core';
import type { ScanTransport } from './scan-transport.js';
import { toHttpExchange } from './to-http-exchange.js';

/** Options of {@link withRecorder}. */
export interface RecorderOptions {
  /** Exchanges kept; older ones are dropped first (default 2000). */
  readonly maxExchanges?: number;
  /** Body characters kept per request and response (default 2048). */
  readonly maxBodyChars?: number;
}

/** The log a recorder keeps: redacted, truncated exchanges, oldest first. */
export interface ExchangeLog {
  readonly exchanges: HttpExchange[];
  /** Every response seen, including those dropped from `exchanges`. */
  total: number;
}

/**
 * Keeps every exchange that passes through, with secrets redacted (core's redact helpers plus JWTs and echoed
 * credential lines in bodies) and bodies truncated, for the scan's evidence log.
 */
export function withRecorder(
  inner: ScanTransport,
  options: RecorderOptions = {},
): ScanTransport & { readonly log: ExchangeLog } {
  const maxExchanges = options.maxExchanges ?? 2000;
  const maxBodyChars = options.maxBodyChars ?? 2048;
  const log: ExchangeLog = { exchanges: [], total: 0 };
  return {
    log,
    async send(request) {
      const response = await inner.send(request);
      log.total++;
      log.exchanges.push(toHttpExchange(response, maxBodyChars));
      if (log.exchanges.length > maxExchanges) log.exchanges.shift();
      return response;
    },
  };
}
