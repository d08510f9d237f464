import { type Finding, isAtLeast } from '@rampart/core';
import type { ScanResult } from '@rampart/scan';
import { beforeAll, describe, expect, it } from 'vitest';
import { scanBankWithCanary } from './scan-bank-with-canary.js';
import { summarize } from './start-bank.js';

/** A bank flaw (flaws.json id) and how the check's finding of it looks. */
export interface FlawCase {
  readonly flaw: string;
  readonly matches: (finding: Finding) => boolean;
}

/**
 * The table-driven test of one check against the bank, run with only that check: each flaw is found with
 * every flaw on; with that flaw alone off its finding is gone; with every flaw off but the rate limit (so no
 * 429 hides a false positive) nothing above low is reported. The real secure mode (rate limit on) is scanned
 * once with every check in scan-bank.test.ts.
 */
export function describeCheckOnBank(check: string, cases: readonly FlawCase[]): void {
  describe(`${check} on the vulnerable bank`, () => {
    let all: ScanResult;
    beforeAll(async () => {
      all = await scanBankWithCanary({}, { only: [check] });
    });

    it('runs without engine errors', () => {
      expect(all.engineErrors).toEqual([]);
      expect(all.checks.map((c) => c.id)).toEqual([check]);
    });

    it.each(cases.map((c) => [c.flaw, c]))('finds %s', (_flaw, c) => {
      expect(all.findings.filter(c.matches), summarize(all).join('\n')).not.toHaveLength(0);
    });

    it.each(cases.map((c) => [c.flaw, c]))('%s off: no finding for it', async (flaw, c) => {
      const result = await scanBankWithCanary({ disabled: [flaw] }, { only: [check] });
      expect(result.engineErrors).toEqual([]);
      expect(result.findings.filter(c.matches), summarize(result).join('\n')).toEqual([]);
    });

    it('every flaw off but the rate limit: nothing above low', async () => {
      const result = await scanBankWithCanary({ enabled: ['api4-no-rate-limit'] }, { only: [check] });
      expect(result.engineErrors).toEqual([]);
      expect(
        result.findings.filter((f) => isAtLeast(f.severity, 'medium')).map((f) => `${f.message}`),
      ).toEqual([]);
    });
  });
}

/** A matcher: the check's finding at `method path` (a RegExp path matches any). */
export const findingAt =
  (check: string, method: string, path: string | RegExp, extra?: (f: Finding) => boolean) => (f: Finding) =>
    f.ruleId === check &&
    f.location.method === method &&
    (typeof path === 'string' ? f.location.path === path : path.test(f.location.path ?? '')) &&
    (extra?.(f) ?? true);
