import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseBaseline } from '@rampart/audit';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BROKEN,
  CLEAN,
  NOT_OPENAPI,
  OPEN_WRITE,
  OPEN_WRITE_TWICE,
  SUPPRESSED,
  SUPPRESSED_WITHOUT_REASON,
  WITH_IDS,
} from './fixtures/audit-documents.js';
import { main } from '../src/main.js';
import { runMain } from './run-main.js';

const root = mkdtempSync(join(tmpdir(), 'rampart-audit-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let projects = 0;

/** A fresh directory holding `files` (relative path → text). */
function project(files: Record<string, string>): string {
  const dir = join(root, `p${projects++}`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

const OPEN_RULE = 'write-operation-without-security';

describe('rampart audit: exit codes', () => {
  it('exits 0 on a clean description and prints the text report on stdout', async () => {
    const cwd = project({ 'api.yaml': CLEAN });
    const { code, stdout, stderr } = await runMain(['audit', 'api.yaml'], { cwd });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^rampart \d+\.\d+\.\d+ {2}1 subject · \d+ rules · \d+ findings?\n/);
    expect(stdout).toContain('"Clean"');
    expect(stdout).toMatch(/score 100\/100 \(A\)/);
    expect(stdout).not.toContain('\u001b['); // not a terminal: no colour
  });

  it('exits 1 on a high finding and says why on stderr', async () => {
    const cwd = project({ 'api.yaml': OPEN_WRITE });
    const { code, stdout, stderr } = await runMain(['audit', 'api.yaml'], { cwd });
    expect(code).toBe(1);
    expect(stdout).toContain(OPEN_RULE);
    expect(stdout).toMatch(/api\.yaml:9:5 {2}POST \/notes/);
    expect(stderr).toBe('rampart: failing: 1 finding at or above high (audit.failOn)\n');
  });

  it('follows --fail-on: none and critical pass, low fails', async () => {
    const cwd = project({ 'api.yaml': OPEN_WRITE });
    expect((await runMain(['audit', 'api.yaml', '--fail-on', 'none'], { cwd })).code).toBe(0);
    expect((await runMain(['audit', 'api.yaml', '--fail-on', 'critical'], { cwd })).code).toBe(0);
    const low = await runMain(['audit', 'api.yaml', '--fail-on', 'low'], { cwd });
    expect(low.code).toBe(1);
    expect(low.stderr).toContain('at or above low (--fail-on)');
    const clean = project({ 'api.yaml': CLEAN });
    expect((await runMain(['audit', 'api.yaml', '--fail-on', 'medium'], { cwd: clean })).code).toBe(0);
  });

  it('rejects a --fail-on that is not a severity with exit 2', async () => {
    const cwd = project({ 'api.yaml': CLEAN });
    const { code, stderr } = await runMain(['audit', 'api.yaml', '--fail-on', 'hgh'], { cwd });
    expect(code).toBe(2);
    expect(stderr).toContain('audit.failOn');
    expect(stderr).toContain('--fail-on');
  });

  it('reports a broken description with file:line, audits the others, and exits 2', async () => {
    const cwd = project({ 'good.yaml': OPEN_WRITE, 'broken.yaml': BROKEN });
    const { code, stdout, stderr } = await runMain(['audit', 'broken.yaml', 'good.yaml'], { cwd });
    expect(code).toBe(2); // 2 wins over the high finding of good.yaml: the results are incomplete
    expect(stderr).toMatch(/broken\.yaml:3:\d+: invalid YAML/);
    expect(stderr).toMatch(/\nhint: /);
    expect(stderr).toContain('(RAMPART_ERR_OPENAPI_PARSE)');
    expect(stderr).toContain('rampart: failing: 1 finding at or above high');
    expect(stderr).toContain('1 description could not be loaded (see above); results are incomplete');
    expect(stdout).toContain(OPEN_RULE); // good.yaml was audited
    expect(stdout).toMatch(/not audited: .*broken\.yaml:3:\d+: invalid YAML/);
  });

  it('exits 2 for a single missing file', async () => {
    const cwd = project({});
    const { code, stderr } = await runMain(['audit', 'nope.yaml'], { cwd });
    expect(code).toBe(2);
    expect(stderr).toContain('nope.yaml');
    expect(stderr).toContain('(RAMPART_ERR_OPENAPI_READ)');
  });

  it('names a missing argument', async () => {
    const { code, stderr } = await runMain(['audit'], { cwd: project({}) });
    expect(code).toBe(2);
    expect(stderr).toContain('missing argument <openapi...> for "rampart audit"');
  });
});

describe('rampart audit: formats and output', () => {
  it('writes JSON with subjects, rules, findings, scores and the suppressed findings', async () => {
    const cwd = project({ 'api.yaml': OPEN_WRITE, 'quiet.yaml': SUPPRESSED });
    const { code, stdout } = await runMain(
      ['audit', 'api.yaml', 'quiet.yaml', '--format', 'json', '--fail-on', 'none'],
      { cwd },
    );
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.subjects.map((s: { name: string }) => s.name)).toEqual([
      join(cwd, 'api.yaml'),
      join(cwd, 'quiet.yaml'),
    ]);
    expect(report.subjects[0]).toMatchObject({ kind: 'document', specVersion: '3.0.3', title: 'Open notes' });
    expect(report.rules.length).toBeGreaterThan(20);
    expect(report.rules.find((r: { id: string }) => r.id === OPEN_RULE)).toMatchObject({
      severity: 'high',
      owasp: 'API2',
      source: 'audit',
    });
    const open = report.findings.filter((f: { ruleId: string }) => f.ruleId === OPEN_RULE);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({
      subject: join(cwd, 'api.yaml'),
      location: { method: 'POST', path: '/notes', document: { line: 9, column: 5 } },
    });
    expect(report.scores).toHaveLength(2);
    expect(report.scores[0]).toMatchObject({ subject: join(cwd, 'api.yaml'), score: 40, grade: 'F' });
    expect(report.scores[0].categories.API2.deductions[0]).toMatchObject({ ruleId: OPEN_RULE, count: 1 });
    expect(report.summary).toMatchObject({ documents: 2, suppressedCount: 1, accepted: 0, failOn: 'none' });
    expect(report.summary.suppressed[0]).toMatchObject({
      subject: join(cwd, 'quiet.yaml'),
      ruleId: OPEN_RULE,
      reason: 'public guest book, rate limited at the edge',
    });
    expect(report.summary.suppressed[0].location).toMatch(/quiet\.yaml:\d+:\d+$/);
    expect(report.summary.scoreCaps[join(cwd, 'api.yaml')][0].max).toBe(40);
  });

  it('writes SARIF with locations relative to the working directory', async () => {
    const cwd = project({ 'specs/api.yaml': OPEN_WRITE });
    const { code, stderr } = await runMain(
      ['audit', 'specs/api.yaml', '--format', 'sarif', '--output', 'out/rampart.sarif'],
      { cwd },
    );
    expect(code).toBe(1);
    expect(stderr).toContain('rampart: wrote sarif report to out/rampart.sarif\n');
    expect(stderr).toMatch(/rampart: audited 1 document: \d+ findings? \(0 critical, 1 high/);
    const sarif = JSON.parse(readFileSync(join(cwd, 'out/rampart.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === OPEN_RULE);
    expect(result.locations[0].physicalLocation).toMatchObject({
      artifactLocation: { uri: 'specs/api.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 9, startColumn: 5 },
    });
  });

  it('writes JUnit XML with a failure for the finding', async () => {
    const cwd = project({ 'api.yaml': OPEN_WRITE });
    const { code, stdout } = await runMain(['audit', 'api.yaml', '--format', 'junit'], { cwd });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites /);
    expect(stdout).toContain(`<testsuite name="${join(cwd, 'api.yaml')}"`);
    expect(stdout).toMatch(
      new RegExp(
        `<testcase classname="[^"]*\\.API2" name="${OPEN_RULE} \\(POST /notes\\)"[^>]*>\\s*<failure`,
      ),
    );
  });

  it('writes several formats into a directory, one file per format', async () => {
    const cwd = project({ 'api.yaml': CLEAN });
    const { code, stdout, stderr } = await runMain(
      [
        'audit',
        'api.yaml',
        '--format',
        'sarif,junit',
        '--format',
        'html',
        '--format',
        'text',
        '--output',
        'reports',
      ],
      { cwd },
    );
    expect(code).toBe(0);
    expect(stdout).toBe('');
    for (const name of [
      'rampart-audit.sarif',
      'rampart-audit.junit.xml',
      'rampart-audit.html',
      'rampart-audit.txt',
    ]) {
      expect(stderr).toContain(`reports/${name}`);
      expect(existsSync(join(cwd, 'reports', name))).toBe(true);
    }
    expect(readFileSync(join(cwd, 'reports/rampart-audit.html'), 'utf8')).toMatch(/^<!doctype html>/i);
    expect(readFileSync(join(cwd, 'reports/rampart-audit.txt'), 'utf8')).not.toContain('\u001b[');
  });

  it('writes one format into an existing directory under its default name', async () => {
    const cwd = project({ 'api.yaml': CLEAN, 'reports/.keep': '' });
    const { code } = await runMain(['audit', 'api.yaml', '--format', 'json', '--output', 'reports'], { cwd });
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(join(cwd, 'reports/rampart-audit.json'), 'utf8')).subjects).toHaveLength(
      1,
    );
  });

  it('takes an output path without extension as a directory, and one with an extension as a file', async () => {
    const cwd = project({ 'api.yaml': CLEAN });
    expect((await runMain(['audit', 'api.yaml', '--format', 'json', '--output', 'out'], { cwd })).code).toBe(
      0,
    );
    expect(existsSync(join(cwd, 'out/rampart-audit.json'))).toBe(true);
    const clash = await runMain(['audit', 'api.yaml', '--format', 'json,sarif', '--output', 'report.json'], {
      cwd,
    });
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain(
      '--output "report.json" names a file, but 2 formats (json, sarif) need a directory',
    );
    expect(existsSync(join(cwd, 'report.json'))).toBe(false);
  });

  it('refuses several formats on standard output, and unknown formats, with exit 2', async () => {
    const cwd = project({ 'api.yaml': CLEAN });
    const both = await runMain(['audit', 'api.yaml', '--format', 'json,sarif'], { cwd });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('2 report formats (json, sarif) cannot all be printed to standard output');
    expect(both.stderr).toContain('--output <directory>');
    const typo = await runMain(['audit', 'api.yaml', '--format', 'sarf'], { cwd });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('--format "sarf" is not a report format; did you mean "sarif"?');
  });

  it('colours the text report when FORCE_COLOR asks for it', async () => {
    const cwd = project({ 'api.yaml': OPEN_WRITE });
    const { stdout } = await runMain(['audit', 'api.yaml'], { cwd, env: { FORCE_COLOR: '1' } });
    expect(stdout).toContain('\u001b[');
  });
});

describe('rampart audit: baseline', () => {
  it('round-trips: write a baseline, then accepted findings pass and a new one fails', async () => {
    const cwd = project({ 'api.yaml': OPEN_WRITE });
    const adopt = await runMain(
      ['audit', 'api.yaml', '--write-baseline', 'rampart-baseline.json', '--fail-on', 'none'],
      { cwd },
    );
    expect(adopt.code).toBe(0);
    expect(adopt.stderr).toContain('rampart: wrote baseline to rampart-baseline.json\n');
    const baseline = parseBaseline(JSON.parse(readFileSync(join(cwd, 'rampart-baseline.json'), 'utf8')));
    expect(baseline.findings.map((e) => e.ruleId)).toContain(OPEN_RULE);
    expect(baseline.findings.find((e) => e.ruleId === OPEN_RULE)?.operation).toBe('POST /notes');

    const accepted = await runMain(['audit', 'api.yaml', '--baseline', 'rampart-baseline.json'], { cwd });
    expect(accepted.code).toBe(0);
    expect(accepted.stderr).toBe('');
    expect(accepted.stdout).toMatch(
      new RegExp(
        `${baseline.findings.length} findings? accepted by baseline rampart-baseline\\.json \\(not failing the build\\)`,
      ),
    );
    expect(accepted.stdout).not.toContain(`■ ${OPEN_RULE}`);

    writeFileSync(join(cwd, 'api.yaml'), OPEN_WRITE_TWICE);
    const regressed = await runMain(
      ['audit', 'api.yaml', '--baseline', 'rampart-baseline.json', '--format', 'json'],
      { cwd },
    );
    expect(regressed.code).toBe(1);
    expect(regressed.stderr).toContain('rampart: failing: 1 new finding at or above high (audit.failOn)');
    const report = JSON.parse(regressed.stdout);
    const open = report.findings.filter((f: { ruleId: string }) => f.ruleId === OPEN_RULE);
    expect(open.map((f: { location: { path: string } }) => f.location.path)).toEqual(['/tags']);
    expect(report.summary.accepted).toBeGreaterThanOrEqual(1);
  });

  it('does not write a baseline when a description could not be audited', async () => {
    const cwd = project({ 'api.yaml': OPEN_WRITE, 'broken.yaml': BROKEN });
    const { code, stderr } = await runMain(
      ['audit', 'api.yaml', 'broken.yaml', '--write-baseline', 'b.json', '--fail-on', 'none'],
      { cwd },
    );
    expect(code).toBe(2);
    expect(stderr).toContain('rampart: baseline not written to b.json: 1 description could not be audited');
    expect(existsSync(join(cwd, 'b.json'))).toBe(false);
  });

  it('counts stale baseline entries', async () => {
    const cwd = project({ 'api.yaml': OPEN_WRITE_TWICE });
    await runMain(['audit', 'api.yaml', '--write-baseline', 'b.json', '--fail-on', 'none'], { cwd });
    writeFileSync(join(cwd, 'api.yaml'), OPEN_WRITE);
    const { code, stdout } = await runMain(['audit', 'api.yaml', '--baseline', 'b.json'], { cwd });
    expect(code).toBe(0);
    expect(stdout).toMatch(/1 baseline entry no longer found \(fixed\? refresh with --write-baseline\)/);
  });

  it('scores only new findings when a baseline accepts the rest', async () => {
    const cwd = project({ 'api.yaml': OPEN_WRITE });
    await runMain(['audit', 'api.yaml', '--write-baseline', 'b.json', '--fail-on', 'none'], { cwd });
    const { code } = await runMain(['audit', 'api.yaml', '--baseline', 'b.json', '--min-score', '90'], {
      cwd,
    });
    expect(code).toBe(0);
  });

  it('rejects a malformed, invalid or missing baseline with exit 2 and the reason', async () => {
    const cwd = project({
      'api.yaml': CLEAN,
      'garbage.json': '{ not json',
      'wrong.json': JSON.stringify({ version: 2, findings: [{ fingerprint: 'x' }] }),
    });
    const garbage = await runMain(['audit', 'api.yaml', '--baseline', 'garbage.json'], { cwd });
    expect(garbage.code).toBe(2);
    expect(garbage.stderr).toContain('baseline file garbage.json is not valid JSON');
    const wrong = await runMain(['audit', 'api.yaml', '--baseline', 'wrong.json'], { cwd });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('wrong.json is not a valid audit baseline');
    expect(wrong.stderr).toContain('/version: must be 1, got 2');
    expect(wrong.stderr).toContain('/findings/0/fingerprint');
    const missing = await runMain(['audit', 'api.yaml', '--baseline', 'none.json'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('baseline file none.json does not exist (named by --baseline)');
    expect(missing.stderr).toContain('--write-baseline none.json');
  });
});

describe('rampart audit: --min-score', () => {
  it('fails a document scoring below the minimum and explains the score', async () => {
    const cwd = project({ 'api.yaml': OPEN_WRITE });
    const { code, stderr } = await runMain(['audit', 'api.yaml', '--min-score', '50', '--fail-on', 'none'], {
      cwd,
    });
    expect(code).toBe(1);
    expect(stderr).toContain(
      `${join(cwd, 'api.yaml')} scores 40/100 (F), below the minimum 50 (--min-score)`,
    );
    expect(stderr).toContain('capped at 40: 1 write operation(s) accept requests without authentication');
    expect(stderr).toContain(`most points lost to ${OPEN_RULE}`);
  });

  it('passes a document at or above the minimum', async () => {
    const cwd = project({ 'api.yaml': OPEN_WRITE });
    const { code, stderr } = await runMain(['audit', 'api.yaml', '--min-score', '40', '--fail-on', 'none'], {
      cwd,
    });
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });

  it('rejects a score outside 0-100 with exit 2', async () => {
    const cwd = project({ 'api.yaml': CLEAN });
    const { code, stderr } = await runMain(['audit', 'api.yaml', '--min-score', '101'], { cwd });
    expect(code).toBe(2);
    expect(stderr).toContain('audit.minScore');
  });
});

describe('rampart audit: several documents and globs', () => {
  it('expands a quoted glob, skips files that are not OpenAPI, and audits the rest', async () => {
    const cwd = project({
      'specs/a/openapi.yaml': CLEAN,
      'specs/b/openapi.yaml': OPEN_WRITE,
      'specs/b/schemas/pet.yaml': NOT_OPENAPI,
      'extra.json': JSON.stringify({
        openapi: '3.0.3',
        info: { title: 'Extra', version: '1' },
        paths: {},
      }),
    });
    const { code, stdout, stderr } = await runMain(
      ['audit', 'specs/**/*.yaml', 'extra.json', '--format', 'json'],
      { cwd },
    );
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.subjects.map((s: { name: string }) => s.name)).toEqual([
      join(cwd, 'specs/a/openapi.yaml'),
      join(cwd, 'specs/b/openapi.yaml'),
      join(cwd, 'extra.json'),
    ]);
    expect(stderr).toContain(
      `rampart: skipped ${join(cwd, 'specs/b/schemas/pet.yaml')}: not an OpenAPI description (matched by "specs/**/*.yaml")`,
    );
    expect(report.findings.filter((f: { ruleId: string }) => f.ruleId === OPEN_RULE)[0].subject).toBe(
      join(cwd, 'specs/b/openapi.yaml'),
    );
  });

  it('rejects a named file that is not OpenAPI with exit 2', async () => {
    const cwd = project({ 'pet.yaml': NOT_OPENAPI });
    const { code, stderr } = await runMain(['audit', 'pet.yaml'], { cwd });
    expect(code).toBe(2);
    expect(stderr).toContain('(RAMPART_ERR_OPENAPI_NOT_OPENAPI)');
  });

  it('names a glob that matches nothing, with exit 2', async () => {
    const cwd = project({ 'api.yaml': CLEAN });
    const { code, stderr, stdout } = await runMain(['audit', 'api.yaml', 'specs/*.yml'], { cwd });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('rampart: no file matches "specs/*.yml"');
  });

  it('draws progress on standard error when it is a terminal and there are several documents', async () => {
    const cwd = project({ 'a.yaml': CLEAN, 'b.yaml': CLEAN });
    let stderr = '';
    let stdout = '';
    const code = await main(
      ['audit', '*.yaml', '--format', 'json'],
      {},
      {
        stdout: { write: (text: string) => (stdout += text) },
        stderr: { write: (text: string) => (stderr += text), isTTY: true, columns: 120 },
        cwd,
      },
    );
    expect(code).toBe(0);
    expect(stderr).toMatch(/^\rauditing \[[#-]{24}\] 0\/2 \(0%\)/);
    expect(stderr).toMatch(
      /\r[^\r]*\(100%\) b\.yaml\u001b\[K\raudited 2 documents in \d+\.\ds\u001b\[K\nrampart: audited/,
    );
    expect(JSON.parse(stdout).subjects).toHaveLength(2);
  });

  it('prints no progress when standard error is not a terminal', async () => {
    const cwd = project({ 'a.yaml': CLEAN, 'b.yaml': CLEAN });
    const { code, stderr } = await runMain(['audit', '*.yaml'], { cwd });
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });
});

describe('rampart audit: configuration', () => {
  it('reads failOn, rules and formats from rampart.yaml; flags win', async () => {
    const cwd = project({
      'api.yaml': OPEN_WRITE,
      'rampart.yaml': 'audit:\n  failOn: none\n  formats: [json]\n',
    });
    const fromFile = await runMain(['audit', 'api.yaml'], { cwd });
    expect(fromFile.code).toBe(0);
    expect(JSON.parse(fromFile.stdout).summary.failOn).toBe('none');
    const flag = await runMain(['audit', 'api.yaml', '--fail-on', 'high', '--format', 'text'], { cwd });
    expect(flag.code).toBe(1);
    expect(flag.stdout).toMatch(/^rampart /);
    expect(flag.stderr).toContain('at or above high (--fail-on)');
    const set = await runMain(['audit', 'api.yaml', '--set', 'audit.failOn=medium'], { cwd });
    expect(set.code).toBe(1);
    expect(set.stderr).toContain('(--set audit.failOn)');
    const env = await runMain(['audit', 'api.yaml'], { cwd, env: { RAMPART_AUDIT_FAIL_ON: 'high' } });
    expect(env.code).toBe(1);
    expect(env.stderr).toContain('(RAMPART_AUDIT_FAIL_ON)');
  });

  it('applies severity overrides and disabled rules from the file', async () => {
    const cwd = project({
      'api.yaml': OPEN_WRITE,
      'lower.yaml': `audit:\n  rules:\n    severity:\n      ${OPEN_RULE}: low\n`,
      'off.yaml': `audit:\n  rules:\n    disable: [${OPEN_RULE}]\n`,
    });
    const lower = await runMain(['audit', 'api.yaml', '--config', 'lower.yaml', '--format', 'json'], { cwd });
    expect(lower.code).toBe(0);
    const report = JSON.parse(lower.stdout);
    expect(report.findings.find((f: { ruleId: string }) => f.ruleId === OPEN_RULE).severity).toBe('low');
    expect(report.rules.find((r: { id: string }) => r.id === OPEN_RULE).severity).toBe('low');
    const off = await runMain(['audit', 'api.yaml', '--config', 'off.yaml', '--format', 'json'], { cwd });
    expect(off.code).toBe(0);
    expect(JSON.parse(off.stdout).rules.map((r: { id: string }) => r.id)).not.toContain(OPEN_RULE);
    // --disable replaces the file's list: the rule runs again.
    const other = await runMain(
      ['audit', 'api.yaml', '--config', 'off.yaml', '--disable', 'info-without-contact'],
      { cwd },
    );
    expect(other.code).toBe(1);
  });

  it('runs only the rules named by --enable', async () => {
    const cwd = project({ 'api.yaml': OPEN_WRITE });
    const { code, stdout } = await runMain(['audit', 'api.yaml', '--enable', OPEN_RULE, '--format', 'json'], {
      cwd,
    });
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.rules.map((r: { id: string }) => r.id)).toEqual([OPEN_RULE]);
    expect(new Set(report.findings.map((f: { ruleId: string }) => f.ruleId))).toEqual(new Set([OPEN_RULE]));
  });

  it('rejects an unknown rule id with exit 2 and a suggestion', async () => {
    const cwd = project({ 'api.yaml': CLEAN });
    const { code, stdout, stderr } = await runMain(
      ['audit', 'api.yaml', '--disable', 'write-operation-without-securty'],
      { cwd },
    );
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(
      `unknown rule id "write-operation-without-securty"; did you mean "${OPEN_RULE}"?`,
    );
  });

  it('lists the rules, marking those the selection turns off', async () => {
    const { code, stdout } = await runMain(['audit', '--list-rules', '--disable', OPEN_RULE], {
      cwd: project({}),
    });
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^${OPEN_RULE} +high +API2 +off  Write`, 'm'));
    expect(stdout).toMatch(/^\d+ rules, \d+ would run\n$/m);
  });
});

describe('rampart audit: suppressions and warnings', () => {
  it('counts suppressed findings and does not fail on them', async () => {
    const cwd = project({ 'api.yaml': SUPPRESSED });
    const { code, stdout, stderr } = await runMain(['audit', 'api.yaml'], { cwd });
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('1 suppressed by x-rampart-ignore (listed in the JSON report)');
    expect(stdout).not.toContain(`■ ${OPEN_RULE}`);
  });

  it('warns about a suppression without reason and keeps the finding', async () => {
    const cwd = project({ 'api.yaml': SUPPRESSED_WITHOUT_REASON });
    const { code, stderr } = await runMain(['audit', 'api.yaml'], { cwd });
    expect(code).toBe(1);
    expect(stderr).toMatch(
      new RegExp(
        `rampart: warning: [^\\n]*api\\.yaml:\\d+:\\d+: .*"${OPEN_RULE}" has no reason, so it is not applied`,
      ),
    );
  });
});

describe('rampart audit: --plan', () => {
  it('writes the test plan of one document', async () => {
    const cwd = project({ 'api.yaml': WITH_IDS });
    const { code, stderr } = await runMain(['audit', 'api.yaml', '--plan', 'plan.json'], { cwd });
    expect(code).toBe(0);
    expect(stderr).toContain('rampart: wrote test plan to plan.json');
    const plan = JSON.parse(readFileSync(join(cwd, 'plan.json'), 'utf8'));
    expect(plan).toMatchObject({ version: 1, tool: 'rampart-audit', source: { title: 'Accounts' } });
    expect(plan.entries).toContainEqual(
      expect.objectContaining({
        kind: 'bola',
        operation: 'GET /accounts/{accountId}',
        target: expect.objectContaining({ in: 'path', name: 'accountId' }),
      }),
    );
  });

  it('writes one plan per document into a directory', async () => {
    const cwd = project({ 'a/openapi.yaml': WITH_IDS, 'b/openapi.yaml': CLEAN });
    const { code } = await runMain(['audit', '*/openapi.yaml', '--plan', 'plans'], { cwd });
    expect(code).toBe(0);
    const a = JSON.parse(readFileSync(join(cwd, 'plans/a-openapi.plan.json'), 'utf8'));
    const b = JSON.parse(readFileSync(join(cwd, 'plans/b-openapi.plan.json'), 'utf8'));
    expect(a.source.title).toBe('Accounts');
    expect(a.entries.length).toBeGreaterThan(0);
    expect(b.source.title).toBe('Clean');
  });
});

describe('rampart audit --help', () => {
  it('teaches the CI uses: code scanning, GitLab JUnit, the baseline workflow, exit codes', async () => {
    const { code, stdout } = await runMain(['audit', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: rampart audit <openapi...>');
    expect(stdout).toContain('github/codeql-action/upload-sarif');
    expect(stdout).toContain('artifacts:reports:junit');
    expect(stdout).toContain('--write-baseline rampart-baseline.json --fail-on none');
    expect(stdout).toContain('--baseline rampart-baseline.json');
    expect(stdout).toMatch(/^ {2}2 {3}usage or input error/m);
    expect(stdout).toMatch(/--fail-on <severity\|none> +Exit 1 when a new finding/);
  });
});
