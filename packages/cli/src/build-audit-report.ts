import type {
  AuditScore,
  EngineError as AuditEngineError,
  RuleMeta,
  SuppressedFinding,
} from '@rampart/audit';
import { type Finding, formatLocation, OWASP_CATEGORY_IDS, type Severity } from '@rampart/core';
import type { CategoryScore, EngineError, ReportInput, SubjectScore } from '@rampart/reporters';

/** What the audit of one document left for the report (the model itself is dropped as soon as possible). */
export interface AuditedDocument {
  /** The document as the loader named it; the subject name findings are attributed by. */
  readonly name: string;
  readonly title: string;
  /** As written, e.g. `3.0.3` or `2.0`. */
  readonly specVersion: string;
  readonly operations: number;
  /** Findings that count: not suppressed, not accepted by the baseline. */
  readonly findings: readonly Finding[];
  /** Findings the baseline accepts. */
  readonly accepted: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
  readonly engineErrors: readonly AuditEngineError[];
  /** Score of `findings` (accepted and suppressed findings are the user's accepted risk). */
  readonly score: AuditScore;
  /** What the rules checked (see `listAuditChecks`); absent when not recorded. */
  readonly checks?: readonly DocumentCheck[];
}

/** One rule's checks on a document: one per operation, or one for the whole document when `operations` is absent. */
export interface DocumentCheck {
  readonly ruleId: string;
  /** `METHOD /path` of each operation checked. */
  readonly operations?: readonly string[];
}

/** A document that could not be loaded, so was not audited. */
export interface UnauditedDocument {
  readonly name: string;
  /** The loader's message, with its `file:line:col` when it has one. */
  readonly message: string;
}

export interface BuildAuditReportOptions {
  /** The rules that ran (the same for every document); only their metadata is read. */
  readonly rules: readonly RuleMeta[];
  /** Severity overrides from `audit.rules.severity`, so the rule list shows the severity findings got. */
  readonly severityOverrides?: Readonly<Record<string, Severity>>;
  readonly toolVersion: string;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly unaudited?: readonly UnauditedDocument[];
  /** The baseline file applied, and how many of its entries no finding matched any more. */
  readonly baseline?: { readonly file: string; readonly stale: number };
  /** The thresholds of the run, recorded in the report's summary. */
  readonly failOn?: string;
  readonly minScore?: number;
}

/**
 * Builds the reporters' `ReportInput` from the audit of every document: one subject per audited document, every
 * rule that ran (with its effective severity), the findings that count, one score per document, engine errors
 * (rules that threw, and documents that could not be loaded) with the subject they concern, and timestamps.
 * `summary` carries what the formats have no field for: counts of accepted (baselined) and suppressed findings,
 * the suppressed findings themselves with their reasons, stale baseline entries, the caps that held a score
 * down, and the thresholds.
 *
 * No `checked` list: the (rule, operation) pairs are for JUnit only (tens of thousands on a large description,
 * too many for every format); `listAuditChecks` makes them, and the command adds them to JUnit's input.
 */
export function buildAuditReport(
  documents: readonly AuditedDocument[],
  options: BuildAuditReportOptions,
): ReportInput {
  const overrides = options.severityOverrides ?? {};
  const engineErrors: EngineError[] = [];
  for (const d of documents) {
    for (const e of d.engineErrors)
      engineErrors.push({ ruleId: e.ruleId, subject: d.name, message: e.message });
  }
  for (const u of options.unaudited ?? []) {
    engineErrors.push({ subject: u.name, message: `not audited: ${u.message}` });
  }
  const suppressed = documents.flatMap((d) =>
    d.suppressed.map(({ finding, reason }) => ({
      subject: d.name,
      ruleId: finding.ruleId,
      severity: finding.severity,
      message: finding.message,
      ...(finding.location.document === undefined
        ? {}
        : { location: formatLocation(finding.location.document) }),
      reason,
      fingerprint: finding.fingerprint,
    })),
  );
  const accepted = documents.reduce((n, d) => n + d.accepted.length, 0);
  return {
    tool: { name: 'rampart', version: options.toolVersion },
    subjects: documents.map((d) => ({
      kind: 'document',
      name: d.name,
      specVersion: d.specVersion,
      title: d.title,
    })),
    rules: options.rules.map((r) => ({
      id: r.id,
      title: r.title,
      severity: overrides[r.id] ?? r.severity,
      owasp: r.owasp,
      cwe: r.cwe,
      description: r.description,
      remediation: r.remediation,
      source: 'audit',
    })),
    findings: documents.flatMap((d) => d.findings),
    scores: documents.map((d) => toSubjectScore(d.name, d.score)),
    engineErrors,
    startedAt: options.startedAt.toISOString(),
    finishedAt: options.finishedAt.toISOString(),
    summary: {
      documents: documents.length,
      documentsNotAudited: options.unaudited?.length ?? 0,
      operations: documents.reduce((n, d) => n + d.operations, 0),
      accepted,
      ...(options.baseline === undefined
        ? {}
        : { baseline: options.baseline.file, staleBaselineEntries: options.baseline.stale }),
      scoreCaps: Object.fromEntries(
        documents.filter((d) => d.score.caps.length > 0).map((d) => [d.name, d.score.caps]),
      ),
      suppressedCount: suppressed.length,
      suppressed,
      ...(options.failOn === undefined ? {} : { failOn: options.failOn }),
      ...(options.minScore === undefined ? {} : { minScore: options.minScore }),
    },
  };
}

/** The audit's score in the reporters' shape (caps have no field there; the summary lists them). */
function toSubjectScore(subject: string, score: AuditScore): SubjectScore {
  const categories: Partial<Record<(typeof OWASP_CATEGORY_IDS)[number], CategoryScore>> = {};
  for (const id of OWASP_CATEGORY_IDS) {
    const category = score.categories[id];
    categories[id] = {
      score: category.score,
      deductions: category.deductions.map((d) => ({ ruleId: d.ruleId, points: d.points, count: d.count })),
    };
  }
  return { subject, score: score.score, grade: score.grade, categories };
}
