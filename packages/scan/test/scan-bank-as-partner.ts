import {
  type Canary,
  createCanary,
  parseIdentities,
  type ScanOptions,
  type ScanResult,
  scanTarget,
} from '@rampart/scan';
import { type BankOptions, bankModel, createBankApi } from './start-bank.js';

const bank = await import('@rampart/example-vulnerable-bank');

/**
 * identities.yaml for the bank's partner API: one client-credentials identity holding an RS256 token, proven
 * on the partner endpoint (the customers' preflight, /users/me, does not take partner tokens).
 */
export const PARTNER_IDENTITIES_YAML = `
preflight: { method: GET, path: /partner/accounts/summary }
identities:
  - name: partner
    role: partner
    login:
      steps:
        - method: POST
          path: /partner/token
          json: { grant_type: client_credentials, client_id: ${bank.PARTNER_CLIENT_ID as string}, client_secret: "\${BANK_PARTNER_SECRET}" }
          extract: { token: { from: body, pointer: /access_token } }
      apply: { bearer: "{{token}}" }
`;

/**
 * Starts a canary and a bank (partner URL = the canary's upstream), scans it as the partner with `options`, and
 * stops both.
 */
export async function scanBankAsPartner(
  bankOptions: BankOptions,
  options: ScanOptions = {},
): Promise<ScanResult> {
  const canary: Canary = await createCanary();
  const api = createBankApi({ ...bankOptions, canaryUrl: canary.upstreamUrl });
  const target = await api.listen({ port: 0 });
  try {
    return await scanTarget({
      model: await bankModel(),
      target,
      identities: parseIdentities(PARTNER_IDENTITIES_YAML, 'identities-partner.yaml', {
        env: { BANK_PARTNER_SECRET: bank.PARTNER_CLIENT_SECRET as string },
      }),
      options: { requestsPerSecond: 1000, canary, ...options },
    });
  } finally {
    await api.close();
    await canary.close();
  }
}
