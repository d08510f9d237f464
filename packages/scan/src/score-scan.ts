import {
  CATEGORY_WEIGHTS,
  type CategoryScore,
  type Confidence,
  type Finding,
  type Grade,
  type PostureScore,
  type ScoreCap,
  type ScoreDeduction,
  SEVERITY_POINTS,
  scoreFindings,
} from '@rampart/core';

/** What one check cost a category. */
export type ScanScoreDeduction = ScoreDeduction;
/** The score of one OWASP category of a host. */
export type ScanCategoryScore = CategoryScore;
/** A cap that held the score down, and why. */
export type ScanScoreCap = ScoreCap;
/** A letter grade: A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 55, F below. */
export type ScanGrade = Grade;
/** The posture score of one scanned host (same shape and formula as the audit's score). */
export type ScanScore = PostureScore;

/** Points of the first finding of a check, by severity (the audit's scale). */
export const SCAN_SEVERITY_POINTS = SEVERITY_POINTS;
/** How much a category's deductions weigh in the overall score (the audit's weights). */
export const SCAN_CATEGORY_WEIGHTS = CATEGORY_WEIGHTS;

/** A tentative finding counts for half: the scanner could not prove it beyond doubt. */
const CONFIDENCE_FACTOR: Readonly<Record<Confidence, number>> = { certain: 1, firm: 1, tentative: 0.5 };

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
  const caps: ScoreCap[] = [];
  const critical = findings.filter((f) => f.severity === 'critical').length;
  const high = findings.filter((f) => f.severity === 'high').length;
  if (critical > 0) caps.push({ max: 40, reason: `${critical} critical finding(s) confirmed` });
  else if (high > 0) caps.push({ max: 60, reason: `${high} high finding(s) confirmed` });
  return scoreFindings(findings, { caps, factor: (f) => CONFIDENCE_FACTOR[f.confidence] });
}
