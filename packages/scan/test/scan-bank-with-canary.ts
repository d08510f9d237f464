import { type Canary, createCanary, type ScanOptions, type ScanResult, scanTarget } from '@rampart/scan';
import { type BankOptions, bankIdentities, bankModel, createBankApi } from './start-bank.js';

/**
 * What a user of the scanner would configure for the bank beyond identities.yaml: the coupon code they were
 * given (no response reveals it), and a sink for the one-time codes the bank "texts" (a test SMS inbox).
 */
export const BANK_SEED_VALUES = { couponCode: 'WELCOME50' } as const;

/**
 * Starts a canary and a bank whose partner/provider URL (`canaryUrl`) points at the canary's upstream
 * listener (as a user points their API's partner URL at it), scans the bank with `options` plus the canary,
 * the seed values and the OTP sink, and stops both.
 */
export async function scanBankWithCanary(
  bankOptions: BankOptions,
  options: ScanOptions = {},
): Promise<ScanResult> {
  const canary: Canary = await createCanary();
  const codes: Array<{ username: string; code: string; at: number }> = [];
  const bank = createBankApi({
    ...bankOptions,
    canaryUrl: canary.upstreamUrl,
    sendOtp: (message: { username: string; code: string }) =>
      codes.push({ username: message.username, code: message.code, at: Date.now() }),
  });
  const target = await bank.listen({ port: 0 });
  try {
    return await scanTarget({
      model: await bankModel(),
      target,
      identities: bankIdentities(),
      options: {
        requestsPerSecond: 1000,
        canary,
        values: BANK_SEED_VALUES,
        readOtp: ({ username, since }) =>
          codes.filter((c) => c.username === username && c.at >= since).at(-1)?.code,
        ...options,
      },
    });
  } finally {
    await bank.close();
    await canary.close();
  }
}
