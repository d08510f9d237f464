import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { ReportInput } from './report-input.js';
import { JSON_REPORT_SCHEMA_ID, JSON_REPORT_SCHEMA_VERSION, renderJson } from './render-json.js';
import {
  AUDIT_INPUT,
  COMBINED_INPUT,
  EMPTY_INPUT,
  HOSTILE_INPUT,
  SCAN_INPUT,
} from './sample-report.fixture.js';

const schema = JSON.parse(
  readFileSync(new URL('../../../docs/schema/report.schema.json', import.meta.url), 'utf8'),
);
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

describe('renderJson', () => {
  it.each([
    ['audit', AUDIT_INPUT],
    ['scan with exchanges and an engine error', SCAN_INPUT],
    ['audit and scan combined', COMBINED_INPUT],
    ['empty', EMPTY_INPUT],
    ['hostile text', HOSTILE_INPUT],
  ] as [string, ReportInput][])('%s: validates against docs/schema/report.schema.json', (_name, input) => {
    const report = JSON.parse(renderJson(input));
    expect(validate(report), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('the schema rejects a report that breaks it (so the validation above can fail)', () => {
    const report = JSON.parse(renderJson(SCAN_INPUT));
    delete report.findings[0].fingerprint;
    report.findings[0].severity = 'severe';
    expect(validate(report)).toBe(false);
    expect(validate.errors?.map((e: { instancePath: string }) => e.instancePath)).toEqual(
      expect.arrayContaining(['/findings/0', '/findings/0/severity']),
    );
  });

  it('is versioned and its $schema matches the published schema id', () => {
    const report = JSON.parse(renderJson(EMPTY_INPUT));
    expect(report.$schema).toBe(JSON_REPORT_SCHEMA_ID);
    expect(schema.$id).toBe(JSON_REPORT_SCHEMA_ID);
    expect(report.schemaVersion).toBe(JSON_REPORT_SCHEMA_VERSION);
  });

  it('counts by severity and category, attributes findings to subjects, keeps engine errors and checks', () => {
    const report = JSON.parse(renderJson(COMBINED_INPUT));
    expect(report.totals).toMatchObject({
      subjects: 2,
      rules: 6,
      findings: 5,
      engineErrors: 1,
      bySeverity: { critical: 1, high: 1, medium: 1, low: 2, info: 0 },
      byOwasp: { API1: 1, API2: 1, API4: 1, API8: 2, API3: 0 },
    });
    expect(report.findings.map((f: { ruleId: string; subject: string }) => [f.ruleId, f.subject])).toEqual([
      ['bola-id-swap', 'https://api.example.com'],
      ['write-operation-without-security', 'openapi/petstore.yaml'],
      ['missing-rate-limit', 'openapi/petstore.yaml'],
      ['security-headers-missing', 'https://api.example.com'],
      ['server-url-plain-http', 'openapi/petstore.yaml'],
    ]);
    expect(JSON.parse(renderJson(SCAN_INPUT)).checked).toHaveLength(3);
    expect(report.durationMs).toBe(3250);
  });

  it('docs/report-schema.md documents every top-level property, and its example validates', () => {
    const doc = readFileSync(new URL('../../../docs/report-schema.md', import.meta.url), 'utf8');
    for (const key of Object.keys(schema.properties)) expect(doc).toContain(`\`${key}\``);
    const example = JSON.parse(doc.match(/```json\n([\s\S]*?)```/)?.[1] ?? 'null');
    expect(validate(example), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });
});
