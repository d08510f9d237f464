import type { BankContext } from './bank-context.js';
import { fetchProviderJson } from './fetch-provider-json.js';
import { findOwnedAccount } from './find-owned.js';
import { HttpError } from './http-error.js';
import { parseNumberField, parseStringField } from './parse-field.js';
import type { Route } from './route.js';

/** The reference EUR to USD rate; provider rates further than 20% from it are refused in secure mode. */
export const REFERENCE_EUR_USD = 1.08;
const KYC_STATUSES = new Set(['approved', 'rejected', 'pending']);

async function fetchRates(bank: BankContext): Promise<{ base: string; rates: Record<string, unknown> }> {
  const url =
    bank.ratesUrl === undefined
      ? undefined
      : `${bank.ratesUrl}${bank.ratesUrl.includes('?') ? '&' : '?'}base=EUR`;
  const payload = (await fetchProviderJson(bank, url, 'exchange-rate')) as {
    base?: unknown;
    rates?: unknown;
  } | null;
  if (
    typeof payload !== 'object' ||
    payload === null ||
    typeof payload.rates !== 'object' ||
    payload.rates === null
  ) {
    throw new HttpError(502, 'upstream_invalid', 'the exchange-rate provider answered without rates');
  }
  return { base: String(payload.base ?? 'EUR'), rates: payload.rates as Record<string, unknown> };
}

/** Identity verification (KYC) and currency exchange, both through third-party APIs. */
export const integrationRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: '/kyc/verify',
    handle: async (bank, request) => {
      const user = request.user();
      const documentNumber = parseStringField(await request.body(), 'documentNumber', { max: 32 });
      const answer = (await fetchProviderJson(bank, bank.kycUrl, 'KYC', {
        method: 'POST',
        body: { reference: `user-${user.id}`, name: user.displayName, documentNumber },
      })) as Record<string, unknown> | null;
      if (bank.on('api10-kyc-response-trusted')) {
        // Takes the provider's word for everything it sends back (CWE-20).
        user.kycStatus = answer?.['status'] as typeof user.kycStatus;
        Object.assign(user, (answer?.['profile'] as object | undefined) ?? {});
      } else {
        const status = answer?.['status'];
        if (typeof status !== 'string' || !KYC_STATUSES.has(status)) {
          throw new HttpError(502, 'upstream_invalid', 'the KYC provider answered an unknown status');
        }
        user.kycStatus = status as typeof user.kycStatus;
      }
      request.json(200, { kycStatus: user.kycStatus });
    },
  },
  {
    method: 'GET',
    path: '/fx/rates',
    handle: async (bank, request) => {
      request.user();
      const { base, rates } = await fetchRates(bank);
      const clean = Object.fromEntries(
        Object.entries(rates).filter(([code, value]) => /^[A-Z]{3}$/.test(code) && typeof value === 'number'),
      );
      request.json(200, { base, rates: clean });
    },
  },
  {
    method: 'POST',
    path: '/fx/convert',
    handle: async (bank, request) => {
      const user = request.user();
      const body = await request.body();
      const from = findOwnedAccount(bank, user, body['fromAccountId']);
      const to = findOwnedAccount(bank, user, body['toAccountId']);
      const amount = parseNumberField(body, 'amount');
      if (amount <= 0 || amount > from.balance) {
        throw new HttpError(422, 'insufficient_funds', `amount must be positive and at most ${from.balance}`);
      }
      if (from.currency === to.currency)
        throw new HttpError(422, 'same_currency', 'both accounts use the same currency');
      const raw = (await fetchRates(bank)).rates['USD'];
      const rate = Number(raw);
      if (!bank.on('api10-fx-rate-unvalidated')) {
        if (typeof raw !== 'number' || Math.abs(rate - REFERENCE_EUR_USD) / REFERENCE_EUR_USD > 0.2) {
          throw new HttpError(
            502,
            'upstream_invalid',
            'the exchange-rate provider answered an implausible USD rate',
          );
        }
      }
      const converted = Math.round((from.currency === 'EUR' ? amount * rate : amount / rate) * 100) / 100;
      from.balance = Math.round((from.balance - amount) * 100) / 100;
      to.balance = Math.round((to.balance + converted) * 100) / 100;
      request.json(200, {
        rate,
        debited: amount,
        credited: converted,
        fromBalance: from.balance,
        toBalance: to.balance,
      });
    },
  },
];
