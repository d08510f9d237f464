import { RampartError } from '@rampart/core';
import type { ScanTransport } from './scan-transport.js';

/** Limits of {@link withBudget}. Either may be omitted (no limit). */
export interface BudgetOptions {
  /** Requests that may be sent through this transport. */
  readonly maxRequests?: number;
  /** Milliseconds from the first request after which nothing more may be sent. */
  readonly maxTimeMs?: number;
  /** Names the budget in errors: `check api1-bola` or `scan`. */
  readonly name: string;
  readonly now?: () => number;
}

/** What a budget has used. */
export interface BudgetUsage {
  requests: number;
  startedAt: number | undefined;
  exhausted: boolean;
}

/**
 * A request and time budget. Once either is used up, every further request is refused with
 * `RAMPART_ERR_SCAN_BUDGET` (not sent). The scan wraps the shared transport once with the total budget and
 * each check's view of it again with the per-check budget.
 */
export function withBudget(
  inner: ScanTransport,
  options: BudgetOptions,
): ScanTransport & { readonly usage: BudgetUsage } {
  const now = options.now ?? Date.now;
  const usage: BudgetUsage = { requests: 0, startedAt: undefined, exhausted: false };
  return {
    usage,
    send(request) {
      usage.startedAt ??= now();
      const elapsed = now() - usage.startedAt;
      let reason = '';
      if (options.maxRequests !== undefined && usage.requests >= options.maxRequests) {
        reason = `its ${options.maxRequests} requests are used up`;
      } else if (options.maxTimeMs !== undefined && elapsed >= options.maxTimeMs) {
        reason = `its ${options.maxTimeMs} ms are used up`;
      }
      if (reason !== '') {
        usage.exhausted = true;
        return Promise.reject(
          new RampartError(
            'RAMPART_ERR_SCAN_BUDGET',
            `${options.name} budget exhausted: ${reason}; ${request.method} ${request.url} not sent`,
            { hint: 'raise the budget (--max-requests, --max-time) or scan fewer operations' },
          ),
        );
      }
      usage.requests++;
      return inner.send(request);
    },
  };
}
