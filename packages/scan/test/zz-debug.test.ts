import { it } from 'vitest';
import { scanBankWithCanary } from './scan-bank-with-canary.js';

it('debug', async () => {
  const only = process.env['ONLY']?.split(',');
  const bank = JSON.parse(process.env['BANK'] ?? '{}');
  const result = await scanBankWithCanary(bank, only ? { only } : {});
  for (const f of result.findings)
    console.log(`${f.severity} ${f.ruleId} ${f.location.method} ${f.location.path} [${f.evidence?.oracle}] ${f.message.slice(0, 220)}`);
  console.log(JSON.stringify(result.checks), JSON.stringify(result.engineErrors), result.requests, result.durationMs);
}, 120_000);
