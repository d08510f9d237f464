import { describeOwaspCategory, type FindingLocation, type HttpExchange, type Severity } from '@rampart/core';
import { cweReferenceUrl } from './cwe-reference-url.js';
import { directoryUri } from './directory-uri.js';
import { owaspReferenceUrl } from './owasp-reference-url.js';
import { describeOperation, type PreparedFinding, prepareReport } from './prepare-report.js';
import type { ReportInput, ReportRule, ReportSubject } from './report-input.js';
import type { RenderOptions } from './render-options.js';
import { targetUri } from './target-uri.js';
import { SRCROOT, toArtifactLocation } from './to-artifact-location.js';

/** The `$schema` written into SARIF logs (the one GitHub's documentation uses). */
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** The key under which `Finding.fingerprint` is published in `result.partialFingerprints`. */
export const SARIF_FINGERPRINT_KEY = 'rampartFingerprint/v1';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/**
 * GitHub code scanning maps `security-severity` to its own levels: > 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium,
 * 0.1–3.9 low. Info findings get 0.0 (no security severity) and show by `level` only.
 */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

type Json = Record<string, unknown>;

/**
 * A SARIF 2.1.0 log (one run) that validates against the OASIS schema and that GitHub code scanning accepts:
 * rules with descriptions, markdown help, OWASP and CWE tags and `security-severity`; results with level,
 * location (document region relative to `%SRCROOT%`, or the target URL for active findings), the operation as a
 * logical location, related locations, the first HTTP exchange as `webRequest`/`webResponse` and
 * `partialFingerprints` from `Finding.fingerprint`; engine errors as tool execution notifications.
 */
export function renderSarif(input: ReportInput, options: RenderOptions = {}): string {
  const report = prepareReport(input);
  const baseDir = options.baseDir ?? process.cwd();
  const ruleIndex = new Map(report.rules.map((r, i) => [r.id, i]));
  const subjects = new Map(report.subjects.map((s) => [s.name, s]));

  const notifications = report.engineErrors.map((e) => {
    const index = e.ruleId === undefined ? undefined : ruleIndex.get(e.ruleId);
    return {
      level: 'error',
      message: { text: String(e.message) },
      ...(e.ruleId === undefined
        ? {}
        : { associatedRule: { id: e.ruleId, ...(index === undefined ? {} : { index }) } }),
      ...(e.subject === undefined ? {} : { properties: { subject: e.subject } }),
    };
  });

  const invocation: Json = {
    executionSuccessful: report.engineErrors.length === 0,
    ...timestamp('startTimeUtc', input.startedAt),
    ...timestamp('endTimeUtc', input.finishedAt),
    ...(notifications.length === 0 ? {} : { toolExecutionNotifications: notifications }),
  };

  const tool = input.tool;
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            ...(/^\d+\.\d+\.\d+/.test(tool.version) ? { semanticVersion: tool.version } : {}),
            ...(tool.informationUri === undefined ? {} : { informationUri: tool.informationUri }),
            rules: report.rules.map(sarifRule),
          },
        },
        invocations: [invocation],
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(baseDir) } },
        columnKind: 'utf16CodeUnits',
        results: report.findings.map((f) =>
          sarifResult(
            f,
            ruleIndex.get(f.finding.ruleId) ?? 0,
            f.subject === undefined ? undefined : subjects.get(f.subject),
            baseDir,
          ),
        ),
        properties: {
          subjects: report.subjects,
          ...(input.scores === undefined ? {} : { scores: input.scores }),
          ...(input.summary === undefined ? {} : { summary: input.summary }),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function timestamp(key: string, iso: string): Json {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? {} : { [key]: new Date(t).toISOString() };
}

/** `write-operation-without-security` → `WriteOperationWithoutSecurity` (SARIF's "report-friendly" name). */
function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]?.toUpperCase() + w.slice(1))
    .join('');
}

function sarifRule(rule: ReportRule): Json {
  const owasp = describeOwaspCategory(rule.owasp);
  const markdown = [
    `**${rule.title}**`,
    '',
    rule.description,
    '',
    `**Remediation:** ${rule.remediation}`,
    '',
    '| | |',
    '|---|---|',
    `| Severity | ${rule.severity} |`,
    `| OWASP API Security Top 10 | [${owasp}](${owaspReferenceUrl(rule.owasp)}) |`,
    `| CWE | [CWE-${rule.cwe}](${cweReferenceUrl(rule.cwe)}) |`,
    ...(rule.helpUri === undefined ? [] : ['', `[Rule documentation](${rule.helpUri})`]),
  ].join('\n');
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: { text: `${rule.description}\n\nRemediation: ${rule.remediation}`, markdown },
    ...(rule.helpUri === undefined ? {} : { helpUri: rule.helpUri }),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: ['security', `OWASP-${rule.owasp}:2023`, `CWE-${rule.cwe}`, `external/cwe/cwe-${rule.cwe}`],
      'security-severity': SECURITY_SEVERITY[rule.severity],
      severity: rule.severity,
      owasp,
      cwe: rule.cwe,
    },
  };
}

