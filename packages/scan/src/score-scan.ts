import {
  type Confidence,
  type Finding,
  OWASP_CATEGORY_IDS,
  type OwaspCategory,
  type Severity,
  severityRank,
} from '@rampart/core';

/** What one check cost a category. */
export interface ScanScoreDeduction {
  readonly ruleId: string;
  /** Points taken from the overall score (after the category weight), rounded to 0.1. */
  readonly points: number;
  /** How many findings of the check contributed. */
  readonly count: number;
}

/** The score of one OWASP category of a host. */
export interface ScanCategoryScore {
  /** 0..100 for this category alone: 100 − 2.5 × its unweighted deductions. */
  readonly score: number;
  readonly weight: number;
  readonly deductions: ScanScoreDeduction[];
}

/** A cap that held the score down, and why. */
export interface ScanScoreCap {
  readonly max: number;
  readonly reason: string;
}

/** A letter grade: A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 55, F below. */
export type ScanGrade = 'A' | 'B' | 'C' | 'D' | 'F';

/** The posture score of one scanned host (same shape as the audit's score). */
export interface ScanScore {
  /** 0..100, integer. */
  readonly score: number;
  readonly grade: ScanGrade;
  /** The score before caps (integer). */
  readonly uncapped: number;
  /** The caps that apply, lowest first; empty when none. */
  readonly caps: ScanScoreCap[];
  readonly categories: Record<OwaspCategory, ScanCategoryScore>;
}

/** Points of the first finding of a check, by severity (the audit's scale). */
export const SCAN_SEVERITY_POINTS: Readonly<Record<Severity, number>> = {
  critical: 20,
  high: 10,
  medium: 4,
  low: 1.5,
  info: 0,
};

/** A tentative finding counts for half: the scanner could not prove it beyond doubt. */
const CONFIDENCE_FACTOR: Readonly<Record<Confidence, number>> = { certain: 1, firm: 1, tentative: 0.5 };

/** How much a category's deductions weigh in the overall score (the audit's weights). */
export const SCAN_CATEGORY_WEIGHTS: Readonly<Record<OwaspCategory, number>> = {
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

/** Each further finding of the same check costs half the previous one: a check costs at most twice its first. */
const DECAY = 0.5;

/**
 * Scores one scanned host from 0 to 100, in the spirit of the audit's score (`scoreAudit`):
 *
 * 1. Per check, findings are sorted most severe first; the k-th (0-based) costs
 *    `SCAN_SEVERITY_POINTS[severity] × 0.5^k`, halved for a tentative finding. Diminishing returns: twenty
 *    endpoints without a security header cost 3 points, not 30.
 * 2. The overall score is `100 − Σ categoryWeight × checkCost`, clamped to 0..100.
 * 3. Caps, stricter than the audit's because a scan finding was exploited, not inferred: any critical finding
 *    → at most 40; any high finding → at most 60 (D). A host cannot make up for a working BOLA with headers.
 * 4. Grades: A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 55, F below.
 */
export function scoreScan(findings: readonly Finding[]): ScanScore {
  const byCheck = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byCheck.get(f.ruleId);
    if (list === undefined) byCheck.set(f.ruleId, [f]);
    else list.push(f);
  }
  const raw = Object.fromEntries(OWASP_CATEGORY_IDS.map((c) => [c, 0])) as Record<OwaspCategory, number>;
  const deductions = Object.fromEntries(
    OWASP_CATEGORY_IDS.map((c) => [c, [] as ScanScoreDeduction[]]),
  ) as Record<OwaspCategory, ScanScoreDeduction[]>;
  for (const [ruleId, list] of byCheck) {
    const sorted = [...list].sort(
      (a, b) =>
        severityRank(b.severity) - severityRank(a.severity) ||
        CONFIDENCE_FACTOR[b.confidence] - CONFIDENCE_FACTOR[a.confidence],
    );
    let cost = 0;
    for (const [k, f] of sorted.entries()) {
      cost += SCAN_SEVERITY_POINTS[f.severity] * CONFIDENCE_FACTOR[f.confidence] * DECAY ** k;
    }
    const category = (sorted[0] as Finding).owasp;
    raw[category] += cost;
    if (cost > 0) {
      deductions[category].push({
        ruleId,
        points: Math.round(cost * SCAN_CATEGORY_WEIGHTS[category] * 10) / 10,
        count: list.length,
      });
    }
  }
  let total = 0;
  const categories = {} as Record<OwaspCategory, ScanCategoryScore>;
  for (const c of OWASP_CATEGORY_IDS) {
    total += raw[c] * SCAN_CATEGORY_WEIGHTS[c];
    categories[c] = {
      score: Math.max(0, Math.round(100 - 2.5 * raw[c])),
      weight: SCAN_CATEGORY_WEIGHTS[c],
      deductions: deductions[c].sort((a, b) => b.points - a.points || a.ruleId.localeCompare(b.ruleId)),
    };
  }
  const uncapped = Math.max(0, Math.min(100, Math.round(100 - total)));
  const caps: ScanScoreCap[] = [];
  const critical = findings.filter((f) => f.severity === 'critical').length;
  const high = findings.filter((f) => f.severity === 'high').length;
  if (critical > 0) caps.push({ max: 40, reason: `${critical} critical finding(s) confirmed` });
  else if (high > 0) caps.push({ max: 60, reason: `${high} high finding(s) confirmed` });
  const score = Math.min(uncapped, ...caps.map((c) => c.max));
  return { score, grade: gradeOf(score), uncapped, caps, categories };
}

function gradeOf(score: number): ScanGrade {
  if (score >= 90) return 'A';
  if (score >= 80) return 'B';
  if (score >= 70) return 'C';
  if (score >= 55) return 'D';
  return 'F';
}
