import {
  type Finding,
  type FindingLocation,
  OWASP_CATEGORY_IDS,
  type OwaspCategory,
  SEVERITIES,
  type Severity,
} from '@rampart/core';
import { compareFindings } from './compare-findings.js';
import type { EngineError, ReportInput, ReportRule, ReportSubject } from './report-input.js';
import { sanitizeFinding } from './sanitize-finding.js';

/** A finding with what every format needs next to it. */
export interface PreparedFinding {
  /** Sanitized (re-redacted) copy of the input finding. */
  readonly finding: Finding;
  /** The `ReportSubject.name` the finding belongs to, when it can be told. */
  readonly subject: string | undefined;
  /** `METHOD /path` of the operation concerned, when known. */
  readonly operation: string | undefined;
  /** The rule that produced it (synthesized from the finding when the input did not list the rule). */
  readonly rule: ReportRule;
}

/** The input made deterministic and safe once, then rendered by each format. */
export interface PreparedReport {
  readonly input: ReportInput;
  /** Sorted by `compareFindings`. */
  readonly findings: readonly PreparedFinding[];
  /** Every rule, sorted by id: the input's rules plus any a finding names that the input did not list. */
  readonly rules: readonly ReportRule[];
  readonly subjects: readonly ReportSubject[];
  readonly bySeverity: Readonly<Record<Severity, number>>;
  readonly byOwasp: Readonly<Record<OwaspCategory, number>>;
  readonly engineErrors: readonly EngineError[];
  /** finishedAt − startedAt in milliseconds, when both parse. */
  readonly durationMs: number | undefined;
}

/** Sanitizes, sorts, attributes and counts the input once for all formats. */
export function prepareReport(input: ReportInput): PreparedReport {
  const rulesById = new Map<string, ReportRule>();
  for (const rule of input.rules) rulesById.set(rule.id, rule);

  const findings = input.findings
    .map(sanitizeFinding)
    .sort(compareFindings)
    .map((finding): PreparedFinding => {
      let rule = rulesById.get(finding.ruleId);
      if (rule === undefined) {
        rule = ruleFromFinding(finding);
        rulesById.set(rule.id, rule);
      }
      return {
        finding,
        subject: attributeSubject(finding, input.subjects),
        operation: describeOperation(finding.location),
        rule,
      };
    });

  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byOwasp = Object.fromEntries(OWASP_CATEGORY_IDS.map((c) => [c, 0])) as Record<OwaspCategory, number>;
  for (const { finding } of findings) {
    bySeverity[finding.severity] += 1;
    byOwasp[finding.owasp] += 1;
  }

  const started = Date.parse(input.startedAt);
  const finished = Date.parse(input.finishedAt);
  return {
    input,
    findings,
    rules: [...rulesById.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    subjects: input.subjects,
    bySeverity,
    byOwasp,
    engineErrors: input.engineErrors ?? [],
    durationMs: Number.isNaN(started) || Number.isNaN(finished) ? undefined : Math.max(0, finished - started),
  };
}

/** `GET /users/{id}` when both method and path are known; the path alone otherwise. */
export function describeOperation(location: FindingLocation): string | undefined {
  if (location.path === undefined) return location.method;
  return location.method === undefined ? location.path : `${location.method.toUpperCase()} ${location.path}`;
}

function ruleFromFinding(finding: Finding): ReportRule {
  return {
    id: finding.ruleId,
    title: finding.title,
    severity: finding.severity,
    owasp: finding.owasp,
    cwe: finding.cwe,
    description: finding.title,
    remediation: finding.remediation,
    source: finding.source,
  };
}

/**
 * Which subject a finding belongs to: the document or target it names; otherwise the only subject of its kind
 * (audit → document, scan → target), or the only subject at all. Findings in a `$ref`-erenced file of a
 * single-document audit land on that document this way.
 */
function attributeSubject(finding: Finding, subjects: readonly ReportSubject[]): string | undefined {
  const file = finding.location.document?.file;
  const target = finding.location.target;
  for (const s of subjects) {
    if (s.kind === 'document' && file !== undefined && s.name === file) return s.name;
    if (s.kind === 'target' && target !== undefined && trimSlash(s.name) === trimSlash(target)) return s.name;
  }
  const kind = finding.source === 'audit' ? 'document' : 'target';
  const sameKind = subjects.filter((s) => s.kind === kind);
  if (sameKind.length === 1) return sameKind[0]?.name;
  return subjects.length === 1 ? subjects[0]?.name : undefined;
}

function trimSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}
