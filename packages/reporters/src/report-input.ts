import type { Finding, FindingSource, OwaspCategory, Severity } from '@rampart/core';

/** The program that produced a report. */
export interface ReportTool {
  readonly name: string;
  /** Semantic version, e.g. `0.1.0`. */
  readonly version: string;
  /** Where users learn about the tool (shown in SARIF `tool.driver.informationUri`). */
  readonly informationUri?: string;
}

/** One thing that was assessed: an API description (audit) or a running target (scan). */
export interface ReportSubject {
  readonly kind: 'document' | 'target';
  /** The document path or URL as the user gave it, or the target origin (`https://api.example.com`). */
  readonly name: string;
  /** The description's version, e.g. `3.1.0` or `2.0`. */
  readonly specVersion?: string;
  /** The description's `info.title`. */
  readonly title?: string;
}

/** A rule or check that ran, whether or not it found anything. */
export interface ReportRule {
  /** Stable kebab-case id, the same as `Finding.ruleId`. */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly owasp: OwaspCategory;
  /** CWE number, e.g. 639. */
  readonly cwe: number;
  /** What the rule looks for and why it matters. */
  readonly description: string;
  /** What to change to satisfy it. */
  readonly remediation: string;
  /** A page that documents the rule (absolute http(s) URL). */
  readonly helpUri?: string;
  /**
   * The engine the rule belongs to. When given, JUnit lists the rule's passing case only for subjects of the
   * matching kind (audit → documents, scan → targets) in reports that have no `checked` list.
   */
  readonly source?: FindingSource;
}

/** Points a rule cost in one category of a score. */
export interface ScoreDeduction {
  readonly ruleId: string;
  readonly points: number;
  /** How many findings of the rule made up the deduction. */
  readonly count: number;
}

/** The score of one OWASP category. */
export interface CategoryScore {
  /** 0-100. */
  readonly score: number;
  readonly deductions: readonly ScoreDeduction[];
}

/** A 0-100 score for one subject with a per-OWASP-category breakdown. */
export interface SubjectScore {
  /** The `ReportSubject.name` it scores. */
  readonly subject: string;
  /** 0-100. */
  readonly score: number;
  /** A letter grade, e.g. `B`. */
  readonly grade?: string;
  readonly categories: Partial<Record<OwaspCategory, CategoryScore>>;
}

/** A failure of the engine itself (a rule that threw). Reported, never silently dropped. */
export interface EngineError {
  readonly ruleId?: string;
  readonly subject?: string;
  readonly message: string;
}

/** One (rule, subject, operation) combination that was checked, so passing cases can be listed. */
export interface CheckedCase {
  readonly ruleId: string;
  readonly subject: string;
  /** `METHOD /path`, e.g. `GET /users/{id}`; absent for document-wide rules. */
  readonly operation?: string;
}

/** Everything a reporter needs. The audit and scan engines produce it through the CLI. */
export interface ReportInput {
  readonly tool: ReportTool;
  /** What was assessed: documents (for audit) and/or targets (for scan). */
  readonly subjects: readonly ReportSubject[];
  /** Every rule/check that ran (so SARIF `rules` and JUnit passing cases exist even with no findings). */
  readonly rules: readonly ReportRule[];
  readonly findings: readonly Finding[];
  /** Optional 0-100 score per subject with a per-OWASP-category breakdown and what cost points. */
  readonly scores?: readonly SubjectScore[];
  /** Failures of the engine itself (a rule that threw): never silently dropped. */
  readonly engineErrors?: readonly EngineError[];
  /** For JUnit: which (ruleId, operation) pairs were checked, so passing cases are listed. */
  readonly checked?: readonly CheckedCase[];
  /** ISO 8601 timestamps of the run. */
  readonly startedAt: string;
  readonly finishedAt: string;
  /** Free-form, engine-specific statistics (operations audited, requests sent, …); JSON-serializable. */
  readonly summary?: Readonly<Record<string, unknown>>;
}
