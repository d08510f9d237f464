import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { type ApiModel, loadApi } from '@rampart/openapi';
import {
  type IdentitiesConfig,
  parseIdentities,
  type ScanOptions,
  type ScanResult,
  scanTarget,
} from '@rampart/scan';

// The bank is a workspace package whose exports point at dist/. `tsc -b` rebuilds it only when its sources are
// newer than the build (a no-op after `npm run build`), so the tests never run against a stale bank.
const require = createRequire(import.meta.url);
const openapiFile = require.resolve('@rampart/example-vulnerable-bank/openapi.yaml');
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', dirname(openapiFile)], {
  stdio: 'inherit',
});
const bankModule = await import('@rampart/example-vulnerable-bank');

export const { createBankApi, SEED_USERS, FLAWS } = bankModule;
export type BankOptions = Parameters<typeof bankModule.createBankApi>[0];

/** identities.yaml for the bank: two customers and the admin, each by login flow (the admin also holds the back-office API key). */
export const BANK_IDENTITIES_YAML = `
preflight: { method: GET, path: /users/me }
identities:
${['alice', 'bob', 'admin']
  .map(
    (name) => `  - name: ${name}
    ${name === 'admin' ? 'admin: true' : 'role: customer'}
    login:
      steps:
        - method: POST
          path: /auth/login
          json: { username: ${name}, password: "\${BANK_${name.toUpperCase()}_PASSWORD}" }
          extract: { token: { from: body, pointer: /accessToken } }
      apply: { bearer: "{{token}}"${name === 'admin' ? `, headers: { X-API-Key: "${bankModule.ADMIN_API_KEY as string}" }` : ''} }`,
  )
  .join('\n')}
  - name: partner
    role: partner
    preflight: { method: GET, path: /partner/accounts/summary }
    login:
      steps:
        - method: POST
          path: /partner/token
          json: { grant_type: client_credentials, client_id: ${bankModule.PARTNER_CLIENT_ID as string}, client_secret: "\${BANK_PARTNER_SECRET}" }
          extract: { token: { from: body, pointer: /access_token } }
      apply: { bearer: "{{token}}" }
`;

export function bankIdentities(): IdentitiesConfig {
  const users = bankModule.SEED_USERS as Record<string, { password: string }>;
  return parseIdentities(BANK_IDENTITIES_YAML, 'identities.yaml', {
    env: {
      BANK_ALICE_PASSWORD: users['alice']!.password,
      BANK_BOB_PASSWORD: users['bob']!.password,
      BANK_ADMIN_PASSWORD: users['admin']!.password,
      BANK_PARTNER_SECRET: bankModule.PARTNER_CLIENT_SECRET as string,
    },
  });
}

let model: Promise<ApiModel> | undefined;
/** The bank's description, loaded once per test file. */
export function bankModel(): Promise<ApiModel> {
  model ??= loadApi(openapiFile);
  return model;
}

/** Starts a bank with `bankOptions`, scans it with `options`, stops it, and returns the result. */
export async function scanBank(bankOptions: BankOptions, options: ScanOptions = {}): Promise<ScanResult> {
  const bank = createBankApi(bankOptions);
  const target = await bank.listen({ port: 0 });
  try {
    return await scanTarget({ model: await bankModel(), target, identities: bankIdentities(), options });
  } finally {
    await bank.close();
  }
}

/** `ruleId METHOD path` of every finding, for readable assertions. */
export function summarize(result: ScanResult, minimum: 'info' | 'low' | 'medium' = 'info'): string[] {
  const order = ['info', 'low', 'medium', 'high', 'critical'];
  return result.findings
    .filter((f) => order.indexOf(f.severity) >= order.indexOf(minimum))
    .map((f) => `${f.ruleId} ${f.location.method} ${f.location.path}`);
}
