import { createHmac } from 'node:crypto';
import { type Alert, RampartError, type Secret } from '@rampart/core';
import type { AlertChange, AlertSink } from './alert-sink.js';
import { createDeliveryQueue } from './create-delivery-queue.js';
import { formatSlackMessage } from './format-slack-message.js';

export interface WebhookSinkOptions {
  /** Where to POST, e.g. a Slack incoming-webhook URL. */
  readonly url: string;
  /** `slack`: `{ text, blocks }`; `json`: `{ change, alert }`. Default `json`. */
  readonly format?: 'slack' | 'json';
  /**
   * Key for the `x-rampart-signature: sha256=<hex>` header, an HMAC-SHA256 of `<timestamp>.<body>` where the
   * timestamp (epoch seconds) is sent in `x-rampart-timestamp`, so a receiver can reject forged or replayed calls.
   */
  readonly secret?: Secret | string;
  /** Extra headers (e.g. an authorization header the receiver wants). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Alerts waiting before new ones are dropped. Default 1000. */
  readonly maxQueue?: number;
  /** Retries on network errors, 429 and 5xx. Default 3. */
  readonly retries?: number;
  readonly backoffMs?: number;
  /** Per-request timeout. Default 10 s. */
  readonly timeoutMs?: number;
  readonly onError?: (error: unknown) => void;
}

/**
 * Creates a sink that POSTs each alert to a webhook (Slack-compatible or generic JSON), signed when a secret is
 * given, from a bounded queue with retries and exponential backoff. It never blocks ingestion: when the receiver
 * is slow or down, alerts beyond `maxQueue` are dropped and counted. A 4xx answer other than 408/429 is not
 * retried. Throws `TypeError` for a URL that is not http(s).
 */
export function createWebhookSink(options: WebhookSinkOptions): AlertSink {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new TypeError(
      `webhook sink url must be an absolute http(s) URL, got ${JSON.stringify(options.url)}`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(
      `webhook sink url must be an absolute http(s) URL, got ${JSON.stringify(options.url)}`,
    );
  }
  const format = options.format ?? 'json';
  const key = typeof options.secret === 'string' ? options.secret : options.secret?.reveal();
  const timeoutMs = options.timeoutMs ?? 10_000;
  const target = `${url.origin}${url.pathname}`;

  const queue = createDeliveryQueue<string>({
    ...(options.maxQueue !== undefined ? { maxQueue: options.maxQueue } : {}),
    ...(options.retries !== undefined ? { retries: options.retries } : {}),
    ...(options.backoffMs !== undefined ? { backoffMs: options.backoffMs } : {}),
    ...(options.onError !== undefined ? { onError: options.onError } : {}),
    async deliver(body) {
      const headers: Record<string, string> = {
        ...options.headers,
        'content-type': 'application/json',
        'user-agent': 'rampart-monitor',
      };
      if (key !== undefined) {
        const timestamp = String(Math.floor(Date.now() / 1000));
        headers['x-rampart-timestamp'] = timestamp;
        headers['x-rampart-signature'] =
          `sha256=${createHmac('sha256', key).update(`${timestamp}.${body}`).digest('hex')}`;
      }
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers,
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (cause) {
        throw new RampartError('RAMPART_ERR_INTERNAL', `webhook ${target} could not be reached`, { cause });
      }
      await response.body?.cancel();
      if (response.ok) return;
      const error = new RampartError(
        'RAMPART_ERR_INTERNAL',
        `webhook ${target} answered ${response.status}`,
        { hint: 'Check the webhook URL and that the receiver accepts JSON POSTs.' },
      );
      const retriable = response.status >= 500 || response.status === 429 || response.status === 408;
      throw Object.assign(error, { retry: retriable });
    },
  });

  return {
    name: 'webhook',
    send(alert: Alert, change: AlertChange) {
      const payload = format === 'slack' ? formatSlackMessage(alert, change) : { change, alert };
      queue.push(JSON.stringify(payload));
    },
    flush: () => queue.drain(),
    close: () => queue.close(),
    stats: () => queue.stats(),
  };
}
