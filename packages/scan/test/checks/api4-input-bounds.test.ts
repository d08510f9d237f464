import { describe, expect, it } from 'vitest';
import { scanBankWithCanary } from '../scan-bank-with-canary.js';

// No bank flaw is about input bounds: the check reports at low severity only, and its near miss is the
// secure bank, where over-long query values are refused.
describe('api4-input-bounds on the vulnerable bank', () => {
  it('reports deep JSON acceptance at low severity only', async () => {
    const result = await scanBankWithCanary({}, { only: ['api4-input-bounds'] });
    expect(result.engineErrors).toEqual([]);
    expect(result.findings.every((f) => f.severity === 'low')).toBe(true);
    expect(result.findings.some((f) => f.evidence?.oracle === 'deep-json-accepted')).toBe(true);
  });

  it('finds no over-long query value accepted where the bank enforces maxLength', async () => {
    const result = await scanBankWithCanary(
      { enabled: ['api4-no-rate-limit'] },
      { only: ['api4-input-bounds'] },
    );
    expect(
      result.findings.filter((f) => f.evidence?.oracle === 'bound-not-enforced').map((f) => f.message),
    ).toEqual([]);
  });
});
