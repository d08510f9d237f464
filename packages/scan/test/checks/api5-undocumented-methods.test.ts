import { describe, expect, it } from 'vitest';
import { describeCheckOnBank, findingAt } from '../describe-check-on-bank.js';
import { scanBankWithCanary } from '../scan-bank-with-canary.js';

const check = 'api5-undocumented-methods';
const matches = findingAt(check, 'DELETE', '/transactions/{transactionId}');

describeCheckOnBank(check, [{ flaw: 'api5-transaction-delete', matches }]);

describe(`${check} with destructive tests allowed`, () => {
  it("proves the DELETE on one of the user's own objects", async () => {
    const result = await scanBankWithCanary({}, { only: [check], destructive: true });
    const finding = result.findings.find(matches);
    expect(finding?.evidence?.oracle).toBe('undocumented-method-deleted-object');
    expect(finding?.severity).toBe('high');
  });
});
