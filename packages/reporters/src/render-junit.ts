import { compareSeverityDesc, describeOwaspCategory, type Finding, formatLocation } from '@rampart/core';
import { escapeXml } from './escape-xml.js';
import { type PreparedFinding, prepareReport } from './prepare-report.js';
import type { EngineError, ReportInput } from './report-input.js';
import type { RenderOptions } from './render-options.js';

const UNATTRIBUTED = '(unattributed)';
const MAX_MESSAGE = 500;
/** Longest body kept in a failure's details; CI pages render the whole text, so bodies are clipped. */
const MAX_BODY = 4000;

interface Case {
  readonly ruleId: string;
  readonly operation: string | undefined;
  readonly category: string;
  readonly findings: PreparedFinding[];
  readonly error?: EngineError;
}

/**
 * JUnit XML for CI test views (GitLab, Jenkins, Azure DevOps, GitHub test-report actions).
 *
 * One `<testsuite>` per subject: a CI run usually assesses one or a few API descriptions or targets, and the
 * question a reviewer asks first is "which API failed". The OWASP category goes into `classname`
 * (`<subject>.<APIn>`), which Jenkins turns into a package/class tree and GitLab shows as a column, so the
 * category view is there too. One `<testcase>` per rule per operation: from `checked` when given (passing cases
 * listed), otherwise one per rule that ran (passing) or per rule and operation that failed. Findings of one case
 * share one `<failure>` (message of the most severe, details of all). Engine errors are `<error>` cases.
 */
