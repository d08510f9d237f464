import { describe, expect, it } from 'vitest';
import { api9SpecDrift } from '../../src/checks/api9-spec-drift.js';
import { scanBankWithCanary } from '../scan-bank-with-canary.js';
import { summarize } from '../start-bank.js';
import { scanTinyInventoryApi } from '../tiny-inventory-api.js';

const check = 'api9-spec-drift';

describe(`${check} on a tiny API`, () => {
  it('reports an undocumented status and a schema violation from the exploration answers, as low', async () => {
    const result = await scanTinyInventoryApi('naive', api9SpecDrift);
    expect(result.engineErrors).toEqual([]);
    expect(summarize(result).sort()).toEqual([`${check} GET /report`, `${check} GET /status`]);
    const report = result.findings.find((f) => f.location.path === '/report')!;
    expect(report.evidence?.oracle).toBe('spec-drift:schema');
    expect(report.message).toContain('/total must be integer');
    const status = result.findings.find((f) => f.location.path === '/status')!;
    expect(status.evidence?.oracle).toBe('spec-drift:status');
    expect(status.message).toContain('response status 500 is not described (described: 200) (as alice)');
    expect(result.findings.map((f) => f.severity)).toEqual(['low', 'low']);
    // Both were confirmed by re-sending the exploration GET.
    expect(result.checks[0]!.requests).toBe(2);
  });

  it('reports nothing for an API that answers as described (open maps and growing lists included)', async () => {
    const result = await scanTinyInventoryApi('clean', api9SpecDrift);
    expect(result.engineErrors).toEqual([]);
    expect(result.findings).toEqual([]);
  });
});

describe(`${check} on the vulnerable bank`, () => {
  it('reports the undocumented 500s the other checks provoked, per operation, observed in the exchange log', async () => {
    const result = await scanBankWithCanary({}, { only: ['api8-verbose-errors', check] });
    expect(result.engineErrors).toEqual([]);
    const drift = result.findings.filter((f) => f.ruleId === check);
    const places = drift
      .filter((f) => /response status 500 is not described/.test(f.message))
      .flatMap((f) => [f.location, ...(f.relatedLocations ?? [])])
      .map((l) => `${l.method} ${l.path}`);
    expect(places).toContain('POST /transfers');
    expect(drift.every((f) => f.severity === 'low' || f.severity === 'info')).toBe(true);
    // Bounded: at most 10 per-operation findings plus two grouped ones.
    expect(drift.length).toBeLessThanOrEqual(12);
  });

  it('finds no 500s to report when the bank handles its errors (every flaw off but the rate limit)', async () => {
    const result = await scanBankWithCanary(
      { enabled: ['api4-no-rate-limit'] },
      { only: ['api8-verbose-errors', check] },
    );
    expect(result.engineErrors).toEqual([]);
    expect(
      result.findings.filter(
        (f) => f.ruleId === check && /response status 5\d\d is not described/.test(f.message),
      ),
    ).toEqual([]);
  });
});
