import { RampartError } from '@rampart/core';
import { loadApiFromString } from '@rampart/openapi';
import { describe, expect, it } from 'vitest';
import { auditModel } from './audit-model.js';
import { defineRule, type Rule } from './define-rule.js';
import { auditText, oas, yamlDoc } from './test-rule.js';

const DOC = yamlDoc(`
  components:
    schemas:
      Note: { type: object, properties: { text: { type: string } } }
  paths:
    /notes:
      get: { responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Note' } } } } } }
      post:
        requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/Note' } } } }
        responses: { '201': { description: ok } }
    /notes/{noteId}:
      put:
        parameters: [ { name: noteId, in: path, required: true, schema: { type: string } } ]
        requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/Note' } } } }
        responses: { '200': { description: ok } }
`);

const META = {
  severity: 'medium' as const,
  owasp: 'API3' as const,
  cwe: 200,
  description: 'A rule written for the engine tests; it reports what the test tells it to report.',
  remediation: 'Nothing to fix: this is a test rule.',
};

/** Reports the Note schema once per operation that uses it. */
const perOperation = defineRule({
  ...META,
  id: 'test-per-operation',
  title: 'Test: one report per operation',
  check({ model, report }) {
    const note = model.schemas.find((s) => s.name === 'Note')!.schema;
    for (const op of model.operations) report({ node: note, operation: op, message: 'Note is used' });
  },
});

const throwing = defineRule({
  ...META,
  id: 'test-throws',
  title: 'Test: throws after one report',
  check({ model, report }) {
    report({ pointer: '/paths', message: 'reported before the failure' });
    if (model.operations.length > 0) throw new Error('boom');
  },
});

