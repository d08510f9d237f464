import { it } from 'vitest';
import { scanBankWithCanary } from './scan-bank-with-canary.js';

it('debug2', async () => {
  const only = process.env['ONLY']?.split(',');
  const result = await scanBankWithCanary({}, only ? { only } : {});
  const re = new RegExp(process.env['PATH_RE'] ?? '.');
  for (const e of result.exchanges.filter((e) => re.test(new URL(e.request.url).pathname)).slice(-40))
    console.log(`${e.request.method} ${e.request.url} ${e.request.body ?? ''} -> ${e.response?.status} ${e.response?.body?.slice(0, 200)}`);
}, 120_000);
