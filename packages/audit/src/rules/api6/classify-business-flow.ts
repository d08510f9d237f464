import type { Operation } from '@rampart/openapi';
import { allowsAnonymous } from '../allows-anonymous.js';
import { operationWords } from '../operation-words.js';

/** Kinds of business flow that are worth automating for an attacker (OWASP API6:2023 examples). */
export type BusinessFlow =
  | 'purchase'
  | 'payment'
  | 'transfer'
  | 'redeem'
  | 'vote'
  | 'invite'
  | 'signup'
  | 'credential-reset'
  | 'otp'
  | 'booking'
  | 'referral'
  | 'comment';

/** Words that name a flow wherever they appear (path, operationId, tags). */
const FLOW_WORDS: Readonly<Record<string, BusinessFlow>> = {
  checkout: 'purchase',
  checkouts: 'purchase',
  purchase: 'purchase',
  purchases: 'purchase',
  buy: 'purchase',
  order: 'purchase',
  orders: 'purchase',
  payment: 'payment',
  payments: 'payment',
  pay: 'payment',
  charge: 'payment',
  charges: 'payment',
  transfer: 'transfer',
  transfers: 'transfer',
  withdraw: 'transfer',
  withdrawal: 'transfer',
  withdrawals: 'transfer',
  payout: 'transfer',
  payouts: 'transfer',
  redeem: 'redeem',
  redemption: 'redeem',
  redemptions: 'redeem',
  coupon: 'redeem',
  coupons: 'redeem',
  voucher: 'redeem',
  vouchers: 'redeem',
  promocode: 'redeem',
  giftcard: 'redeem',
  giftcards: 'redeem',
  vote: 'vote',
  votes: 'vote',
  voting: 'vote',
  upvote: 'vote',
  downvote: 'vote',
  invite: 'invite',
  invites: 'invite',
  invitation: 'invite',
  invitations: 'invite',
  signup: 'signup',
  signups: 'signup',
  otp: 'otp',
  otps: 'otp',
  passcode: 'otp',
  booking: 'booking',
  bookings: 'booking',
  reservation: 'booking',
  reservations: 'booking',
  reserve: 'booking',
  referral: 'referral',
  referrals: 'referral',
  comment: 'comment',
  comments: 'comment',
  review: 'comment',
  reviews: 'comment',
};

/** Words that are flows in free text too (a summary saying "order" is often "in order to"; these are not). */
const SUMMARY_FLOWS = new Set([
  'checkout',
  'purchase',
  'redeem',
  'coupon',
  'voucher',
  'vote',
  'signup',
  'otp',
  'booking',
  'referral',
]);

/** The last path segment of a PUT/PATCH must be a verb for it to start a flow (`PUT /carts/{id}/checkout`). */
const VERB_FLOWS = new Set([
  'checkout',
  'purchase',
  'buy',
  'pay',
  'transfer',
  'withdraw',
  'redeem',
  'vote',
  'upvote',
  'downvote',
  'invite',
  'signup',
  'register',
  'reset',
  'reserve',
  'book',
  'refer',
]);

/** Operations named like these read, compute or clean up rather than start a flow: `POST /orders/search`, `DeleteProfile`. */
const NOT_A_FLOW = new Set([
  'search',
  'query',
  'list',
  'find',
  'filter',
  'count',
  'export',
  'validate',
  'estimate',
  'preview',
  'calculate',
  'get',
  'describe',
  'delete',
  'remove',
  'update',
]);

const REGISTRANTS = new Set([
  'user',
  'users',
  'account',
  'accounts',
  'member',
  'members',
  'customer',
  'customers',
  'player',
  'players',
  'person',
  'people',
]);
const RESETTABLE = new Set([
  'password',
  'passwords',
  'passcode',
  'pin',
  'credential',
  'credentials',
  'mfa',
  '2fa',
  'account',
  'login',
]);

/** `registration-token`, `register-key`: credentials for machines, not a sign-up. */
const TOKEN_WORDS = new Set(['token', 'tokens', 'key', 'keys', 'code', 'secret']);

function flowOf(
  words: readonly string[],
  all: ReadonlySet<string>,
  anonymous: boolean,
  inPath = true,
): BusinessFlow | undefined {
  for (const [i, word] of words.entries()) {
    const next = words[i + 1];
    if (word === 'gift' && (next === 'card' || next === 'cards')) return 'redeem';
    if (word === 'promo' && (next === 'code' || next === 'codes')) return 'redeem';
    if (word === 'sign' && next === 'up') return 'signup';
    if (word === 'forgot' && (next === 'password' || next === 'pin')) return 'credential-reset';
    if (word === 'one' && next === 'time') return 'otp';
    if (
      (word === 'register' || word === 'registration' || word === 'registrations') &&
      !TOKEN_WORDS.has(next ?? '') &&
      (anonymous || [...REGISTRANTS].some((w) => all.has(w)))
    ) {
      return 'signup';
    }
    if (word === 'reset' && [...RESETTABLE].some((w) => all.has(w))) return 'credential-reset';
    const flow = FLOW_WORDS[word];
    // "review" in an operationId is usually the verb (review a request), not posting a review.
    if (flow !== undefined && (inPath || flow !== 'comment')) return flow;
  }
  return undefined;
}

function summaryFlow(words: readonly string[]): BusinessFlow | undefined {
  for (const [i, word] of words.entries()) {
    if (word === 'sign' && words[i + 1] === 'up') return 'signup';
    if (SUMMARY_FLOWS.has(word)) return FLOW_WORDS[word];
  }
  return undefined;
}

/**
 * The business flow an operation starts, if any: a POST whose path, operationId, tags or summary names checkout,
 * purchase, order, payment, transfer, redeem/coupon/voucher, vote, invite, signup/register, password reset,
 * OTP, booking/reservation, referral or comment/review posting; or a PUT/PATCH whose last path segment is such
 * a verb. Reads, deletes and search-like POSTs are not flows. `hasSchemes` says whether the document declares any
 * security scheme (an operation without security only counts as anonymous if it does).
 */
export function classifyBusinessFlow(operation: Operation, hasSchemes = true): BusinessFlow | undefined {
  if (operation.isWebhook) return undefined;
  if (operation.method !== 'post' && operation.method !== 'put' && operation.method !== 'patch')
    return undefined;
  const words = operationWords(operation);
  if (words.lastSegment.some((w) => NOT_A_FLOW.has(w))) return undefined;
  if (operation.operationId !== undefined && NOT_A_FLOW.has(words.operationId[0] ?? '')) return undefined;
  const all = new Set([...words.path, ...words.operationId, ...words.tags, ...words.summary]);
  // Anonymous only counts where the document describes authentication at all.
  const anonymous = hasSchemes && allowsAnonymous(operation.security);
  if (operation.method === 'put' || operation.method === 'patch') {
    if (!words.lastSegment.some((w) => VERB_FLOWS.has(w))) return undefined;
    return flowOf(words.lastSegment, all, anonymous) ?? flowOf(words.path, all, anonymous);
  }
  if (operation.method !== 'post') return undefined;
  return (
    flowOf(words.path, all, anonymous) ??
    flowOf(words.operationId, all, anonymous, false) ??
    flowOf(words.tags, all, anonymous, false) ??
    summaryFlow(words.summary)
  );
}