describe('auditModel', () => {
  it('groups reports on one node into one finding listing every operation', async () => {
    const result = await auditText(DOC, { rules: [perOperation] });
    expect(result.findings).toHaveLength(1);
    const [finding] = result.findings;
    expect(finding!.message).toBe(
      'Note is used (in 3 operations: GET /notes, POST /notes, PUT /notes/{noteId})',
    );
    expect(finding!.relatedLocations?.map((l) => `${l.method} ${l.path}`)).toEqual([
      'GET /notes',
      'POST /notes',
      'PUT /notes/{noteId}',
    ]);
    expect(finding!.location.document).toMatchObject({
      file: 'openapi.yaml',
      pointer: '/components/schemas/Note',
      line: 7,
    });
    expect(finding).toMatchObject({ source: 'audit', ruleId: 'test-per-operation', owasp: 'API3', cwe: 200 });
    expect(finding!.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });

  it('records a rule that throws, keeps its earlier reports, and runs the other rules', async () => {
    const result = await auditText(DOC, { rules: [throwing, perOperation] });
    expect(result.engineErrors).toEqual([
      { ruleId: 'test-throws', message: expect.stringContaining('boom') },
    ]);
    expect(result.findings.map((f) => f.ruleId).sort()).toEqual(['test-per-operation', 'test-throws']);
    expect(result.rulesRun.map((r) => r.id)).toEqual(['test-throws', 'test-per-operation']);
  });

  it('returns the checks: every operation for an operation-scoped rule, one for a document-scoped one', async () => {
    const scoped = defineRule({ ...perOperation, id: 'test-scoped', scope: 'operation' });
    const result = await auditText(DOC, { rules: [scoped, perOperation, throwing] });
    expect(result.checked.map((c) => [c.ruleId, c.operations?.map((o) => o.key)])).toEqual([
      ['test-scoped', ['GET /notes', 'POST /notes', 'PUT /notes/{noteId}']],
      // No scope declared: one check of the document, never more checks than ran.
      ['test-per-operation', undefined],
      // A rule that threw checked nothing to the end: it is an engine error instead.
    ]);
    expect(result.checked[0]!.operations).toBe(result.model.operations);
  });

  it('rejects an unknown scope at definition', () => {
    expect(() => defineRule({ ...perOperation, scope: 'path' as never })).toThrow(/scope must be/);
  });

  it('applies severity overrides over the report and the rule', async () => {
    const result = await auditText(DOC, {
      rules: [perOperation],
      severityOverrides: { 'test-per-operation': 'critical' },
    });
    expect(result.findings[0]!.severity).toBe('critical');
  });

  it('selects rules with enable and disable', async () => {
    const rules: Rule[] = [perOperation, throwing];
    expect((await auditText(DOC, { rules, enable: ['test-throws'] })).rulesRun.map((r) => r.id)).toEqual([
      'test-throws',
    ]);
    expect((await auditText(DOC, { rules, disable: ['test-throws'] })).rulesRun.map((r) => r.id)).toEqual([
      'test-per-operation',
    ]);
  });

  it('rejects unknown rule ids with a did-you-mean, listing every problem', async () => {
    const error = await auditText(DOC, {
      rules: [perOperation],
      disable: ['test-per-operatoin'],
      severityOverrides: { nope: 'high' },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RampartError);
    expect((error as RampartError).code).toBe('RAMPART_ERR_USAGE');
    expect((error as Error).message).toContain('did you mean "test-per-operation"?');
    expect((error as Error).message).toContain('unknown rule id "nope"');
  });

  it('runs every built-in rule on a realistic document without engine errors', async () => {
    const result = await auditText(DOC);
    expect(result.engineErrors).toEqual([]);
    expect(result.rulesRun.length).toBeGreaterThanOrEqual(32);
    expect(result.findings.length).toBeGreaterThan(0);
  });
});

describe('x-rampart-ignore', () => {
  const suppressed = (where: string) =>
    yamlDoc(`
      paths:
        /orders:
          ${where === 'operation' ? 'post:\n            x-rampart-ignore: [ { rule: write-operation-without-security, reason: behind the VPN } ]' : 'post:'}
            responses: { '201': { description: ok } }
        /refunds:
          post:
            responses: { '201': { description: ok } }
      ${where === 'root' ? 'x-rampart-ignore: { write-operation-without-security: internal network only }' : ''}
    `);

  it('on an operation: hides that operation only, with its reason', async () => {
    const result = await auditText(suppressed('operation'), { enable: ['write-operation-without-security'] });
    expect(result.findings.map((f) => f.location.path)).toEqual(['/refunds']);
    expect(result.suppressed).toHaveLength(1);
    expect(result.suppressed[0]).toMatchObject({
      reason: 'behind the VPN',
      finding: { location: { path: '/orders' } },
    });
  });

  it('at the document root (map form): hides the rule everywhere', async () => {
    const result = await auditText(suppressed('root'), { enable: ['write-operation-without-security'] });
    expect(result.findings).toEqual([]);
    expect(result.suppressed.map((s) => s.reason)).toEqual([
      'internal network only',
      'internal network only',
    ]);
  });

  it('on a schema: hides findings on it and its inline properties, not on schemas it references', async () => {
    const doc = yamlDoc(`
      components:
        schemas:
          Tag: { type: object, properties: { label: { type: string } } }
          Post:
            type: object
            x-rampart-ignore: [ { rule: string-without-max-length, reason: validated by the CMS } ]
            properties: { title: { type: string }, tag: { $ref: '#/components/schemas/Tag' } }
      paths:
        /posts:
          post:
            requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/Post' } } } }
            responses: { '201': { description: ok } }
    `);
    const result = await auditText(doc, { enable: ['string-without-max-length'] });
    expect(result.suppressed.map((s) => s.finding.location.document?.pointer)).toEqual([
      '/components/schemas/Post',
    ]);
    expect(result.findings.map((f) => f.location.document?.pointer)).toEqual(['/components/schemas/Tag']);
  });

  it('without a reason: not applied, and a warning says why', async () => {
    const doc = yamlDoc(`
      paths:
        /orders:
          post:
            x-rampart-ignore: [ { rule: write-operation-without-security }, { rule: write-operation-without-securty, reason: x } ]
            responses: { '201': { description: ok } }
    `);
    const result = await auditText(doc, { enable: ['write-operation-without-security'] });
    expect(result.findings).toHaveLength(1);
    expect(result.suppressed).toEqual([]);
    expect(result.warnings.map((w) => w.code)).toEqual([
      'suppression-without-reason',
      'suppression-unknown-rule',
    ]);
    expect(result.warnings[1]!.message).toContain('did you mean "write-operation-without-security"?');
    expect(result.warnings[0]!.location?.line).toBe(7);
  });

  it('in JSON, also when the key is spelled with escapes (the loader cannot rule it out from the text)', async () => {
    const operation = (key: string) => ({
      post: {
        [key]: [{ rule: 'write-operation-without-security', reason: 'behind the VPN' }],
        responses: { '201': { description: 'ok' } },
      },
    });
    const text = oas({
      paths: { '/orders': operation('x-rampart-ignore'), '/refunds': operation('x-other') },
    }).replace('"x-rampart-ignore"', '"\\u0078-rampart-ignore"');
    expect(text).toContain('"\\u0078-rampart-ignore"');
    const model = await loadApiFromString(text, 'openapi.json');
    const result = auditModel(model, { enable: ['write-operation-without-security'] });
    expect(result.findings.map((f) => f.location.path)).toEqual(['/refunds']);
    expect(result.suppressed.map((s) => s.reason)).toEqual(['behind the VPN']);
  });
});
