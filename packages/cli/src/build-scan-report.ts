import { OWASP_CATEGORY_IDS, SEVERITIES } from '@rampart/core';
import type { CategoryScore, EngineError, ReportInput, SubjectScore } from '@rampart/reporters';
import type { HostScanOutcome, ScanCheck, ScanScore } from '@rampart/scan';

/** A scanned host as the report names it. */
export interface ScannedHost {
  readonly outcome: HostScanOutcome;
  /** The description's title and version, or those of the model learned from a HAR file. */
  readonly title: string;
  readonly specVersion: string;
  /** Where the model came from: a description path or URL, or `learned from <file>`. */
  readonly modelSource: string;
}

/** What the scan run was, for the report's summary. */
export interface BuildScanReportOptions {
  readonly checks: readonly ScanCheck[];
  readonly toolVersion: string;
  readonly scanId: string;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly readOnly: boolean;
  readonly destructive: boolean;
  readonly requestsPerSecond: number;
  readonly failOn: string;
  /** Describes a host that could not be scanned (the error's message). */
  readonly describeError: (error: unknown) => string;
}

/** Findings of one host counted by severity, most severe first (`critical` … `info`). */
export function countBySeverity(outcome: HostScanOutcome): Record<string, number> {
  const counts = Object.fromEntries([...SEVERITIES].reverse().map((s) => [s, 0])) as Record<string, number>;
  if (outcome.ok) for (const f of outcome.result.findings) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
  return counts;
}

/**
 * Builds the reporters' `ReportInput` from a scan of several hosts: one `target` subject per host, every
 * check that ran as a rule, the findings of every host, one posture score per scanned host, engine errors
 * (checks that threw or ran out of budget, hosts that could not be scanned) with their host, and a summary
 * with the scan id, the safety settings and per-host statistics (requests, time, preflight, scope refusals,
 * cleanup, coverage warnings, each check's requests and time).
 */
export function buildScanReport(hosts: readonly ScannedHost[], options: BuildScanReportOptions): ReportInput {
  const engineErrors: EngineError[] = [];
  for (const { outcome } of hosts) {
    if (!outcome.ok) {
      engineErrors.push({
        subject: outcome.target,
        message: `not scanned: ${options.describeError(outcome.error)}`,
      });
      continue;
    }
    for (const e of outcome.result.engineErrors) {
      const check = /^check (.+)$/.exec(e.phase)?.[1];
      engineErrors.push({
        ...(check ? { ruleId: check } : {}),
        subject: outcome.target,
        message: `${check ? '' : `${e.phase}: `}${e.message} (${e.code})`,
      });
    }
  }
  return {
    tool: { name: 'rampart', version: options.toolVersion },
    subjects: hosts.map((h) => ({
      kind: 'target',
      name: h.outcome.target,
      title: h.title,
      specVersion: h.specVersion,
    })),
    rules: options.checks.map((c) => ({
      id: c.id,
      title: c.title,
      severity: c.severity,
      owasp: c.owasp,
      cwe: c.cwe,
      description: c.description,
      remediation: c.remediation,
      source: 'scan',
    })),
    findings: hosts.flatMap(({ outcome }) => (outcome.ok ? outcome.result.findings : [])),
    scores: hosts.flatMap(({ outcome }) =>
      outcome.ok ? [toSubjectScore(outcome.target, outcome.score)] : [],
    ),
    engineErrors,
    startedAt: options.startedAt.toISOString(),
    finishedAt: options.finishedAt.toISOString(),
    summary: {
      scanId: options.scanId,
      readOnly: options.readOnly,
      destructive: options.destructive,
      requestsPerSecond: options.requestsPerSecond,
      failOn: options.failOn,
      hosts: hosts.map(({ outcome, modelSource }) =>
        outcome.ok
          ? {
              target: outcome.target,
              model: modelSource,
              score: outcome.score.score,
              grade: outcome.score.grade,
              scoreCaps: outcome.score.caps,
              findings: countBySeverity(outcome),
              requests: outcome.result.requests,
              durationMs: outcome.result.durationMs,
              preflight: outcome.result.preflight,
              outOfScopeRefused: outcome.result.scope.refused,
              cleanup: outcome.result.cleanup,
              warnings: outcome.result.warnings,
              checks: outcome.result.checks,
            }
          : {
              target: outcome.target,
              model: modelSource,
              error: options.describeError(outcome.error),
              durationMs: outcome.durationMs,
            },
      ),
    },
  };
}

/** The scan's score in the reporters' shape (caps have no field there; the summary lists them). */
function toSubjectScore(subject: string, score: ScanScore): SubjectScore {
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