/** A SARIF `location` for a finding location, or undefined when it names neither a document nor a target. */
function sarifLocation(
  location: FindingLocation,
  baseDir: string,
  fallback: ReportSubject | undefined,
): Json | undefined {
  const operation = describeOperation(location);
  const logical =
    operation === undefined
      ? {}
      : {
          logicalLocations: [
            {
              name: operation,
              fullyQualifiedName: location.operationId ?? operation,
              kind: 'function',
            },
          ],
        };
  const doc = location.document;
  let physical: Json | undefined;
  if (doc !== undefined) {
    const region: Json = {};
    if (doc.line !== undefined && doc.line >= 1) region['startLine'] = doc.line;
    if (doc.line !== undefined && doc.line >= 1 && doc.column !== undefined && doc.column >= 1)
      region['startColumn'] = doc.column;
    physical = {
      artifactLocation: toArtifactLocation(doc.file, baseDir),
      ...(Object.keys(region).length === 0 ? {} : { region }),
    };
  } else if (location.target !== undefined) {
    physical = { artifactLocation: { uri: targetUri(location.target, location.path) } };
  } else if (fallback !== undefined) {
    physical = {
      artifactLocation:
        fallback.kind === 'document'
          ? toArtifactLocation(fallback.name, baseDir)
          : { uri: targetUri(fallback.name, location.path) },
    };
  }
  if (physical === undefined && operation === undefined) return undefined;
  return {
    ...(physical === undefined ? {} : { physicalLocation: physical }),
    ...logical,
    ...(doc?.pointer === undefined ? {} : { properties: { jsonPointer: doc.pointer } }),
  };
}

function webRequest(exchange: HttpExchange): Json {
  const r = exchange.request;
  return {
    protocol: 'HTTP',
    target: r.url,
    method: r.method,
    headers: r.headers,
    ...(r.body === undefined ? {} : { body: { text: r.body } }),
  };
}

function webResponse(exchange: HttpExchange): Json | undefined {
  const r = exchange.response;
  if (r === undefined) return { noResponseReceived: true };
  return {
    protocol: 'HTTP',
    statusCode: r.status,
    headers: r.headers,
    ...(r.body === undefined ? {} : { body: { text: r.body } }),
  };
}

function sarifResult(
  prepared: PreparedFinding,
  ruleIndex: number,
  subject: ReportSubject | undefined,
  baseDir: string,
): Json {
  const f = prepared.finding;
  const location = sarifLocation(f.location, baseDir, subject);
  const related = (f.relatedLocations ?? []).flatMap((rl, i) => {
    const loc = sarifLocation(rl, baseDir, undefined);
    if (loc === undefined) return [];
    const label = [rl.document === undefined ? undefined : rl.document.file, describeOperation(rl)]
      .filter(Boolean)
      .join(' ');
    return [{ id: i + 1, ...loc, message: { text: `Same cause: ${label}` } }];
  });
  const first = f.evidence?.exchanges?.[0];
  return {
    ruleId: f.ruleId,
    ruleIndex,
    kind: 'fail',
    level: LEVEL[f.severity],
    message: { text: f.message },
    ...(location === undefined ? {} : { locations: [location] }),
    ...(related.length === 0 ? {} : { relatedLocations: related }),
    partialFingerprints: { [SARIF_FINGERPRINT_KEY]: f.fingerprint },
    ...(first === undefined ? {} : { webRequest: webRequest(first), webResponse: webResponse(first) }),
    properties: {
      title: f.title,
      severity: f.severity,
      confidence: f.confidence,
      source: f.source,
      owasp: f.owasp,
      cwe: f.cwe,
      remediation: f.remediation,
      ...(prepared.subject === undefined ? {} : { subject: prepared.subject }),
      ...(f.location.target === undefined ? {} : { target: f.location.target }),
      tags: ['security', `OWASP-${f.owasp}:2023`, `CWE-${f.cwe}`, ...(f.tags ?? [])],
      ...(f.evidence === undefined ? {} : { evidence: f.evidence }),
    },
  };
}
