import { describe, expect, it } from 'vitest';
import { EXPECTED_DETECTIONS } from './bank-expectations.js';
import { scanBank, summarize } from './start-bank.js';

// For each detected flaw: the bank with everything on except that flaw must not produce its finding, while the
// same check still runs (the near miss). Only the check concerned runs, to keep the suite fast. Flaws whose check
// has its own table-driven file (test/checks/) get their near miss there.
describe('bank with one flaw off', () => {
  it.each(EXPECTED_DETECTIONS.filter((e) => !e.checkTest).map((e) => [e.flaw, e]))(
    '%s off: no finding for it',
    async (flaw, expected) => {
      const result = await scanBank(
        { disabled: [flaw] },
        { requestsPerSecond: 1000, only: [expected.check] },
      );
      expect(result.checks.map((c) => c.id)).toEqual([expected.check]);
      expect(result.engineErrors).toEqual([]);
      expect(result.findings.filter(expected.matches), summarize(result).join('\n')).toEqual([]);
    },
  );
});
