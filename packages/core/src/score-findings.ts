import type { Finding } from './finding.js';
import { OWASP_CATEGORY_IDS, type OwaspCategory } from './owasp.js';
import { type Severity, severityRank } from './severity.js';

/** What one rule or check cost a category. */
export interface ScoreDeduction {
  readonly ruleId: string;
  /** Points taken from the overall score (after the category weight), rounded to 0.1. */
  readonly points: number;
  /** How many findings of the rule contributed. */
  readonly count: number;
}

/** The score of one OWASP category. */
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

/** A letter grade: A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 55, F below. */
export type Grade = 'A' | 'B' | 'C' | 'D' | 'F';

/** A 0–100 posture score with its per-category breakdown: the shape of audit and scan scores alike. */
export interface PostureScore {
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

export interface ScoreFindingsOptions {
  /** Caps decided by the engine (e.g. open write operations); the score is at most the lowest. */
  readonly caps?: readonly ScoreCap[];
  /** A factor on a finding's points (e.g. ½ for a tentative scan finding); default 1. */
  readonly factor?: (finding: Finding) => number;
}

/**
 * The scoring formula shared by the audit and the scanner:
 *
 * 1. Per rule, findings are sorted most severe first (then by factor); the k-th (0-based) costs
 *    `SEVERITY_POINTS[severity] × factor × 0.5^k`, so one rule costs at most twice its worst finding.
 * 2. The overall score is `100 − Σ CATEGORY_WEIGHTS[category] × ruleCost`, clamped to 0..100.
 * 3. The score is then held at or below every cap given.
 */
export function scoreFindings(
  findings: readonly Finding[],
  options: ScoreFindingsOptions = {},
): PostureScore {
  const factor = options.factor ?? (() => 1);
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
    const sorted = [...list].sort(
      (a, b) => severityRank(b.severity) - severityRank(a.severity) || factor(b) - factor(a),
    );
    let cost = 0;
    for (const [k, f] of sorted.entries()) cost += SEVERITY_POINTS[f.severity] * factor(f) * DECAY ** k;
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
  const caps = [...(options.caps ?? [])].sort((a, b) => a.max - b.max);
  const score = Math.min(uncapped, ...caps.map((c) => c.max));
  return { score, grade: gradeOf(score), uncapped, caps, categories };
}

/** A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 55, F below. */
export function gradeOf(score: number): Grade {
  if (score >= 90) return 'A';
  if (score >= 80) return 'B';
  if (score >= 70) return 'C';
  if (score >= 55) return 'D';
  return 'F';
}
