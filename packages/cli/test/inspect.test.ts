import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMain } from './run-main.js';

const dir = mkdtempSync(join(tmpdir(), 'rampart-inspect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PETSTORE = `openapi: 3.0.3
info:
  title: Petstore
  version: 1.2.0
servers:
  - url: https://api.example.com/v1
security:
  - bearer: []
components:
  securitySchemes:
    bearer:
      type: http
      scheme: bearer
      bearerFormat: JWT
    key:
      type: apiKey
      in: header
      name: X-API-Key
  schemas:
    Pet:
      type: object
      properties:
        id: { type: integer }
paths:
  /pets:
    get:
      security: [{}, { key: [] }]
      responses:
        '200': { description: ok }
    post:
      responses:
        '201': { description: created }
  /pets/{id}:
    parameters:
      - { name: id, in: path, required: true, schema: { type: integer } }
    get:
      responses:
        '200': { description: ok }
    delete:
      deprecated: true
      responses:
        '204': { description: gone }
  /health:
    get:
      security: []
      responses:
        '200': { description: ok }
`;

describe('rampart inspect', () => {
  writeFileSync(join(dir, 'petstore.yaml'), PETSTORE);

  it('prints a text summary', async () => {
    const { code, stdout, stderr } = await runMain(['inspect', 'petstore.yaml'], { cwd: dir });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Petstore 1.2.0 (OpenAPI 3.0.3)\n');
    expect(stdout).toContain('servers: https://api.example.com/v1\n');
    expect(stdout).toContain(
      'security schemes (2):\n  bearer  HTTP bearer (JWT)\n  key     API key in header "X-API-Key"\n',
    );
    expect(stdout).toContain('operations: 5 (GET 3, POST 1, DELETE 1)\n');
    expect(stdout).toContain('deprecated operations: 1\n');
    expect(stdout).toContain('operations without security (1):\n  GET /health\n');
    expect(stdout).toContain('operations where authentication is optional (1):\n  GET /pets\n');
  });

  it('prints JSON with --format json', async () => {
    const { code, stdout } = await runMain(['inspect', join(dir, 'petstore.yaml'), '--format', 'json']);
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({
      title: 'Petstore',
      version: '1.2.0',
      specVersion: '3.0.3',
      servers: ['https://api.example.com/v1'],
      operations: {
        total: 5,
        byMethod: { GET: 3, POST: 1, DELETE: 1 },
        withoutSecurity: ['GET /health'],
        optionalSecurity: ['GET /pets'],
        deprecated: 1,
      },
      webhooks: 0,
      schemas: 1,
    });
    expect(summary.securitySchemes).toEqual([
      { name: 'bearer', type: 'http', detail: 'HTTP bearer (JWT)' },
      { name: 'key', type: 'apiKey', detail: 'API key in header "X-API-Key"' },
    ]);
  });

  it('reports a broken document with file:line and a hint, exit 2', async () => {
    writeFileSync(join(dir, 'broken.yaml'), 'openapi: 3.0.3\ninfo:\n  title: x\n   version: 1\npaths: {}\n');
    const { code, stdout, stderr } = await runMain(['inspect', 'broken.yaml'], { cwd: dir });
    expect(stdout).toBe('');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^rampart: /);
    expect(stderr).toMatch(/broken\.yaml:\d+:\d+/);
    expect(stderr).toMatch(/\nhint: /);
    expect(stderr).toMatch(/\(RAMPART_ERR_OPENAPI_[A-Z_]+\)\n$/);
  });

  it('reports a document that is not OpenAPI, and a missing file, with exit 2', async () => {
    writeFileSync(join(dir, 'other.json'), '{"name": "not an api"}');
    const other = await runMain(['inspect', 'other.json'], { cwd: dir });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('(RAMPART_ERR_OPENAPI_NOT_OPENAPI)');
    const missing = await runMain(['inspect', 'nope.yaml'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.yaml');
    expect(missing.stderr).toContain('(RAMPART_ERR_OPENAPI_READ)');
  });

  it('names the missing argument', async () => {
    const { code, stderr } = await runMain(['inspect']);
    expect(code).toBe(2);
    expect(stderr).toContain('missing argument <openapi> for "rampart inspect"');
    expect(stderr).toContain('usage: rampart inspect <openapi> [--format text|json]');
  });
});
