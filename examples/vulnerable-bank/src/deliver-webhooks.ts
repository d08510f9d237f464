import { createHmac } from 'node:crypto';
import type { BankContext } from './bank-context.js';
import { fetchGuarded } from './fetch-guarded.js';

/**
 * Posts `{ event, data }` to every webhook of `ownerId` subscribed to `event`, in the background. Deliveries are
 * signed (`X-Bank-Signature: sha256=<hex HMAC>`) unless flaw api8-webhook-unsigned is on. Failed deliveries are
 * dropped (the demo does not retry); `bank.deliveries` lets `close()` wait for the ones in flight.
 */
export function deliverWebhooks(bank: BankContext, ownerId: number, event: string, data: unknown): void {
  for (const webhook of bank.state.webhooks.values()) {
    if (webhook.ownerId !== ownerId || !webhook.events.includes(event)) continue;
    const body = JSON.stringify({ event, createdAt: new Date(bank.now()).toISOString(), data });
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-bank-event': event };
    if (!bank.on('api8-webhook-unsigned')) {
      headers['x-bank-signature'] =
        `sha256=${createHmac('sha256', webhook.secret).update(body).digest('hex')}`;
    }
    const delivery = fetchGuarded(webhook.url, {
      canaryOrigin: bank.canaryOrigin,
      followRedirects: false,
      method: 'POST',
      body,
      headers,
    }).then(
      () => undefined,
      () => undefined,
    );
    bank.deliveries.add(delivery);
    void delivery.finally(() => bank.deliveries.delete(delivery));
  }
}
