import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  describeOwaspCategory,
  formatLocation,
  OWASP_CATEGORY_IDS,
  SEVERITIES,
  type Severity,
} from '@rampart/core';
import { displayPath } from './display-path.js';
import { type PreparedFinding, type PreparedReport, prepareReport } from './prepare-report.js';
import type { ReportInput, ReportSubject, SubjectScore } from './report-input.js';
import type { RenderOptions } from './render-options.js';
import { toPrintableText } from './to-printable-text.js';

const UNATTRIBUTED = '(findings not tied to a listed subject)';

interface Paint {
  readonly severity: (s: Severity, text: string) => string;
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly green: (text: string) => string;
  readonly red: (text: string) => string;
  readonly link: (text: string, file: string) => string;
}

const SEVERITY_SGR: Record<Severity, string> = {
  critical: '1;97;41',
  high: '1;31',
  medium: '1;33',
  low: '1;36',
  info: '2',
};

function createPaint(color: boolean, baseDir: string): Paint {
  if (!color) {
    const same = (text: string) => text;
    return { severity: (_s, t) => t, bold: same, dim: same, green: same, red: same, link: same };
  }
  const sgr = (code: string, text: string) => `\u001b[${code}m${text}\u001b[0m`;
  return {
    severity: (s, t) => sgr(SEVERITY_SGR[s], t),
    bold: (t) => sgr('1', t),
    dim: (t) => sgr('2', t),
    green: (t) => sgr('32', t),
    red: (t) => sgr('31', t),
    // OSC 8 hyperlink: terminals that support it make the location clickable; others ignore the sequence.
    link: (t, file) => {
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) return sgr('4', t);
      const href = pathToFileURL(isAbsolute(file) ? file : resolve(baseDir, file)).href;
      return `\u001b]8;;${href}\u001b\\${sgr('4', t)}\u001b]8;;\u001b\\`;
    },
  };
}

/** One line of untrusted text: unprintables escaped, line breaks shown as `↵`. */
function line(value: string): string {
  return toPrintableText(value).replace(/\r?\n/g, ' ↵ ').replace(/\t/g, ' ');
}

/**
 * A human report for a terminal or a CI log: findings grouped by subject, then severity, most severe first;
 * each with severity, rule id, `file:line:col` or `METHOD /path`, message, fix and classification; a closing
 * summary line with counts by severity and scores. Attacker-controlled text is made printable (no escape
 * sequences reach the terminal). With `color`, ANSI colour and OSC 8 file links.
 */
export function renderText(input: ReportInput, options: RenderOptions = {}): string {
  const report = prepareReport(input);
  const baseDir = options.baseDir ?? process.cwd();
  const paint = createPaint(options.color === true, baseDir);
  const out: string[] = [];

  const tool = report.input.tool;
  out.push(
    `${paint.bold(line(`${tool.name} ${tool.version}`))}  ${paint.dim(
      `${plural(report.subjects.length, 'subject')} · ${plural(report.rules.length, 'rule')} · ${plural(
        report.findings.length,
        'finding',
      )}`,
    )}`,
  );

  const groups = groupBySubject(report);
  for (const [subjectName, findings] of groups) {
    const subject = report.subjects.find((s) => s.name === subjectName);
    const score = report.input.scores?.find((s) => s.subject === subjectName);
    out.push('', subjectHeading(subjectName, subject, score, paint));
    if (score !== undefined) {
      const lost = describeDeductions(score);
      if (lost !== '') out.push(`  ${paint.dim(`points lost: ${line(lost)}`)}`);
    }
    if (findings.length === 0) {
      out.push(`  ${paint.green('no findings')}`);
      continue;
    }
    for (const severity of [...SEVERITIES].reverse()) {
      const ofSeverity = findings.filter((f) => f.finding.severity === severity);
      if (ofSeverity.length === 0) continue;
      const label = options.color === true ? ` ${severity.toUpperCase()} ` : severity.toUpperCase();
      out.push('', `  ${paint.severity(severity, label)} ${paint.dim(`(${ofSeverity.length})`)}`);
      for (const f of ofSeverity) out.push(...findingBlock(f, baseDir, paint));
    }
  }

  if (report.engineErrors.length > 0) {
    out.push(
      '',
      paint.red(
        paint.bold(
          `Engine errors (${report.engineErrors.length}): these checks did not complete, results are incomplete`,
        ),
      ),
    );
    for (const e of report.engineErrors) {
      const where = [e.ruleId, e.subject === undefined ? undefined : `on ${e.subject}`]
        .filter(Boolean)
        .join(' ');
      out.push(`  ${paint.red('!')} ${where === '' ? '' : `${paint.bold(line(where))}: `}${line(e.message)}`);
    }
  }

  out.push('', summaryLine(report, paint));
  return `${out.join('\n')}\n`;
}

