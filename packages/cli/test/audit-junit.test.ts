import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILT_IN_RULES } from '@rampart/audit';
import { afterAll, describe, expect, it } from 'vitest';
import { runMain } from './run-main.js';

const root = mkdtempSync(join(tmpdir(), 'rampart-audit-junit-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// Three operations; the two POSTs are open and share one request schema with an unbounded string.
const API = `openapi: 3.0.3
info: { title: Notes, version: '1' }
paths:
  /a:
    post:
      requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/Note' } } } }
      responses: { '201': { description: created } }
  /b:
    post:
      requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/Note' } } } }
      responses: { '201': { description: created } }
  /c:
    get:
      responses: { '200': { description: ok } }
components:
  schemas:
    Note: { type: object, properties: { text: { type: string } } }
`;

interface Case {
  readonly name: string;
  readonly failed: boolean;
}

function cases(xml: string): Case[] {
  return [...xml.matchAll(/<testcase [^>]*name="([^"]*)"[^>]*?(\/>|>\s*<(failure|error))/g)].map((m) => ({
    name: (m[1] as string).replaceAll('&quot;', '"'),
    failed: m[3] === 'failure',
  }));
}

async function audit(enable: string, format: string) {
  const cwd = mkdtempSync(join(root, 'p-'));
  writeFileSync(join(cwd, 'api.yaml'), API);
  return runMain(['audit', 'api.yaml', '--format', format, '--fail-on', 'none', '--enable', enable], { cwd });
}

describe('rampart audit --format junit: one case per check', () => {
  it('every built-in rule declares its scope', () => {
    for (const rule of BUILT_IN_RULES) expect(['operation', 'document'], rule.id).toContain(rule.scope);
  });

  it('lists a passing case per operation-scoped rule and operation, a failing one per finding', async () => {
    const enable = [
      'write-operation-without-security', // operation scope: fires on POST /a and POST /b
      'string-without-max-length', // operation scope: one finding on Note.text, shared by both POSTs
      'operation-without-id', // operation scope: one finding for all three
      'trace-operation-exposed', // operation scope: passes on all three
      'api-key-in-query', // document scope: passes
      'info-without-contact', // document scope: fires
    ].join(',');
    const json = JSON.parse((await audit(enable, 'json')).stdout) as {
      findings: { ruleId: string; location: { method?: string; path?: string } }[];
    };
    const { code, stdout } = await audit(enable, 'junit');
    expect(code).toBe(0);
    const list = cases(stdout);
    const failing = list.filter((c) => c.failed).map((c) => c.name);
    const passing = list.filter((c) => !c.failed).map((c) => c.name);

    // One failing case per finding, at its operation.
    expect(failing.sort()).toEqual(
      json.findings
        .map((f) =>
          f.location.path === undefined ? f.ruleId : `${f.ruleId} (${f.location.method} ${f.location.path})`,
        )
        .sort(),
    );
    expect(failing.sort()).toEqual(
      [
        'info-without-contact',
        'operation-without-id (POST /a)',
        'string-without-max-length (POST /a)',
        'write-operation-without-security (POST /a)',
        'write-operation-without-security (POST /b)',
      ].sort(),
    );
    // Passing: the operations a rule checked without finding anything, and the clean document-scoped rule.
    // The grouped findings at POST /a cover the other operations concerned: no passing case there.
    expect(passing.sort()).toEqual(
      [
        'api-key-in-query',
        'string-without-max-length (GET /c)',
        'trace-operation-exposed (GET /c)',
        'trace-operation-exposed (POST /a)',
        'trace-operation-exposed (POST /b)',
        'write-operation-without-security (GET /c)',
      ].sort(),
    );
    // 4 operation-scoped rules × 3 operations + 2 document-scoped rules, less the 3 cases grouped findings cover.
    expect(stdout).toMatch(/<testsuites name="rampart [^"]+" tests="11" failures="5" errors="0"/);
  });

  it('keeps the JSON report free of the checked list', async () => {
    const report = JSON.parse((await audit('trace-operation-exposed', 'json')).stdout);
    expect(report.checked).toEqual([]);
  });
});
