import { describe, expect, it } from 'vitest';
import { api9UndocumentedParameters } from '../../src/checks/api9-undocumented-parameters.js';
import { describeCheckOnBank, findingAt } from '../describe-check-on-bank.js';
import { summarize } from '../start-bank.js';
import { scanTinyInventoryApi } from '../tiny-inventory-api.js';

const check = 'api9-undocumented-parameters';

describeCheckOnBank(check, [
  {
    flaw: 'api9-undocumented-debug-param',
    matches: findingAt(check, 'GET', '/cards', (f) => /\bdebug=true\b/.test(f.message)),
  },
]);

describe(`${check} on a tiny API`, () => {
  it('finds the parameters that add fields or records, with the two baselines as the control', async () => {
    const result = await scanTinyInventoryApi('naive', api9UndocumentedParameters);
    expect(result.engineErrors).toEqual([]);
    expect(summarize(result).sort()).toEqual([`${check} GET /items`, `${check} GET /me`]);
    const me = result.findings.find((f) => f.location.path === '/me')!;
    expect(me.message).toContain('debug=true');
    expect(me.evidence?.snippet).toBe('trace');
    const items = result.findings.find((f) => f.location.path === '/items')!;
    expect(items.message).toMatch(/include_deleted=true: it returns 2 more array items/);
    expect(items.severity).toBe('medium');
  });

  it('stays quiet on a clean API whose list grows by itself and whose search echoes the query', async () => {
    const result = await scanTinyInventoryApi('clean', api9UndocumentedParameters);
    expect(result.engineErrors).toEqual([]);
    expect(result.checks[0]!.requests).toBeGreaterThan(10);
    expect(result.findings).toEqual([]);
  });
});
