import { randomInt } from 'node:crypto';
import type { Transfer } from './create-bank-state.js';
import { deliverWebhooks } from './deliver-webhooks.js';
import { findOwnedAccount } from './find-owned.js';
import { HttpError } from './http-error.js';
import { parseIntegerParam, parseNumberField, parseStringField } from './parse-field.js';
import type { Route } from './route.js';

/** Transfers of this amount or more need a one-time code (step-up) when api6-transfer-no-step-up is off. */
export const STEP_UP_THRESHOLD = 1000;

/** Transfer history and new transfers. */
export const transferRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/transfers',
    handle: (bank, request) => {
      const user = request.user();
      const raw = request.url.searchParams.get('userId');
      const userId = raw === null ? user.id : Number(raw);
      if (!Number.isInteger(userId))
        throw new HttpError(400, 'invalid_parameter', `userId must be an integer, got "${raw}"`);
      if (userId !== user.id && !bank.on('api1-transfers-userid-bola')) {
        throw new HttpError(403, 'forbidden', 'you can only list your own transfers');
      }
      const limit = parseIntegerParam(request.url, 'limit', 20, { min: 1, max: 100 });
      const offset = parseIntegerParam(request.url, 'offset', 0, { min: 0, max: Number.MAX_SAFE_INTEGER });
      const all = [...bank.state.transfers.values()]
        .filter((transfer) => transfer.ownerId === userId)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      request.json(200, { items: all.slice(offset, offset + limit), total: all.length, limit, offset });
    },
  },
  {
    method: 'POST',
    path: '/transfers',
    handle: async (bank, request) => {
      const user = request.user();
      const body = await request.body();
      const from = findOwnedAccount(bank, user, body['fromAccountId']);
      const toNumber = parseStringField(body, 'toAccountNumber', { max: 34 });
      const amount = parseNumberField(body, 'amount');
      const memo = body['memo'] === undefined ? '' : parseStringField(body, 'memo', { min: 0, max: 140 });
      if (amount <= 0 || Math.round(amount * 100) !== amount * 100) {
        throw new HttpError(
          400,
          'invalid_request',
          `amount must be positive with at most 2 decimals, got ${amount}`,
        );
      }
      const to = [...bank.state.accounts.values()].find((account) => account.number === toNumber);
      if (to === undefined)
        throw new HttpError(404, 'payee_not_found', `no account with number "${toNumber}"`);
      if (to.id === from.id)
        throw new HttpError(422, 'same_account', 'source and destination are the same account');
      if (to.currency !== from.currency) {
        throw new HttpError(
          422,
          'currency_mismatch',
          `use /fx/convert to move ${from.currency} to ${to.currency}`,
        );
      }
      if (amount > from.balance)
        throw new HttpError(422, 'insufficient_funds', `balance ${from.balance} is below ${amount}`);
      if (amount >= STEP_UP_THRESHOLD && !bank.on('api6-transfer-no-step-up')) {
        const expected = bank.stepUpCodes.get(user.id);
        if (expected === undefined || body['otp'] !== expected) {
          const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
          bank.stepUpCodes.set(user.id, code);
          bank.sendOtp({ username: user.username, code, purpose: 'transfer' });
          throw new HttpError(
            403,
            'step_up_required',
            `transfers of ${STEP_UP_THRESHOLD} or more need the one-time code just sent to your phone in otp`,
          );
        }
        bank.stepUpCodes.delete(user.id);
      }
      from.balance = Math.round((from.balance - amount) * 100) / 100;
      to.balance = Math.round((to.balance + amount) * 100) / 100;
      const createdAt = new Date(bank.now()).toISOString();
      const transfer: Transfer = {
        id: bank.state.nextId.transfer++,
        ownerId: user.id,
        fromAccountId: from.id,
        toAccountId: to.id,
        amount,
        currency: from.currency,
        memo,
        createdAt,
      };
      bank.state.transfers.set(transfer.id, transfer);
      for (const [account, signed] of [
        [from, -amount],
        [to, amount],
      ] as const) {
        const id = bank.state.nextId.transaction++;
        bank.state.transactions.set(id, {
          id,
          accountId: account.id,
          ownerId: account.ownerId,
          date: createdAt,
          merchant: signed < 0 ? `Transfer to ${to.number}` : `Transfer from ${from.number}`,
          amount: signed,
          currency: account.currency,
          memo,
        });
      }
      deliverWebhooks(bank, user.id, 'transfer.created', transfer);
      request.json(201, transfer);
    },
  },
];
