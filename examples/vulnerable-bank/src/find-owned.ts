import type { BankContext } from './bank-context.js';
import type { Account, Card, User } from './create-bank-state.js';
import { HttpError } from './http-error.js';

/** The account with this id if `user` owns it (or `anyOwner`), else an HttpError 404. */
export function findOwnedAccount(bank: BankContext, user: User, id: unknown, anyOwner = false): Account {
  const account = bank.state.accounts.get(Number(id));
  if (account === undefined || (!anyOwner && account.ownerId !== user.id)) {
    throw new HttpError(404, 'account_not_found', `no account ${JSON.stringify(id)} for this customer`);
  }
  return account;
}

/** The card with this id if `user` owns it (or `anyOwner`), else an HttpError 404. */
export function findOwnedCard(bank: BankContext, user: User, id: unknown, anyOwner = false): Card {
  const card = bank.state.cards.get(Number(id));
  if (card === undefined || (!anyOwner && card.ownerId !== user.id)) {
    throw new HttpError(404, 'card_not_found', `no card ${JSON.stringify(id)} for this customer`);
  }
  return card;
}
