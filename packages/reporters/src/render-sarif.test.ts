import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { ReportInput } from './report-input.js';
import { renderSarif, SARIF_FINGERPRINT_KEY } from './render-sarif.js';
import {
  AUDIT_FINDING,
  AUDIT_INPUT,
  COMBINED_INPUT,
  EMPTY_INPUT,
  HOSTILE_INPUT,
  SAMPLE_TOKEN,
  SCAN_FINDING,
  SCAN_INPUT,
} from './sample-report.fixture.js';

// The OASIS SARIF 2.1.0 schema (draft-07), vendored from an npm package: see test/fixtures/README.md.
const sarifSchema = JSON.parse(
  readFileSync(new URL('../test/fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8'),
);
const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true });
// ajv-formats is CommonJS: under NodeNext its default import is the module object, under Vite the function.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (a: Ajv) => Ajv;
addFormats(ajv);
const validate = ajv.compile(sarifSchema);

// biome-ignore lint/suspicious/noExplicitAny: SARIF logs are inspected structurally in these tests.
type Any = any;
const sarif = (input: ReportInput, baseDir = process.cwd()): Any =>
  JSON.parse(renderSarif(input, { baseDir }));

describe('renderSarif', () => {
  it('uses the official OASIS schema', () => {
    expect(sarifSchema.$id).toBe(
      'https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json',
    );
    expect(sarifSchema.title).toBe('Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema');
  });

  it.each([
    ['audit finding with document location', AUDIT_INPUT],
    ['scan finding with exchanges and an engine error', SCAN_INPUT],
    ['audit and scan combined', COMBINED_INPUT],
    ['empty report', EMPTY_INPUT],
    ['hostile text', HOSTILE_INPUT],
  ] as [string, ReportInput][])('%s: valid against the SARIF 2.1.0 schema', (_name, input) => {
    const log = sarif(input);
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('the validator rejects an invalid log (so the checks above can fail)', () => {
    const log = sarif(AUDIT_INPUT);
    log.runs[0].results[0].level = 'fatal';
    log.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    expect(validate(log)).toBe(false);
  });

  it('describes every rule that ran, with help, tags and a numeric security-severity', () => {
    const rules = sarif(EMPTY_INPUT).runs[0].tool.driver.rules;
    expect(rules.map((r: Any) => r.id)).toEqual([
      'missing-rate-limit',
      'server-url-plain-http',
      'write-operation-without-security',
    ]);
    const rule = rules[2];
    expect(rule).toMatchObject({
      id: 'write-operation-without-security',
      name: 'WriteOperationWithoutSecurity',
      shortDescription: { text: 'State-changing operation without authentication' },
      fullDescription: { text: expect.stringContaining('declares no security requirement') },
      helpUri: 'https://docs.example.org/rules/write-operation-without-security',
      defaultConfiguration: { level: 'error' },
      properties: {
        tags: ['security', 'OWASP-API2:2023', 'CWE-306', 'external/cwe/cwe-306'],
        'security-severity': '8.0',
      },
    });
    expect(rule.help.text).toContain('Remediation: Declare a security requirement');
    expect(rule.help.markdown).toContain('[CWE-306](https://cwe.mitre.org/data/definitions/306.html)');
    expect(rule.help.markdown).toContain(
      '[API2:2023 Broken Authentication](https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/)',
    );
    for (const r of rules) expect(Number.isFinite(Number(r.properties['security-severity']))).toBe(true);
  });

  it('locates document findings relative to %SRCROOT% with region, operation and related locations', () => {
    const log = sarif(AUDIT_INPUT);
    const run = log.runs[0];
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: `${pathToFileURL(process.cwd()).href}/` } });
    const result = run.results.find((r: Any) => r.ruleId === AUDIT_FINDING.ruleId);
    expect(run.tool.driver.rules[result.ruleIndex].id).toBe(AUDIT_FINDING.ruleId);
    expect(result).toMatchObject({
      level: 'error',
      message: { text: AUDIT_FINDING.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'openapi/petstore.yaml', uriBaseId: '%SRCROOT%' },
            region: { startLine: 42, startColumn: 7 },
          },
          logicalLocations: [{ name: 'POST /pets', fullyQualifiedName: 'createPet', kind: 'function' }],
          properties: { jsonPointer: '/paths/~1pets/post' },
        },
      ],
      relatedLocations: [
        {
          id: 1,
          physicalLocation: { region: { startLine: 88, startColumn: 7 } },
          logicalLocations: [{ name: 'DELETE /pets/{id}' }],
        },
      ],
      partialFingerprints: { [SARIF_FINGERPRINT_KEY]: AUDIT_FINDING.fingerprint },
    });
  });

  it('uses an absolute file: URI for a document outside the base directory', () => {
    const log = sarif(AUDIT_INPUT, '/somewhere/else');
    const loc = log.runs[0].results[0].locations[0].physicalLocation.artifactLocation;
    expect(loc).toEqual({ uri: pathToFileURL(resolve('openapi/petstore.yaml')).href });
    const outside = sarif({
      ...AUDIT_INPUT,
      findings: [{ ...AUDIT_FINDING, location: { document: { file: '/etc/api.yaml', line: 1 } } }],
    });
    expect(outside.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({
      uri: 'file:///etc/api.yaml',
    });
  });

  it('locates active-scan findings by target URL and carries the first exchange as webRequest/webResponse', () => {
    const result = sarif(SCAN_INPUT).runs[0].results.find((r: Any) => r.ruleId === SCAN_FINDING.ruleId);
    expect(result.locations[0].physicalLocation.artifactLocation).toEqual({
      uri: 'https://api.example.com/users/%7Bid%7D',
    });
    expect(result.locations[0].logicalLocations[0].name).toBe('GET /users/{id}');
    expect(result.webRequest).toMatchObject({ method: 'GET', target: 'https://api.example.com/users/1001' });
    expect(result.webResponse).toMatchObject({ statusCode: 200 });
    expect(result.properties.evidence.exchanges).toHaveLength(2);
  });

  it('reports engine errors as tool execution notifications and marks the run unsuccessful', () => {
    const run = sarif(SCAN_INPUT).runs[0];
    expect(run.invocations[0]).toMatchObject({
      executionSuccessful: false,
      startTimeUtc: '2026-01-15T10:00:00.000Z',
      endTimeUtc: '2026-01-15T10:00:03.250Z',
      toolExecutionNotifications: [
        {
          level: 'error',
          message: { text: expect.stringContaining('TypeError') },
          associatedRule: { id: 'bola-id-swap', index: 0 },
        },
      ],
    });
    expect(sarif(EMPTY_INPUT).runs[0].invocations[0].executionSuccessful).toBe(true);
    expect(sarif(EMPTY_INPUT).runs[0].results).toEqual([]);
  });

  it('never carries a credential', () => {
    expect(renderSarif(SCAN_INPUT)).not.toContain(SAMPLE_TOKEN);
  });
});
