import type { BankContext } from './bank-context.js';
import type { Transaction } from './create-bank-state.js';
import { FETCH_MAX_BYTES, FetchError, fetchGuarded } from './fetch-guarded.js';
import { findOwnedAccount } from './find-owned.js';
import { HttpError } from './http-error.js';
import { isPartnerUrl } from './is-partner-url.js';
import { parseIntegerParam, parseStringField } from './parse-field.js';
import type { Route } from './route.js';
import { runSqlQuery } from '@rampart/example-demo-support';
import { searchTransactions } from './search-transactions.js';

const SORTS: Readonly<Record<string, string>> = {
  date: 'date ASC',
  '-date': 'date DESC',
  amount: 'amount ASC',
  '-amount': 'amount DESC',
};
const MAX_PAGE = 100;

function findOwnedTransaction(bank: BankContext, ownerId: number, id: unknown): Transaction {
  const transaction = bank.state.transactions.get(Number(id));
  if (transaction === undefined || transaction.ownerId !== ownerId) {
    throw new HttpError(
      404,
      'transaction_not_found',
      `no transaction ${JSON.stringify(id)} for this customer`,
    );
  }
  return transaction;
}

/** Transactions: filtered list, search, one, import from a URL (and an undocumented delete). */
export const transactionRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/transactions',
    handle: (bank, request) => {
      const user = request.user();
      const { searchParams } = request.url;
      const limit = parseIntegerParam(request.url, 'limit', 20, {
        min: 1,
        max: bank.on('api4-unbounded-limit') ? Number.MAX_SAFE_INTEGER : MAX_PAGE,
      });
      const offset = parseIntegerParam(request.url, 'offset', 0, { min: 0, max: Number.MAX_SAFE_INTEGER });
      const sortParam = searchParams.get('sort') ?? '-date';
      const sort = SORTS[sortParam];
      if (sort === undefined) {
        throw new HttpError(
          400,
          'invalid_parameter',
          `sort must be one of ${Object.keys(SORTS).join(', ')}, got "${sortParam}"`,
        );
      }
      let sql = `SELECT * FROM transactions WHERE owner_id = ${user.id}`;
      const params: string[] = [];
      const accountId = searchParams.get('accountId');
      if (accountId !== null) sql += ` AND account_id = ${findOwnedAccount(bank, user, accountId).id}`;
      const merchant = searchParams.get('merchant');
      if (merchant !== null) {
        if (bank.on('injection-sql-filter')) {
          sql += ` AND merchant = '${merchant}'`;
        } else {
          sql += ' AND merchant = ?';
          params.push(merchant);
        }
      }
      sql += ` ORDER BY ${sort} LIMIT ${limit} OFFSET ${offset}`;
      const result = runSqlQuery(sql, { transactions: [...bank.state.transactions.values()] }, params);
      request.json(200, { items: result.rows, total: result.total, limit, offset });
    },
  },
  {
    method: 'GET',
    path: '/transactions/search',
    handle: (bank, request) => {
      const user = request.user();
      const q = request.url.searchParams.get('q') ?? '';
      if (q === '' || q.length > 200) {
        throw new HttpError(400, 'invalid_parameter', `q must be 1 to 200 characters, got ${q.length}`);
      }
      const mine = [...bank.state.transactions.values()].filter(
        (transaction) => transaction.ownerId === user.id,
      );
      const hits = searchTransactions(
        mine.map((transaction) => `${transaction.merchant} ${transaction.memo}`),
        q,
        bank.on('api4-regex-search-redos'),
      );
      const items = hits.slice(0, MAX_PAGE).map((index) => mine[index]!);
      request.json(200, { items, total: hits.length });
    },
  },
  {
    method: 'GET',
    path: '/transactions/{transactionId}',
    handle: (bank, request) => {
      request.json(200, findOwnedTransaction(bank, request.user().id, request.params['transactionId']));
    },
  },
  {
    method: 'DELETE',
    path: '/transactions/{transactionId}',
    flaw: 'api5-transaction-delete',
    handle: (bank, request) => {
      const transaction = findOwnedTransaction(bank, request.user().id, request.params['transactionId']);
      bank.state.transactions.delete(transaction.id);
      request.json(204, undefined);
    },
  },
  {
    method: 'POST',
    path: '/transactions/import',
    handle: async (bank, request) => {
      const user = request.user();
      const body = await request.body();
      const account = findOwnedAccount(bank, user, body['accountId']);
      const url = parseStringField(body, 'url', { max: 2048 });
      if (!bank.on('api7-import-url-ssrf') && !isPartnerUrl(bank, url)) {
        throw new HttpError(
          400,
          'url_not_allowed',
          'transactions can only be imported from the partner bank feed',
        );
      }
      let result: Awaited<ReturnType<typeof fetchGuarded>>;
      try {
        result = await fetchGuarded(url, {
          canaryOrigin: bank.canaryOrigin,
          followRedirects: bank.on('api7-import-redirect-followed'),
          maxBytes: FETCH_MAX_BYTES,
        });
      } catch (error) {
        if (error instanceof FetchError) {
          throw new HttpError(502, 'upstream_unreachable', `could not fetch the import: ${error.message}`);
        }
        throw error;
      }
      if (result.status >= 300 && result.status <= 399) {
        throw new HttpError(
          502,
          'upstream_redirect',
          'the import source answered with a redirect; redirects are not followed',
        );
      }
      const text = result.body.toString('utf8');
      let imported = 0;
      for (const line of text.split('\n')) {
        const match = /^(\d{4}-\d{2}-\d{2}),([^,]{1,80}),(-?\d+(?:\.\d{1,2})?)$/.exec(line.trim());
        if (!match) continue;
        const id = bank.state.nextId.transaction++;
        bank.state.transactions.set(id, {
          id,
          accountId: account.id,
          ownerId: user.id,
          date: new Date(`${match[1]}T00:00:00Z`).toISOString(),
          merchant: match[2]!,
          amount: Number(match[3]),
          currency: account.currency,
          memo: 'imported',
        });
        imported++;
      }
      request.json(200, { imported, source: result.url, status: result.status, preview: text.slice(0, 500) });
    },
  },
];