export function renderJunit(input: ReportInput, _options: RenderOptions = {}): string {
  const report = prepareReport(input);
  const categoryOf = new Map(report.rules.map((r) => [r.id, r.owasp as string]));

  const suites = new Map<string, Map<string, Case>>();
  const suite = (name: string) => {
    let s = suites.get(name);
    if (s === undefined) {
      s = new Map();
      suites.set(name, s);
    }
    return s;
  };
  const addCase = (subject: string, ruleId: string, operation: string | undefined) => {
    const cases = suite(subject);
    const key = `${ruleId}\u0000${operation ?? ''}`;
    let c = cases.get(key);
    if (c === undefined) {
      c = { ruleId, operation, category: categoryOf.get(ruleId) ?? 'API8', findings: [] };
      cases.set(key, c);
    }
    return c;
  };

  for (const s of report.subjects) suite(s.name);
  if (input.checked !== undefined) {
    for (const c of input.checked) addCase(c.subject, c.ruleId, c.operation);
  } else {
    const failing = new Set(
      report.findings.map((f) => `${f.subject ?? UNATTRIBUTED}\u0000${f.finding.ruleId}`),
    );
    for (const s of report.subjects) {
      const kindSource = s.kind === 'document' ? 'audit' : 'scan';
      for (const r of report.rules) {
        if (r.source !== undefined && r.source !== kindSource) continue;
        if (!failing.has(`${s.name}\u0000${r.id}`)) addCase(s.name, r.id, undefined);
      }
    }
  }
  for (const f of report.findings)
    addCase(f.subject ?? UNATTRIBUTED, f.finding.ruleId, f.operation).findings.push(f);
  report.engineErrors.forEach((e, i) => {
    const cases = suite(e.subject ?? report.subjects[0]?.name ?? UNATTRIBUTED);
    cases.set(`\u0001engine-error-${i}`, {
      ruleId: e.ruleId ?? 'engine',
      operation: undefined,
      category: e.ruleId === undefined ? 'engine' : (categoryOf.get(e.ruleId) ?? 'engine'),
      findings: [],
      error: e,
    });
  });

  const timestamp = junitTimestamp(input.startedAt);
  const seconds = ((report.durationMs ?? 0) / 1000).toFixed(3);
  let tests = 0;
  let failures = 0;
  let errors = 0;
  const body: string[] = [];
  for (const [name, cases] of suites) {
    const list = [...cases.values()].sort(compareCases);
    const f = list.filter((c) => c.findings.length > 0).length;
    const e = list.filter((c) => c.error !== undefined).length;
    tests += list.length;
    failures += f;
    errors += e;
    const score = input.scores?.find((s) => s.subject === name);
    const subject = report.subjects.find((s) => s.name === name);
    const props: [string, string][] = [];
    if (subject !== undefined) props.push(['kind', subject.kind]);
    if (subject?.specVersion !== undefined) props.push(['specVersion', subject.specVersion]);
    if (subject?.title !== undefined) props.push(['title', subject.title]);
    if (score !== undefined) props.push(['score', String(score.score)]);
    if (score?.grade !== undefined) props.push(['grade', score.grade]);
    body.push(
      `  <testsuite name="${attr(name)}" tests="${list.length}" failures="${f}" errors="${e}" skipped="0" time="0"${
        timestamp === undefined ? '' : ` timestamp="${timestamp}"`
      }>`,
    );
    if (props.length > 0) {
      body.push('    <properties>');
      for (const [k, v] of props) body.push(`      <property name="${attr(k)}" value="${attr(v)}"/>`);
      body.push('    </properties>');
    }
    for (const c of list) body.push(...testcase(name, c));
    body.push('  </testsuite>');
  }

  const tool = input.tool;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attr(`${tool.name} ${tool.version}`)}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="0" time="${seconds}"${
      timestamp === undefined ? '' : ` timestamp="${timestamp}"`
    }>`,
    ...body,
    '</testsuites>',
    '',
  ].join('\n');
}

function attr(value: string): string {
  return escapeXml(value, true);
}

/** JUnit's XSD wants a local date-time without zone; the run's UTC time, to the second. */
function junitTimestamp(iso: string): string | undefined {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString().slice(0, 19);
}

function compareCases(a: Case, b: Case): number {
  if ((a.error === undefined) !== (b.error === undefined)) return a.error === undefined ? 1 : -1;
  if (a.ruleId !== b.ruleId) return a.ruleId < b.ruleId ? -1 : 1;
  const ao = a.operation ?? '';
  const bo = b.operation ?? '';
  return ao === bo ? 0 : ao < bo ? -1 : 1;
}

function testcase(subject: string, c: Case): string[] {
  const name =
    c.error !== undefined
      ? `${c.ruleId} (engine error)`
      : c.operation === undefined
        ? c.ruleId
        : `${c.ruleId} (${c.operation})`;
  const open = `    <testcase classname="${attr(`${subject}.${c.category}`)}" name="${attr(name)}" time="0"`;
  if (c.error !== undefined) {
    const message = oneLine(String(c.error.message));
    return [
      `${open}>`,
      `      <error message="${attr(message)}" type="engine-error">${escapeXml(
        `${c.error.ruleId === undefined ? 'The engine' : `Rule ${c.error.ruleId}`} failed${
          c.error.subject === undefined ? '' : ` on ${c.error.subject}`
        }; its results are missing from this report.\n${String(c.error.message)}`,
      )}</error>`,
      '    </testcase>',
    ];
  }
  if (c.findings.length === 0) return [`${open}/>`];
  const worst = [...c.findings].sort((a, b) =>
    compareSeverityDesc(a.finding.severity, b.finding.severity),
  )[0]!;
  const message = oneLine(
    `[${worst.finding.severity}] ${worst.finding.message}${c.findings.length > 1 ? ` (+${c.findings.length - 1} more)` : ''}`,
  );
  return [
    `${open}>`,
    `      <failure message="${attr(message)}" type="${attr(worst.finding.severity)}">${escapeXml(
      c.findings.map((f) => details(f.finding)).join('\n\n'),
    )}</failure>`,
    '    </testcase>',
  ];
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_MESSAGE ? `${flat.slice(0, MAX_MESSAGE - 1)}…` : flat;
}

function details(f: Finding): string {
  const lines = [`[${f.severity.toUpperCase()}] ${f.ruleId}: ${f.title}`];
  const where = [
    f.location.document === undefined ? undefined : formatLocation(f.location.document),
    f.location.target,
    f.location.method === undefined || f.location.path === undefined
      ? f.location.path
      : `${f.location.method} ${f.location.path}`,
  ].filter((x): x is string => x !== undefined);
  if (where.length > 0) lines.push(`Location: ${where.join(' · ')}`);
  if (f.location.document?.pointer !== undefined) lines.push(`Pointer: ${f.location.document.pointer}`);
  lines.push(`Message: ${f.message}`);
  lines.push(`Classification: ${describeOwaspCategory(f.owasp)} · CWE-${f.cwe} · confidence ${f.confidence}`);
  const ev = f.evidence;
  if (ev !== undefined) {
    lines.push(`Evidence: ${ev.summary}${ev.oracle === undefined ? '' : ` [${ev.oracle}]`}`);
    if (ev.snippet !== undefined) lines.push(`Snippet:\n${ev.snippet}`);
    for (const x of ev.exchanges ?? []) {
      lines.push(`Request: ${x.request.method} ${x.request.url}`);
      for (const [k, v] of Object.entries(x.request.headers)) lines.push(`  ${k}: ${v}`);
      if (x.request.body !== undefined) lines.push(`  ${clip(x.request.body)}`);
      if (x.response === undefined) lines.push('Response: none');
      else {
        lines.push(`Response: ${x.response.status}`);
        for (const [k, v] of Object.entries(x.response.headers)) lines.push(`  ${k}: ${v}`);
        if (x.response.body !== undefined) lines.push(`  ${clip(x.response.body)}`);
      }
    }
    if (ev.curl !== undefined) lines.push(`Reproduce: ${ev.curl}`);
  }
  for (const r of f.relatedLocations ?? []) {
    const parts = [
      r.document === undefined ? undefined : formatLocation(r.document),
      r.method,
      r.path,
    ].filter(Boolean);
    lines.push(`Related: ${parts.join(' ')}`);
  }
  lines.push(`Fix: ${f.remediation}`);
  lines.push(`Fingerprint: ${f.fingerprint}`);
  return lines.join('\n');
}

function clip(body: string): string {
  return body.length > MAX_BODY
    ? `${body.slice(0, MAX_BODY)}… (${body.length - MAX_BODY} more characters)`
    : body;
}
