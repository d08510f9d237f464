import { findOwnedCard } from './find-owned.js';
import { HttpError } from './http-error.js';
import type { Route } from './route.js';

/** Cards: list, settings, cancel. */
export const cardRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/cards',
    handle: (bank, request) => {
      const user = request.user();
      request.json(200, { items: [...bank.state.cards.values()].filter((card) => card.ownerId === user.id) });
    },
  },
  {
    method: 'PATCH',
    path: '/cards/{cardId}',
    handle: async (bank, request) => {
      const card = findOwnedCard(bank, request.user(), request.params['cardId'], bank.on('api1-card-bola'));
      const body = await request.body();
      for (const [key, value] of Object.entries(body)) {
        if (key === 'frozen' && typeof value === 'boolean') continue;
        if (key === 'dailyLimit' && typeof value === 'number' && value >= 0 && value <= 10_000) continue;
        throw new HttpError(
          400,
          'invalid_request',
          `${key} is not a valid card setting (frozen: boolean, dailyLimit: 0..10000), got ${JSON.stringify(value)}`,
        );
      }
      if (card.status === 'cancelled')
        throw new HttpError(409, 'card_cancelled', `card ${card.id} is cancelled`);
      if (typeof body['frozen'] === 'boolean') card.frozen = body['frozen'];
      if (typeof body['dailyLimit'] === 'number') card.dailyLimit = body['dailyLimit'];
      request.json(200, card);
    },
  },
  {
    method: 'DELETE',
    path: '/cards/{cardId}',
    handle: (bank, request) => {
      const card = findOwnedCard(bank, request.user(), request.params['cardId']);
      card.status = 'cancelled';
      request.json(204, undefined);
    },
  },
];
