import type { BankContext } from './bank-context.js';

/**
 * Whether a customer-supplied URL may be fetched when the SSRF flaws are off: only the configured partner origin
 * (the canary) is on the allowlist; loopback, private ranges and everything else are refused before any request.
 */
export function isPartnerUrl(bank: BankContext, raw: string): boolean {
  try {
    return bank.canaryOrigin !== undefined && new URL(raw).origin === bank.canaryOrigin;
  } catch {
    return false;
  }
}
