import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { OPEN_WRITE } from './fixtures/audit-documents.js';
import { runMain } from './run-main.js';

// A rule that throws, added to the built-in list the command runs.
vi.mock('@rampart/audit', async (importOriginal) => {
  const audit = await importOriginal<typeof import('@rampart/audit')>();
  const broken = audit.defineRule({
    id: 'always-throws',
    title: 'A rule with a bug',
    severity: 'low',
    owasp: 'API8',
    cwe: 1059,
    description: 'Throws on every document, to show that a failing rule is reported and never silent.',
    remediation: 'Nothing to fix in the description.',
    check() {
      throw new Error('cannot read properties of undefined');
    },
  });
  return { ...audit, BUILT_IN_RULES: [...audit.BUILT_IN_RULES, broken] };
});

const dir = mkdtempSync(join(tmpdir(), 'rampart-audit-engine-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rampart audit: a rule that throws', () => {
  it('is reported as an engine error naming the rule, the other rules still run, and the exit code is 3', async () => {
    writeFileSync(join(dir, 'api.yaml'), OPEN_WRITE);
    const { code, stdout, stderr } = await runMain(['audit', 'api.yaml', '--format', 'json'], { cwd: dir });
    expect(code).toBe(3);
    expect(stderr).toContain('rampart: engine error: rule always-throws failed on');
    expect(stderr).toContain('--disable always-throws');
    const report = JSON.parse(stdout);
    expect(report.engineErrors).toEqual([
      expect.objectContaining({ ruleId: 'always-throws', subject: join(dir, 'api.yaml') }),
    ]);
    expect(
      report.findings.some((f: { ruleId: string }) => f.ruleId === 'write-operation-without-security'),
    ).toBe(true);
  });

  it('can be skipped with --disable', async () => {
    writeFileSync(join(dir, 'api.yaml'), OPEN_WRITE);
    const { code, stderr } = await runMain(['audit', 'api.yaml', '--disable', 'always-throws'], { cwd: dir });
    expect(code).toBe(1);
    expect(stderr).not.toContain('engine error');
  });
});
