import type { Finding, OwaspCategory, Severity } from '@rampart/core';
import type { ApiModel } from '@rampart/openapi';
import { describe, expect, it } from 'vitest';
import { scoreAudit } from './score-audit.js';

const model = (operations: number) =>
  ({
    operations: Array.from({ length: operations }, (_, i) => ({ method: 'get', path: `/r${i}` })),
  }) as unknown as ApiModel;

let counter = 0;
function finding(ruleId: string, severity: Severity, owasp: OwaspCategory, path = `/x${counter++}`): Finding {
  return {
    ruleId,
    source: 'audit',
    title: ruleId,
    message: ruleId,
    severity,
    confidence: 'firm',
    owasp,
    cwe: 1,
    location: { method: 'POST', path },
    remediation: 'fix it',
    fingerprint: String(counter),
  };
}
const many = (n: number, ruleId: string, severity: Severity, owasp: OwaspCategory) =>
  Array.from({ length: n }, () => finding(ruleId, severity, owasp));

describe('scoreAudit', () => {
  it('a clean document scores 100, grade A, no caps', () => {
    expect(scoreAudit([], model(5))).toMatchObject({ score: 100, grade: 'A', caps: [] });
  });

  it('a thousand strings without maxLength cost at most 3 points (diminishing returns per rule)', () => {
    const s = scoreAudit(many(1000, 'string-without-max-length', 'low', 'API4'), model(50));
    expect(s.score).toBeGreaterThanOrEqual(97);
    expect(s.categories.API4.deductions).toEqual([
      { ruleId: 'string-without-max-length', points: 2.2, count: 1000 },
    ]);
  });

  it('ten open write operations cap the score at 40, even with nothing else wrong', () => {
    const s = scoreAudit(many(10, 'write-operation-without-security', 'high', 'API2'), model(50));
    expect(s.uncapped).toBeGreaterThan(40);
    expect(s.score).toBe(40);
    expect(s.grade).toBe('F');
    expect(s.caps[0]!.reason).toContain('10 write operation(s)');
  });

  it('validation keywords cannot buy back open write operations', () => {
    const open = many(1, 'write-operation-without-security', 'high', 'API2');
    expect(scoreAudit(open, model(3)).score).toBeLessThanOrEqual(40);
  });

  it('no authenticated operation at all caps at 40', () => {
    const reads = [
      finding('read-operation-without-security', 'medium', 'API2', '/r0'),
      finding('read-operation-without-security', 'medium', 'API2', '/r1'),
    ].map((f) => ({ ...f, location: { ...f.location, method: 'GET' } }));
    expect(scoreAudit(reads, model(2)).caps.map((c) => c.reason)).toContain(
      'no operation requires authentication',
    );
    expect(scoreAudit(reads, model(3)).caps).toEqual([]);
  });

  it('one high finding keeps the document out of grade A', () => {
    const s = scoreAudit([finding('sensitive-field-in-response', 'high', 'API3')], model(5));
    expect(s.score).toBe(85);
    expect(s.grade).toBe('B');
  });

  it('is monotonic: adding a finding never raises the score', () => {
    const pool: Finding[] = [
      ...many(3, 'a', 'low', 'API4'),
      ...many(2, 'b', 'medium', 'API3'),
      finding('c', 'high', 'API1'),
      finding('d', 'critical', 'API2'),
      ...many(4, 'e', 'info', 'API9'),
    ];
    let previous = 100;
    for (let i = 1; i <= pool.length; i++) {
      const s = scoreAudit(pool.slice(0, i), model(20)).score;
      expect(s).toBeLessThanOrEqual(previous);
      previous = s;
    }
  });

  it('weights categories and explains every deduction', () => {
    const s = scoreAudit(
      [finding('auth', 'medium', 'API2'), finding('inventory', 'medium', 'API9')],
      model(5),
    );
    expect(s.categories.API2.deductions).toEqual([{ ruleId: 'auth', points: 5, count: 1 }]);
    expect(s.categories.API9.deductions).toEqual([{ ruleId: 'inventory', points: 2, count: 1 }]);
    expect(s.categories.API2.score).toBe(90);
    expect(s.score).toBe(93);
  });
});
