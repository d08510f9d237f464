import { describe, expect, it } from 'vitest';
import { deriveTestPlan } from './derive-test-plan.js';
import { auditText, yamlDoc } from './test-rule.js';

const DOC = yamlDoc(`
  security: [ { b: [] } ]
  components:
    securitySchemes: { b: { type: http, scheme: bearer } }
    schemas:
      Profile:
        type: object
        properties:
          name: { type: string, pattern: '^[a-z]+$' }
          role: { type: string }
          avatarUrl: { type: string, format: uri }
          ownerId: { type: string }
  paths:
    /users/{userId}:
      get:
        parameters:
          - { name: userId, in: path, required: true, schema: { type: integer } }
        responses: { '200': { description: ok } }
      put:
        parameters:
          - { name: userId, in: path, required: true, schema: { type: integer } }
        requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/Profile' } } } }
        responses: { '200': { description: ok } }
    /users:
      get:
        parameters: [ { name: limit, in: query, schema: { type: integer } }, { name: next, in: query, schema: { type: string } } ]
        responses: { '200': { description: ok } }
    /auth/login:
      post: { security: [], responses: { '200': { description: ok } } }
    /admin/users:
      get: { responses: { '200': { description: ok } } }
    /avatars:
      post:
        requestBody: { content: { multipart/form-data: { schema: { type: object, properties: { file: { type: string, format: binary } } } } } }
        responses: { '201': { description: ok } }
    /orders/checkout:
      post: { responses: { '201': { description: ok } } }
`);

describe('deriveTestPlan', () => {
  it('lists the inputs to attack first, with pointers and related rules', async () => {
    const result = await auditText(DOC);
    const plan = deriveTestPlan(result.model, result.findings);
    expect(plan).toMatchObject({
      version: 1,
      tool: 'rampart-audit',
      source: { file: 'openapi.yaml', specVersion: '3.0' },
    });
    const summary = plan.entries.map(
      (e) => `${e.priority} ${e.kind} ${e.operation} ${e.target?.in ?? '-'}:${e.target?.name ?? '-'}`,
    );
    expect(summary).toEqual(
      expect.arrayContaining([
        '1 bola GET /users/{userId} path:userId',
        '1 bola PUT /users/{userId} body:ownerId',
        '1 mass-assignment PUT /users/{userId} body:role',
        '1 ssrf PUT /users/{userId} body:avatarUrl',
        '1 pagination GET /users query:limit',
        '2 open-redirect GET /users query:next',
        '1 auth-flow POST /auth/login -:-',
        '1 admin-operation GET /admin/users -:-',
        '2 file-upload POST /avatars -:-',
        '2 business-flow POST /orders/checkout -:-',
        '3 regex PUT /users/{userId} body:name',
      ]),
    );
    const role = plan.entries.find((e) => e.kind === 'mass-assignment' && e.target?.name === 'role')!;
    expect(role.target).toEqual({
      in: 'body',
      name: 'role',
      propertyPath: ['role'],
      mediaType: 'application/json',
      pointer: '/paths/~1users~1{userId}/put/requestBody/content/application~1json/schema/properties/role',
    });
    expect(role.ruleIds).toContain('privileged-field-writable');
    const bola = plan.entries.find((e) => e.kind === 'bola' && e.target?.name === 'userId')!;
    expect(bola.ruleIds).toContain('sequential-object-id');
    expect(plan.entries.map((e) => e.priority)).toEqual([...plan.entries.map((e) => e.priority)].sort());
  });

  it('is empty for a document with nothing to attack', async () => {
    const result = await auditText(
      yamlDoc(`
      paths:
        /ping: { get: { responses: { '204': { description: ok } } } }
    `),
    );
    expect(deriveTestPlan(result.model, result.findings).entries).toEqual([]);
  });
});
