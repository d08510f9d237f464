import {
  type Finding,
  OWASP_CATEGORY_IDS,
  type OwaspCategory,
  type Severity,
  severityRank,
} from '@rampart/core';
import type { ApiModel } from '@rampart/openapi';

/** What one rule cost a category. */
export interface ScoreDeduction {
  readonly ruleId: string;
  /** Points taken from the overall score (after the category weight), rounded to 0.1. */
  readonly points: number;
  /** How many findings of the rule contributed. */
  readonly count: number;
}

export interface CategoryScore {
  /** 0..100 for this category alone: 100 − 2.5 × its unweighted deductions. */
  readonly score: number;
  readonly weight: number;
  readonly deductions: ScoreDeduction[];
}

/** A cap that held the score down, and why. */
export interface ScoreCap {
  readonly max: number;
  readonly reason: string;
}

export type Grade = 'A' | 'B' | 'C' | 'D' | 'F';

export interface AuditScore {
  /** 0..100, integer. */
  readonly score: number;
  readonly grade: Grade;
  /** The score before caps (integer). */
  readonly uncapped: number;
  /** The caps that apply, lowest first; empty when none. */
  readonly caps: ScoreCap[];
  readonly categories: Record<OwaspCategory, CategoryScore>;
}

/** Points of the first finding of a rule, by severity. */
export const SEVERITY_POINTS: Readonly<Record<Severity, number>> = {
  critical: 20,
  high: 10,
  medium: 4,
  low: 1.5,
  info: 0,
};

/** How much a category's deductions weigh in the overall score. */
export const CATEGORY_WEIGHTS: Readonly<Record<OwaspCategory, number>> = {
  API1: 1,
  API2: 1.25,
  API3: 1,
  API4: 0.75,
  API5: 1,
  API6: 0.75,
  API7: 1,
  API8: 0.75,
  API9: 0.5,
  API10: 0.75,
};

/** Each further finding of the same rule costs half the previous one, so a rule costs at most twice its first. */
const DECAY = 0.5;

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
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byRule.get(f.ruleId);
    if (list === undefined) byRule.set(f.ruleId, [f]);
    else list.push(f);
  }
  const raw = Object.fromEntries(OWASP_CATEGORY_IDS.map((c) => [c, 0])) as Record<OwaspCategory, number>;
  const deductions = Object.fromEntries(OWASP_CATEGORY_IDS.map((c) => [c, [] as ScoreDeduction[]])) as Record<
    OwaspCategory,
    ScoreDeduction[]
  >;
  for (const [ruleId, list] of byRule) {
    const sorted = [...list].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
    let cost = 0;
    for (const [k, f] of sorted.entries()) cost += SEVERITY_POINTS[f.severity] * DECAY ** k;
    const category = sorted[0]!.owasp;
    raw[category] += cost;
    if (cost > 0) {
      deductions[category].push({
        ruleId,
        points: Math.round(cost * CATEGORY_WEIGHTS[category] * 10) / 10,
        count: list.length,
      });
    }
  }
  let total = 0;
  const categories = {} as Record<OwaspCategory, CategoryScore>;
  for (const c of OWASP_CATEGORY_IDS) {
    total += raw[c] * CATEGORY_WEIGHTS[c];
    categories[c] = {
      score: Math.max(0, Math.round(100 - 2.5 * raw[c])),
      weight: CATEGORY_WEIGHTS[c],
      deductions: deductions[c].sort((a, b) => b.points - a.points || a.ruleId.localeCompare(b.ruleId)),
    };
  }
  const uncapped = Math.max(0, Math.min(100, Math.round(100 - total)));
  const caps = findCaps(findings, model);
  const score = Math.min(uncapped, ...caps.map((c) => c.max));
  return { score, grade: gradeOf(score), uncapped, caps, categories };
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

function gradeOf(score: number): Grade {
  if (score >= 90) return 'A';
  if (score >= 80) return 'B';
  if (score >= 70) return 'C';
  if (score >= 55) return 'D';
  return 'F';
}
