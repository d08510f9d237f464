import type { BankContext } from './bank-context.js';
import { FETCH_MAX_BYTES, FETCH_MAX_TIMEOUT_MS, FetchError, fetchGuarded } from './fetch-guarded.js';
import { HttpError } from './http-error.js';

/** The size cap for third-party API responses while api10-provider-no-size-limit is off. */
export const PROVIDER_MAX_BYTES = 64 * 1024;

/**
 * Calls a third-party API (KYC, exchange rates) and parses its JSON. Provider failures become 502 answers with
 * stable codes: upstream_unreachable, upstream_too_large, upstream_invalid; an unset URL answers 503.
 */
export async function fetchProviderJson(
  bank: BankContext,
  url: string | undefined,
  name: string,
  init: { readonly method?: 'GET' | 'POST'; readonly body?: unknown } = {},
): Promise<unknown> {
  if (url === undefined) {
    throw new HttpError(
      503,
      'provider_not_configured',
      `the ${name} provider is not configured on this server`,
    );
  }
  const maxBytes = bank.on('api10-provider-no-size-limit') ? FETCH_MAX_BYTES : PROVIDER_MAX_BYTES;
  let text: string;
  try {
    const result = await fetchGuarded(url, {
      canaryOrigin: bank.canaryOrigin,
      followRedirects: false,
      maxBytes,
      // No deadline of its own (CWE-400): only the demo's safety cap ends a stalled provider call.
      ...(bank.on('api10-provider-no-timeout') ? { timeoutMs: FETCH_MAX_TIMEOUT_MS } : {}),
      method: init.method ?? 'GET',
      ...(init.body === undefined
        ? {}
        : { body: JSON.stringify(init.body), headers: { 'content-type': 'application/json' } }),
    });
    if (result.status !== 200) {
      throw new HttpError(502, 'upstream_invalid', `the ${name} provider answered ${result.status}`);
    }
    text = result.body.toString('utf8');
  } catch (error) {
    if (error instanceof FetchError) {
      const code = error.reason === 'too_large' ? 'upstream_too_large' : 'upstream_unreachable';
      throw new HttpError(502, code, `the ${name} provider failed: ${error.message}`);
    }
    throw error;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    if (bank.on('api10-provider-malformed-crash')) {
      // The parse error escapes to the client as a 500 with its stack (CWE-755, CWE-209).
      throw new HttpError(500, 'internal_error', (error as Error).stack ?? String(error));
    }
    throw new HttpError(502, 'upstream_invalid', `the ${name} provider did not answer JSON`);
  }
}
