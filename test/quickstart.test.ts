import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../', import.meta.url));

/** The README's main job, `npm start`, run the way a newcomer runs it (but stopping after the scan). */
describe('quick start (npm start)', () => {
  let output = '';
  let exitCode: number | null = null;
  const reports = join(root, '.rampart/reports');
  const home = mkdtempSync(join(tmpdir(), 'rampart-quickstart-'));

  beforeAll(async () => {
    execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-b'], {
      cwd: root,
      stdio: 'pipe',
    });
    rmSync(reports, { recursive: true, force: true });
    const child = spawn(process.execPath, ['scripts/quickstart.mjs', '--exit'], {
      cwd: root,
      env: { ...process.env, BANK_PORT: '0', HOME: home, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    exitCode = await new Promise((resolve) => child.on('close', resolve));
  }, 300_000);

  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('exits 0 after auditing and scanning the demo bank', () => {
    expect(output).toContain('Static audit of examples/vulnerable-bank/openapi.yaml');
    expect(output).toMatch(/preflight ok: alice \(200\), bob \(200\), admin \(200\)/);
    expect(exitCode).toBe(0);
  });

  it('finds the demo flaws statically and actively', () => {
    const audit = JSON.parse(readFileSync(join(reports, 'audit/rampart-audit.json'), 'utf8')) as {
      findings: { ruleId: string }[];
    };
    const auditRules = new Set(audit.findings.map((f) => f.ruleId));
    for (const rule of ['privileged-field-writable', 'sensitive-field-in-response', 'api-key-in-query']) {
      expect(auditRules).toContain(rule);
    }
    const scan = JSON.parse(readFileSync(join(reports, 'scan/rampart-scan.json'), 'utf8')) as {
      findings: { ruleId: string; owasp: string }[];
    };
    const categories = new Set(scan.findings.map((f) => f.owasp));
    for (const category of ['API1', 'API2', 'API5', 'API8', 'API9']) expect(categories).toContain(category);
  });

  it('writes offline HTML, SARIF and the scanner test plan', () => {
    for (const file of [
      'audit/rampart-audit.html',
      'audit/rampart-audit.sarif',
      'audit/plan.json',
      'scan/rampart-scan.html',
      'scan/rampart-scan.sarif',
    ]) {
      expect(existsSync(join(reports, file)), file).toBe(true);
    }
    const html = readFileSync(join(reports, 'scan/rampart-scan.html'), 'utf8');
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=["']https?:/i);
  });
});
