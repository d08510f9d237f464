import { parseArgs } from 'node:util';
import type { BankApiOptions } from './create-bank-api.js';

/** What the command line asks for. */
export interface CliCommand {
  readonly help: boolean;
  readonly listFlaws: boolean;
  readonly port: number;
  readonly host: string;
  readonly options: BankApiOptions;
}

/** Usage text of `vulnerable-bank`. */
export const USAGE = `Usage: node examples/vulnerable-bank/dist/main.js [options]

A deliberately vulnerable bank API for testing Rampart. It listens on 127.0.0.1 only. Never expose it.

Options:
  --port <n>          port to listen on; 0 picks a free one (default 8080; env BANK_PORT)
  --secure            switch every flaw off (env BANK_SECURE=1)
  --disable <ids>     comma-separated flaw ids to switch off (env BANK_DISABLE)
  --only <ids>        switch on only these flaw ids (env BANK_ONLY)
  --canary-url <url>  the one non-loopback origin the bank may call; also the allowlisted partner (env BANK_CANARY_URL)
  --kyc-url <url>     KYC provider endpoint (env BANK_KYC_URL; default <canary>/kyc/verify)
  --rates-url <url>   exchange-rate provider endpoint (env BANK_RATES_URL; default <canary>/rates)
  --list-flaws        print the flaw ids and titles, then exit
  --help              print this text
`;

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
}

/**
 * Parses argv (without node and the script) and the environment; flags win over environment variables.
 * Throws a TypeError whose message names the option, the value and the fix.
 */
export function parseCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): CliCommand {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      secure: { type: 'boolean' },
      disable: { type: 'string' },
      only: { type: 'string' },
      'canary-url': { type: 'string' },
      'kyc-url': { type: 'string' },
      'rates-url': { type: 'string' },
      'list-flaws': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  const rawPort = values.port ?? env['BANK_PORT'] ?? '8080';
  const port = Number(rawPort);
  if (!/^[0-9]+$/.test(rawPort) || port > 65_535) {
    throw new TypeError(`--port must be an integer from 0 to 65535, got "${rawPort}"`);
  }
  const host = values.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') {
    throw new TypeError(
      `--host must be 127.0.0.1: the vulnerable bank never listens elsewhere, got "${host}"`,
    );
  }
  const disabled = list(values.disable ?? env['BANK_DISABLE']);
  const enabled = list(values.only ?? env['BANK_ONLY']);
  const canaryUrl = values['canary-url'] ?? env['BANK_CANARY_URL'];
  const kycUrl = values['kyc-url'] ?? env['BANK_KYC_URL'];
  const ratesUrl = values['rates-url'] ?? env['BANK_RATES_URL'];
  const secure = values.secure === true || env['BANK_SECURE'] === '1' || env['BANK_SECURE'] === 'true';
  return {
    help: values.help === true,
    listFlaws: values['list-flaws'] === true,
    port,
    host,
    options: {
      secure,
      ...(disabled ? { disabled } : {}),
      ...(enabled ? { enabled } : {}),
      ...(canaryUrl ? { canaryUrl } : {}),
      ...(kycUrl ? { kycUrl } : {}),
      ...(ratesUrl ? { ratesUrl } : {}),
    },
  };
}
