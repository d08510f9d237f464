import { findOwnedAccount } from './find-owned.js';
import { HttpError } from './http-error.js';
import type { Route } from './route.js';

/** One transaction addressed through its account (`/accounts/{accountId}/transactions/{transactionId}`). */
export const accountTransactionRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/accounts/{accountId}/transactions/{transactionId}',
    handle: (bank, request) => {
      // The caller must own the account in the path (checked in both modes).
      const account = findOwnedAccount(bank, request.user(), request.params['accountId']);
      const transaction = bank.state.transactions.get(Number(request.params['transactionId']));
      // api1-nested-parent-swap: the transaction is looked up by id alone, not within the account just checked,
      // so a customer reads anyone's transaction through one of their own accounts.
      if (
        transaction === undefined ||
        (!bank.on('api1-nested-parent-swap') && transaction.accountId !== account.id)
      ) {
        throw new HttpError(
          404,
          'transaction_not_found',
          `no transaction ${JSON.stringify(request.params['transactionId'])} in account ${account.id}`,
        );
      }
      request.json(200, transaction);
    },
  },
];
