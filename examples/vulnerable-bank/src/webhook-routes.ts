import { randomBytes } from 'node:crypto';
import { HttpError } from './http-error.js';
import { isPartnerUrl } from './is-partner-url.js';
import { parseStringField } from './parse-field.js';
import type { Route } from './route.js';

const EVENTS = new Set(['transfer.created']);

/** Webhook subscriptions. */
export const webhookRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/webhooks',
    handle: (bank, request) => {
      const user = request.user();
      const items = [...bank.state.webhooks.values()]
        .filter((webhook) => webhook.ownerId === user.id)
        .map(({ secret: _secret, ...rest }) => rest);
      request.json(200, { items });
    },
  },
  {
    method: 'POST',
    path: '/webhooks',
    handle: async (bank, request) => {
      const user = request.user();
      const body = await request.body();
      const url = parseStringField(body, 'url', { max: 2048 });
      const events = body['events'] ?? ['transfer.created'];
      if (
        !Array.isArray(events) ||
        events.length === 0 ||
        !events.every((e) => typeof e === 'string' && EVENTS.has(e))
      ) {
        throw new HttpError(
          400,
          'invalid_request',
          `events must be a non-empty list of: ${[...EVENTS].join(', ')}`,
        );
      }
      try {
        new URL(url);
      } catch {
        throw new HttpError(400, 'invalid_request', `url must be an absolute URL, got "${url}"`);
      }
      if (!bank.on('api7-webhook-ssrf') && !isPartnerUrl(bank, url)) {
        throw new HttpError(
          400,
          'url_not_allowed',
          'webhooks can only point at a registered partner endpoint',
        );
      }
      const webhook = {
        id: bank.state.nextId.webhook++,
        ownerId: user.id,
        url,
        events: events as string[],
        secret: randomBytes(24).toString('base64url'),
      };
      bank.state.webhooks.set(webhook.id, webhook);
      request.json(201, webhook);
    },
  },
  {
    method: 'DELETE',
    path: '/webhooks/{webhookId}',
    handle: (bank, request) => {
      const user = request.user();
      const webhook = bank.state.webhooks.get(Number(request.params['webhookId']));
      if (webhook === undefined || webhook.ownerId !== user.id)
        throw new HttpError(404, 'webhook_not_found', 'no such webhook');
      bank.state.webhooks.delete(webhook.id);
      request.json(204, undefined);
    },
  },
];
