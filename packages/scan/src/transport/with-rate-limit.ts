import type { ScanResponse, ScanTransport } from './scan-transport.js';

/** Options of {@link withRateLimit}. */
export interface RateLimitOptions {
  /** Requests per second across the whole scan (default 50). */
  readonly requestsPerSecond?: number;
  /**
   * The longest `Retry-After` (on 429 or 503) that is honoured by waiting and sending the request again
   * (default 3000 ms). A longer one is not waited for: the 429/503 is returned so the check can treat the
   * result as inconclusive, and the scan never stalls for minutes.
   */
  readonly maxRetryAfterMs?: number;
  /** How many times one request is re-sent after an honoured `Retry-After` (default 1). */
  readonly retries?: number;
  /** For tests: the clock and the sleep. */
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** What the limiter did, for the scan summary. */
export interface RateLimitStats {
  throttledMs: number;
  retryAfterHonoured: number;
  retryAfterTooLong: number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Seconds or an HTTP date (RFC 9110 section 10.2.3) → milliseconds from `now`, or undefined. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Caps the request rate (request starts are spaced `1000 / requestsPerSecond` ms apart, shared by every
 * caller) and honours `Retry-After` on 429 and 503, bounded by `maxRetryAfterMs`.
 */
export function withRateLimit(
  inner: ScanTransport,
  options: RateLimitOptions = {},
): ScanTransport & { readonly stats: RateLimitStats } {
  const rps = options.requestsPerSecond ?? 50;
  if (!(rps > 0)) throw new TypeError(`requestsPerSecond must be a positive number, got ${rps}`);
  const interval = 1000 / rps;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 3000;
  const retries = options.retries ?? 1;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const stats: RateLimitStats = { throttledMs: 0, retryAfterHonoured: 0, retryAfterTooLong: 0 };
  let nextSlot = 0;
  /** No request starts before this time (set by an honoured Retry-After). */
  let pausedUntil = 0;

  const acquire = async (): Promise<void> => {
    const at = now();
    const slot = Math.max(at, nextSlot, pausedUntil);
    nextSlot = slot + interval;
    if (slot > at) {
      stats.throttledMs += slot - at;
      await sleep(slot - at);
    }
  };

  return {
    stats,
    async send(request) {
      let response: ScanResponse;
      for (let attempt = 0; ; attempt++) {
        await acquire();
        response = await inner.send(request);
        if (response.status !== 429 && response.status !== 503) return response;
        const wait = parseRetryAfter(response.headers['retry-after'], now());
        if (wait === undefined) return response;
        if (wait > maxRetryAfterMs) {
          stats.retryAfterTooLong++;
          return response;
        }
        if (attempt >= retries) return response;
        stats.retryAfterHonoured++;
        pausedUntil = Math.max(pausedUntil, now() + wait);
      }
    },
  };
}
