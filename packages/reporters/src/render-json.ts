import { OWASP_CATEGORY_IDS, SEVERITIES } from '@rampart/core';
import { prepareReport } from './prepare-report.js';
import type { CategoryScore, ReportInput } from './report-input.js';
import type { RenderOptions } from './render-options.js';

/** Version of the JSON report format (semver: a new major for breaking changes, minor for additions). */
export const JSON_REPORT_SCHEMA_VERSION = '1.0.0';

/**
 * The `$id` of the report's JSON Schema (`docs/schema/report.schema.json`), written as `$schema` in every
 * report. A URN rather than a web address until the project publishes the schema at a URL it controls.
 */
export const JSON_REPORT_SCHEMA_ID = 'urn:rampart:schema:report:1.0.0';

/**
 * The machine-readable report (documented in `docs/report-schema.md`, schema in
 * `docs/schema/report.schema.json`): every subject, rule, finding (sanitized, in report order, with the subject
 * it belongs to), score, engine error and check, plus totals by severity and OWASP category. Key order and
 * array order are fixed, so two runs over the same input differ only in their timestamps.
 */
export function renderJson(input: ReportInput, _options: RenderOptions = {}): string {
  const report = prepareReport(input);
  const tool = input.tool;
  const most = [...SEVERITIES].reverse();
  const doc = {
    $schema: JSON_REPORT_SCHEMA_ID,
    schemaVersion: JSON_REPORT_SCHEMA_VERSION,
    tool: {
      name: tool.name,
      version: tool.version,
      ...(tool.informationUri === undefined ? {} : { informationUri: tool.informationUri }),
    },
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    ...(report.durationMs === undefined ? {} : { durationMs: report.durationMs }),
    subjects: report.subjects.map((s) => ({
      kind: s.kind,
      name: s.name,
      ...(s.specVersion === undefined ? {} : { specVersion: s.specVersion }),
      ...(s.title === undefined ? {} : { title: s.title }),
    })),
    totals: {
      subjects: report.subjects.length,
      rules: report.rules.length,
      findings: report.findings.length,
      engineErrors: report.engineErrors.length,
      checks: input.checked?.length ?? 0,
      bySeverity: Object.fromEntries(most.map((s) => [s, report.bySeverity[s]])),
      byOwasp: Object.fromEntries(OWASP_CATEGORY_IDS.map((c) => [c, report.byOwasp[c]])),
    },
    scores: (input.scores ?? []).map((s) => ({
      subject: s.subject,
      score: s.score,
      ...(s.grade === undefined ? {} : { grade: s.grade }),
      categories: Object.fromEntries(
        OWASP_CATEGORY_IDS.flatMap((c) => {
          const cat: CategoryScore | undefined = s.categories[c];
          return cat === undefined
            ? []
            : [
                [
                  c,
                  {
                    score: cat.score,
                    deductions: cat.deductions.map((d) => ({
                      ruleId: d.ruleId,
                      points: d.points,
                      count: d.count,
                    })),
                  },
                ],
              ];
        }),
      ),
    })),
    rules: report.rules.map((r) => ({
      id: r.id,
      title: r.title,
      severity: r.severity,
      owasp: r.owasp,
      cwe: r.cwe,
      description: r.description,
      remediation: r.remediation,
      ...(r.helpUri === undefined ? {} : { helpUri: r.helpUri }),
      ...(r.source === undefined ? {} : { source: r.source }),
    })),
    findings: report.findings.map((f) => ({
      ...f.finding,
      ...(f.subject === undefined ? {} : { subject: f.subject }),
    })),
    engineErrors: report.engineErrors.map((e) => ({
      ...(e.ruleId === undefined ? {} : { ruleId: e.ruleId }),
      ...(e.subject === undefined ? {} : { subject: e.subject }),
      message: String(e.message),
    })),
    checked: (input.checked ?? []).map((c) => ({
      ruleId: c.ruleId,
      subject: c.subject,
      ...(c.operation === undefined ? {} : { operation: c.operation }),
    })),
    summary: input.summary ?? {},
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
