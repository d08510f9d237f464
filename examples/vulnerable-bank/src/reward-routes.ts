import { WELCOME_COUPON } from './create-bank-state.js';
import { findOwnedAccount } from './find-owned.js';
import { HttpError } from './http-error.js';
import { parseStringField } from './parse-field.js';
import type { Route } from './route.js';

/** The bonus both sides get for a referral. */
export const REFERRAL_BONUS = 25;

/** Coupons and referral bonuses. */
export const rewardRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: '/coupons/redeem',
    handle: async (bank, request) => {
      const user = request.user();
      const body = await request.body();
      const code = parseStringField(body, 'code', { max: 32 });
      const account = findOwnedAccount(bank, user, body['accountId']);
      if (code.toUpperCase() !== WELCOME_COUPON.code)
        throw new HttpError(404, 'coupon_not_found', `no coupon "${code}"`);
      const key = `${user.id}:${WELCOME_COUPON.code}`;
      if (bank.redeemedCoupons.has(key) && !bank.on('api6-coupon-unlimited-redeem')) {
        throw new HttpError(
          409,
          'coupon_already_redeemed',
          `${WELCOME_COUPON.code} can be redeemed once per customer`,
        );
      }
      bank.redeemedCoupons.add(key);
      account.balance += WELCOME_COUPON.amount;
      request.json(200, {
        code: WELCOME_COUPON.code,
        amount: WELCOME_COUPON.amount,
        accountId: account.id,
        balance: account.balance,
      });
    },
  },
  {
    method: 'POST',
    path: '/referrals/redeem',
    handle: async (bank, request) => {
      const user = request.user();
      const code = parseStringField(await request.body(), 'code', { max: 32 });
      const referrer = [...bank.state.users.values()].find((candidate) => candidate.referralCode === code);
      if (referrer === undefined)
        throw new HttpError(404, 'referral_not_found', `no referral code "${code}"`);
      if (!bank.on('api6-referral-self-redeem')) {
        if (referrer.id === user.id)
          throw new HttpError(422, 'self_referral', 'you cannot redeem your own referral code');
        if (bank.redeemedReferrals.has(user.id)) {
          throw new HttpError(409, 'referral_already_redeemed', 'a referral bonus can be received once');
        }
      }
      bank.redeemedReferrals.add(user.id);
      for (const owner of new Set([user.id, referrer.id])) {
        const account = [...bank.state.accounts.values()].find((candidate) => candidate.ownerId === owner);
        if (account) account.balance += REFERRAL_BONUS;
      }
      request.json(200, { bonus: REFERRAL_BONUS, referrer: referrer.username });
    },
  },
];
