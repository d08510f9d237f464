import { HttpError } from './http-error.js';
import { findOwnedAccount } from './find-owned.js';
import { parseIntegerParam, parseStringField } from './parse-field.js';
import type { Route } from './route.js';

const ACCOUNT_READ_ONLY = new Set(['id', 'ownerId', 'number', 'currency', 'type', 'balance']);
/** The hard cap of the demo itself, so even the unbounded export cannot exhaust memory. */
const EXPORT_HARD_CAP_MONTHS = 600;
const EXPORT_MAX_MONTHS = 12;

/** Accounts, statement export and payee lookup. */
export const accountRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/accounts',
    handle: (bank, request) => {
      const user = request.user();
      const items = [...bank.state.accounts.values()].filter((account) => account.ownerId === user.id);
      request.json(200, { items });
    },
  },
  {
    method: 'GET',
    path: '/accounts/{accountId}',
    handle: (bank, request) => {
      const user = request.user();
      request.json(
        200,
        findOwnedAccount(bank, user, request.params['accountId'], bank.on('api1-account-bola')),
      );
    },
  },
  {
    method: 'PATCH',
    path: '/accounts/{accountId}',
    handle: async (bank, request) => {
      const account = findOwnedAccount(bank, request.user(), request.params['accountId']);
      const body = await request.body();
      if (bank.on('api3-mass-assignment-balance')) {
        const { id: _id, ...rest } = body;
        Object.assign(account, rest);
      } else {
        for (const key of Object.keys(body)) {
          if (ACCOUNT_READ_ONLY.has(key)) {
            throw new HttpError(400, 'read_only_property', `${key} cannot be changed through this operation`);
          }
          if (key !== 'nickname')
            throw new HttpError(400, 'unknown_property', `${key} is not a property of AccountUpdate`);
        }
        if (body['nickname'] !== undefined)
          account.nickname = parseStringField(body, 'nickname', { max: 40 });
      }
      request.json(200, account);
    },
  },
  {
    method: 'GET',
    path: '/accounts/{accountId}/statement.csv',
    handle: (bank, request) => {
      const account = findOwnedAccount(bank, request.user(), request.params['accountId']);
      const max = bank.on('api4-unbounded-export') ? Number.MAX_SAFE_INTEGER : EXPORT_MAX_MONTHS;
      const months = Math.min(
        parseIntegerParam(request.url, 'months', 1, { min: 1, max }),
        EXPORT_HARD_CAP_MONTHS,
      );
      const lines = ['date,description,amount,currency'];
      const start = Date.UTC(2024, 11, 31);
      for (let day = 0; day < months * 30; day++) {
        const date = new Date(start - day * 86_400_000).toISOString().slice(0, 10);
        lines.push(
          `${date},Card payment ${(day * 7919) % 100_000},-${((day * 37) % 9000) / 100},${account.currency}`,
        );
      }
      request.res.writeHead(200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="statement-${account.id}.csv"`,
      });
      request.res.end(`${lines.join('\n')}\n`);
    },
  },
  {
    method: 'GET',
    path: '/payees/lookup',
    handle: (bank, request) => {
      request.user();
      const number = request.url.searchParams.get('accountNumber') ?? '';
      const account = [...bank.state.accounts.values()].find((candidate) => candidate.number === number);
      const owner = account && bank.state.users.get(account.ownerId);
      if (account === undefined || owner === undefined) {
        throw new HttpError(404, 'payee_not_found', `no account with number "${number}"`);
      }
      const [first = '', last = ''] = owner.displayName.split(' ');
      const payee: Record<string, unknown> = {
        accountNumber: account.number,
        holderName: `${first} ${last.slice(0, 1)}.`.trim(),
        currency: account.currency,
      };
      if (bank.on('api3-payee-lookup-pii')) {
        payee['owner'] = {
          id: owner.id,
          username: owner.username,
          displayName: owner.displayName,
          email: owner.email,
          phone: owner.phone,
          ssn: owner.ssn,
          dateOfBirth: owner.dateOfBirth,
        };
      }
      request.json(200, payee);
    },
  },
];
