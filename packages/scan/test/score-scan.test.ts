import type { Finding, OwaspCategory, Severity } from '@rampart/core';
import { scoreScan } from '@rampart/scan';
import { describe, expect, it } from 'vitest';

let n = 0;
function finding(
  ruleId: string,
  severity: Severity,
  owasp: OwaspCategory,
  confidence: Finding['confidence'] = 'certain',
): Finding {
  n++;
  return {
    ruleId,
    source: 'scan',
    title: ruleId,
    message: `${ruleId} ${n}`,
    severity,
    confidence,
    owasp,
    cwe: 1,
    location: { target: 'http://h', method: 'GET', path: `/p${n}` },
    remediation: '',
    fingerprint: String(n).padStart(32, '0'),
  } as Finding;
}

describe('scoreScan', () => {
  it('gives a clean host 100 (A)', () => {
    expect(scoreScan([])).toMatchObject({ score: 100, grade: 'A', caps: [] });
  });

  it('has diminishing returns per check: twenty low findings cost less than twice one', () => {
    const one = scoreScan([finding('api8-security-headers', 'low', 'API8')]);
    const twenty = scoreScan(
      Array.from({ length: 20 }, () => finding('api8-security-headers', 'low', 'API8')),
    );
    expect(one.score).toBe(99);
    expect(100 - twenty.uncapped).toBeLessThanOrEqual(2 * (100 - one.uncapped) + 1);
    expect(twenty.categories.API8.deductions).toEqual([
      { ruleId: 'api8-security-headers', points: 2.2, count: 20 },
    ]);
  });

  it('caps a host with a confirmed high finding at 60 and a critical one at 40, saying why', () => {
    const high = scoreScan([finding('api1-bola', 'high', 'API1')]);
    expect(high.uncapped).toBe(90);
    expect(high.score).toBe(60);
    expect(high.grade).toBe('D');
    expect(high.caps).toEqual([{ max: 60, reason: '1 high finding(s) confirmed' }]);
    expect(scoreScan([finding('api2-jwt-alg-none', 'critical', 'API2')]).score).toBe(40);
  });

  it('counts a tentative finding for half, and weighs categories like the audit', () => {
    const certain = scoreScan([finding('api4-missing-rate-limit', 'medium', 'API4')]);
    const tentative = scoreScan([finding('api4-missing-rate-limit', 'medium', 'API4', 'tentative')]);
    expect(certain.uncapped).toBe(97); // 4 × 0.75
    expect(tentative.uncapped).toBe(99); // 2 × 0.75
    expect(scoreScan([finding('x', 'medium', 'API2')]).uncapped).toBe(95); // 4 × 1.25
  });
});
