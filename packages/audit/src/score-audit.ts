import { type Finding, type PostureScore, type ScoreCap, scoreFindings } from '@rampart/core';
import type { ApiModel } from '@rampart/openapi';

export type {
  CategoryScore,
  Grade,
  ScoreCap,
  ScoreDeduction,
} from '@rampart/core';
export { CATEGORY_WEIGHTS, SEVERITY_POINTS } from '@rampart/core';

/** An audit's 0–100 score with its per-category breakdown and caps. */
export type AuditScore = PostureScore;

/**
 * Scores an audit from 0 to 100 (see docs/audit.md, "Score"):
 *
 * 1. Per rule, findings are sorted most severe first; the k-th (0-based) costs `SEVERITY_POINTS[severity] × 0.5^k`.
 *    One rule can therefore cost at most twice its worst finding: a thousand strings without `maxLength`
 *    (low) cost 3 points, ten open write operations (high) cost 20.
 * 2. The overall score is `100 − Σ categoryWeight × ruleCost`, clamped to 0..100.
 * 3. Caps: unauthenticated write operations, or no operation authenticated at all → at most 40;
 *    any critical finding → at most 50; any high finding → at most 85. A document cannot buy its way past
 *    open write operations with validation keywords.
 * 4. Grades: A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 55, F below.
 *
 * Pass unsuppressed findings (suppressed and baselined ones are the user's accepted risk).
 */
export function scoreAudit(findings: readonly Finding[], model: ApiModel): AuditScore {
  return scoreFindings(findings, { caps: findCaps(findings, model) });
}

function findCaps(findings: readonly Finding[], model: ApiModel): ScoreCap[] {
  const caps: ScoreCap[] = [];
  const open = findings.filter((f) => f.ruleId === 'write-operation-without-security');
  if (open.length > 0) {
    caps.push({
      max: 40,
      reason: `${open.length} write operation(s) accept requests without authentication`,
    });
  }
  const operations = model.operations.length;
  const unauthenticated = new Set<string>();
  for (const f of findings) {
    if (f.ruleId !== 'read-operation-without-security' && f.ruleId !== 'write-operation-without-security')
      continue;
    for (const l of [f.location, ...(f.relatedLocations ?? [])]) {
      if (l.method !== undefined && l.path !== undefined) unauthenticated.add(`${l.method} ${l.path}`);
    }
  }
  if (operations > 0 && unauthenticated.size >= operations) {
    caps.push({ max: 40, reason: 'no operation requires authentication' });
  }
  if (findings.some((f) => f.severity === 'critical'))
    caps.push({ max: 50, reason: 'a critical finding is open' });
  else if (findings.some((f) => f.severity === 'high'))
    caps.push({ max: 85, reason: 'a high finding is open' });
  return caps.sort((a, b) => a.max - b.max);
}