function groupBySubject(report: PreparedReport): Map<string, PreparedFinding[]> {
  const groups = new Map<string, PreparedFinding[]>();
  for (const s of report.subjects) groups.set(s.name, []);
  for (const f of report.findings) {
    const key = f.subject ?? UNATTRIBUTED;
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [f]);
    else list.push(f);
  }
  return groups;
}

function subjectHeading(
  name: string,
  subject: ReportSubject | undefined,
  score: SubjectScore | undefined,
  paint: Paint,
): string {
  const facts: string[] = [];
  if (subject !== undefined) {
    facts.push(subject.kind === 'document' ? 'document' : 'target');
    if (subject.specVersion !== undefined) facts.push(`OpenAPI ${subject.specVersion}`);
    if (subject.title !== undefined) facts.push(`"${subject.title}"`);
  }
  const scoreText =
    score === undefined
      ? ''
      : `  score ${paint.bold(`${formatScore(score.score)}/100${score.grade === undefined ? '' : ` (${score.grade})`}`)}`;
  const factText = facts.length === 0 ? '' : `  ${paint.dim(line(facts.join(' · ')))}`;
  return `${paint.bold(line(name))}${factText}${scoreText}`;
}

function describeDeductions(score: SubjectScore): string {
  const parts: string[] = [];
  for (const id of OWASP_CATEGORY_IDS) {
    const cat = score.categories[id];
    if (cat === undefined || cat.deductions.length === 0) continue;
    const points = cat.deductions.reduce((sum, d) => sum + d.points, 0);
    const rules = cat.deductions.map((d) => `${d.ruleId}${d.count > 1 ? ` ×${d.count}` : ''}`).join(', ');
    parts.push(`${id} −${formatScore(points)} (${rules})`);
  }
  return parts.join('; ');
}

function findingBlock(f: PreparedFinding, baseDir: string, paint: Paint): string[] {
  const { finding } = f;
  const doc = finding.location.document;
  const where: string[] = [];
  if (doc !== undefined) {
    const shown = formatLocation({ ...doc, file: displayPath(doc.file, baseDir) });
    where.push(paint.link(line(shown), doc.file));
  }
  if (f.operation !== undefined) where.push(line(f.operation));
  const indent = '      ';
  const lines = [
    `    ${paint.severity(finding.severity, '■')} ${paint.bold(line(finding.ruleId))}  ${where.join('  ')}`,
  ];
  lines.push(`${indent}${line(finding.message)}`);
  const ev = finding.evidence;
  if (ev !== undefined) {
    const oracle = ev.oracle === undefined ? '' : ` [${ev.oracle}]`;
    lines.push(`${indent}${paint.dim('evidence:')} ${line(ev.summary)}${paint.dim(line(oracle))}`);
    if (ev.curl !== undefined) lines.push(`${indent}${paint.dim('reproduce:')} ${line(ev.curl)}`);
  }
  lines.push(`${indent}${paint.green('fix:')} ${line(finding.remediation)}`);
  const related = finding.relatedLocations?.length ?? 0;
  lines.push(
    `${indent}${paint.dim(
      line(
        [
          describeOwaspCategory(finding.owasp),
          `CWE-${finding.cwe}`,
          `confidence ${finding.confidence}`,
          ...(related > 0 ? [`${related} related location${related === 1 ? '' : 's'}`] : []),
        ].join(' · '),
      ),
    )}`,
  );
  return lines;
}

function summaryLine(report: PreparedReport, paint: Paint): string {
  const total = report.findings.length;
  const parts: string[] = [];
  if (total === 0) {
    parts.push(
      paint.green(
        `No findings: ${plural(report.rules.length, 'rule')} checked on ${plural(report.subjects.length, 'subject')}`,
      ),
    );
  } else {
    const counts = [...SEVERITIES]
      .reverse()
      .map((s) => {
        const n = report.bySeverity[s];
        return n > 0 ? paint.severity(s, `${n} ${s}`) : `${n} ${s}`;
      })
      .join(', ');
    parts.push(`${paint.bold(plural(total, 'finding'))}: ${counts}`);
  }
  if (report.engineErrors.length > 0)
    parts.push(paint.red(plural(report.engineErrors.length, 'engine error')));
  for (const score of report.input.scores ?? []) {
    parts.push(
      `score ${line(score.subject)} ${formatScore(score.score)}/100${score.grade === undefined ? '' : ` (${score.grade})`}`,
    );
  }
  if (report.durationMs !== undefined) parts.push(`${(report.durationMs / 1000).toFixed(1)} s`);
  return parts.join(' · ');
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function formatScore(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
