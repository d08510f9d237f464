import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadApiFromString } from '@rampart/openapi';
import { SignJWT } from 'jose';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway, type GatewayOptions } from '../src/index.js';
import { collectEvents, type EventCollector } from './collect-events.js';
import { startUpstream, type TestUpstream } from './start-upstream.js';

const DESCRIPTION = `
openapi: 3.0.3
info: { title: Authorization test, version: '1' }
components:
  securitySchemes:
    bearer: { type: http, scheme: bearer }
    key: { type: apiKey, in: header, name: X-API-Key }
  schemas:
    Account:
      type: object
      properties:
        id: { type: string, readOnly: true }
        owner: { type: string }
        balance: { type: number }
        pin: { type: string, writeOnly: true }
        internalNote: { type: string, x-rampart-roles: [support] }
        limits:
          type: object
          properties: { daily: { type: number } }
security: [{ bearer: [] }]
paths:
  /accounts/{accountId}:
    parameters: [{ name: accountId, in: path, required: true, schema: { type: string } }]
    get:
      operationId: getAccount
      security: [{ bearer: ['accounts:read'] }]
      responses:
        '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Account' } } } }
    patch:
      operationId: updateAccount
      requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/Account' } } } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Account' } } } }
  /accounts/{accountId}/statement:
    parameters: [{ name: accountId, in: path, required: true, schema: { type: string } }]
    get:
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: array, items: { $ref: '#/components/schemas/Account' } } }, text/csv: {} } }
  /orgs/{orgId}/reports:
    parameters: [{ name: orgId, in: path, required: true, schema: { type: string } }]
    get:
      x-rampart-roles: [auditor]
      responses: { '200': { description: ok } }
  /transfers:
    post:
      requestBody: { content: { application/json: { schema: { type: object, properties: { fromAccount: { type: string }, amount: { type: number } } } } } }
      responses: { '201': { description: created } }
  /either:
    get:
      security: [{ bearer: ['special'] }, { key: [] }]
      responses: { '200': { description: ok } }
`;

const SECRET = new TextEncoder().encode('a-test-hmac-secret-of-at-least-32-bytes!!');
const ISSUER = 'https://idp.example.test/';
const API_KEY = 'rk_test_0123456789abcdef0123456789abcdef';

let upstream: TestUpstream;
let events: EventCollector;
let model: Awaited<ReturnType<typeof loadApiFromString>>;
let dir: string;
let base: string;
const gateways: Gateway[] = [];
const lookups: string[] = [];

const token = (sub: string, claims: Record<string, unknown> = {}) =>
  new SignJWT({ sub, scope: 'accounts:read', roles: ['teller'], tenant: 'acme', ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience('api')
    .setExpirationTime('5m')
    .sign(SECRET);

async function start(extra: Partial<GatewayOptions> = {}, authorize: Record<string, unknown> = {}) {
  const gateway = createGateway({
    listen: { port: 0 },
    adminListen: false,
    upstreams: [upstream.url],
    routing: { model },
    eventSink: events.sink,
    policies: {
      jwt: {
        issuers: [
          {
            issuer: ISSUER,
            audience: 'api',
            algorithms: ['HS256'],
            keys: [{ kty: 'oct', k: Buffer.from(SECRET).toString('base64url') }],
          },
        ],
      },
      'api-key': {
        scheme: 'key',
        keys: [{ id: 'partner', sha256: createHash('sha256').update(API_KEY).digest('hex') }],
      },
      authorize: {
        roles: { updateAccount: ['teller', 'admin'] },
        relations: {
          file: join(dir, 'tuples.txt'),
          rules: { account: { viewer: ['owner', 'parent->member'] } },
        },
        objects: [
          {
            operation: 'getAccount',
            object: { from: 'path', name: 'accountId', type: 'account' },
            owner: { relation: 'viewer' },
            bypassRoles: ['support'],
          },
          {
            operation: 'GET /accounts/{accountId}/statement',
            object: { from: 'path', name: 'accountId', type: 'account' },
            owner: { relation: 'viewer' },
          },
          {
            operation: 'PATCH /accounts/{accountId}',
            object: { from: 'path', name: 'accountId' },
            owner: { lookup: { url: '/internal/owners/{value}', pointer: '/ownerId' } },
          },
          {
            operation: 'GET /orgs/{orgId}/reports',
            object: { from: 'path', name: 'orgId' },
            owner: { claim: 'tenant' },
          },
          {
            operation: 'POST /transfers',
            object: { from: 'body', name: 'fromAccount', type: 'account' },
            owner: { relation: 'viewer' },
          },
        ],
        properties: {
          visibleTo: [{ property: 'balance', roles: ['teller', 'support'] }],
          privilegedRoles: ['admin'],
        },
        ...authorize,
      },
    },
    ...extra,
  });
  gateways.push(gateway);
  return `http://127.0.0.1:${(await gateway.listen()).port}`;
}

async function call(
  path: string,
  options: { token?: string; method?: string; body?: unknown; key?: string; at?: string } = {},
) {
  const headers: Record<string, string> = {};
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  if (options.key) headers['x-api-key'] = options.key;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await request(`${options.at ?? base}${path}`, {
    method: (options.method ?? 'GET') as 'GET',
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, text, id: String(res.headers['x-request-id']) };
}

const ACCOUNT = {
  id: '123',
  owner: 'alice',
  balance: 10,
  pin: '1234',
  internalNote: 'vip',
  ssn: '078-05-1120',
  limits: { daily: 5, overrideCode: 'x' },
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rampart-authz-'));
  writeFileSync(
    join(dir, 'tuples.txt'),
    [
      '# who may see accounts',
      'account:123 owner user:alice',
      'account:123 parent org:acme',
      'org:acme member user:bob',
      '',
    ].join('\n'),
  );
  upstream = await startUpstream();
  upstream.handle((req, res) => {
    const url = req.url ?? '';
    const owner = /^\/internal\/owners\/(.+)$/.exec(url);
    if (owner) {
      lookups.push(owner[1] as string);
      res.writeHead(owner[1] === '123' ? 200 : 404, { 'content-type': 'application/json' });
      return void res.end(owner[1] === '123' ? '{"ownerId":"alice"}' : '{}');
    }
    req.resume();
    req.on('end', () => {
      if (url.endsWith('/statement') && url.includes('csv')) {
        res.writeHead(200, { 'content-type': 'text/csv' });
        return void res.end('id,ssn\n123,078-05-1120\n');
      }
      if (url.endsWith('/statement')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify(Array.from({ length: 2000 }, () => ACCOUNT)));
      }
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', etag: '"v1"' });
      res.end(JSON.stringify(ACCOUNT));
    });
  });
  events = collectEvents();
  model = await loadApiFromString(DESCRIPTION, 'authz.yaml');
  base = await start();
});
afterAll(async () => {
  await Promise.all(gateways.map((g) => g.close()));
  await upstream.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('function level', () => {
  it('needs the scopes of the security requirement (403 insufficient_scope)', async () => {
    const res = await call('/accounts/123', { token: await token('alice', { scope: 'other' }) });
    expect(res.status).toBe(403);
    expect(res.headers['www-authenticate']).toBe('Bearer error="insufficient_scope", scope="accounts:read"');
    expect(await events.waitFor((e) => e.id === res.id)).toMatchObject({ deniedBy: { policy: 'authorize' } });
    expect((await call('/accounts/123', { token: await token('alice') })).status).toBe(200);
  });

  it('evaluates alternatives: either a bearer token with the scope or an API key', async () => {
    expect((await call('/either')).status).toBe(401);
    expect((await call('/either', { key: API_KEY })).status).toBe(200);
    expect((await call('/either', { token: await token('alice') })).status).toBe(403);
    expect((await call('/either', { token: await token('alice', { scope: 'special' }) })).status).toBe(200);
  });

  it('needs a role of the operation (x-rampart-roles and policy roles)', async () => {
    expect((await call('/orgs/acme/reports', { token: await token('alice') })).status).toBe(403);
    expect(
      (await call('/orgs/acme/reports', { token: await token('alice', { roles: ['auditor'] }) })).status,
    ).toBe(200);
    const res = await call('/accounts/123', {
      method: 'PATCH',
      body: { owner: 'alice' },
      token: await token('alice', { roles: ['viewer'] }),
    });
    expect(res.status).toBe(403);
  });
});

describe('object level', () => {
  it('walks relationship tuples: owner, member of the parent org; others refused', async () => {
    expect((await call('/accounts/123', { token: await token('alice') })).status).toBe(200);
    expect((await call('/accounts/123', { token: await token('bob') })).status).toBe(200);
    const res = await call('/accounts/123', { token: await token('carol') });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.text).detail).toBe('You may not access this resource.');
    expect((await events.waitFor((e) => e.id === res.id)).deniedBy?.reason).toMatch(
      /carol may not act on account:123/,
    );
    expect((await call('/accounts/124', { token: await token('alice') })).status).toBe(403);
    expect(
      (await call('/accounts/124', { token: await token('carol', { roles: ['support'] }) })).status,
    ).toBe(200);
  });

  it('reloads the tuples file when it changes', async () => {
    writeFileSync(join(dir, 'live.txt'), 'account:123 owner user:alice\n');
    const at = await start(
      {},
      {
        relations: {
          file: join(dir, 'live.txt'),
          watchIntervalMs: 20,
          rules: { account: { viewer: ['owner'] } },
        },
      },
    );
    expect((await call('/accounts/123', { token: await token('dave'), at })).status).toBe(403);
    writeFileSync(join(dir, 'live.txt'), 'account:123 owner user:dave\n# comment\n');
    let status = 0;
    for (let i = 0; i < 100 && status !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = (await call('/accounts/123', { token: await token('dave'), at })).status;
    }
    expect(status).toBe(200);
  });

  it('matches a claim (tenant) against the path', async () => {
    const auditor = await token('erin', { roles: ['auditor'], tenant: 'acme' });
    expect((await call('/orgs/acme/reports', { token: auditor })).status).toBe(200);
    expect((await call('/orgs/globex/reports', { token: auditor })).status).toBe(403);
  });

  it('asks a lookup service who owns the object, and caches the answer', async () => {
    const before = lookups.length;
    expect(
      (
        await call('/accounts/123', {
          method: 'PATCH',
          body: { owner: 'alice' },
          token: await token('alice'),
        })
      ).status,
    ).toBe(200);
    expect(
      (await call('/accounts/123', { method: 'PATCH', body: { owner: 'bob' }, token: await token('bob') }))
        .status,
    ).toBe(403);
    expect(
      (await call('/accounts/999', { method: 'PATCH', body: { owner: 'x' }, token: await token('alice') }))
        .status,
    ).toBe(403);
    expect(lookups.slice(before)).toEqual(['123', '999']);
  });

  it('reads the object id from the body', async () => {
    expect(
      (
        await call('/transfers', {
          method: 'POST',
          body: { fromAccount: '123', amount: 5 },
          token: await token('bob'),
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call('/transfers', {
          method: 'POST',
          body: { fromAccount: '123', amount: 5 },
          token: await token('carol'),
        })
      ).status,
    ).toBe(403);
    expect(
      (await call('/transfers', { method: 'POST', body: { amount: 5 }, token: await token('bob') })).status,
    ).toBe(403);
  });
});

describe('property level', () => {
  it('filters responses: undeclared, writeOnly, role-restricted properties; fixes Content-Length', async () => {
    const res = await call('/accounts/123', { token: await token('alice') });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ id: '123', owner: 'alice', balance: 10, limits: { daily: 5 } });
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.text));
    expect(res.headers['etag']).toBeUndefined();
    const support = await call('/accounts/123', { token: await token('sam', { roles: ['support'] }) });
    expect(JSON.parse(support.text)).toEqual({
      id: '123',
      owner: 'alice',
      balance: 10,
      internalNote: 'vip',
      limits: { daily: 5 },
    });
    const auditor = await call('/accounts/123', { token: await token('bob', { roles: ['auditor'] }) });
    expect(JSON.parse(auditor.text)).toEqual({ id: '123', owner: 'alice', limits: { daily: 5 } });
    // the upstream was asked for an uncompressed body
    expect(upstream.seen.at(-1)?.headers['accept-encoding']).toBe('identity');
  });

  it('refuses read-only (400) and privileged (403) properties in request bodies', async () => {
    const alice = await token('alice');
    const readOnly = await call('/accounts/123', { method: 'PATCH', body: { id: '999' }, token: alice });
    expect(readOnly.status).toBe(400);
    expect(JSON.parse(readOnly.text).detail).toMatch(/read-only properties: \/id/);
    const privileged = await call('/accounts/123', {
      method: 'PATCH',
      body: { owner: 'alice', balance: 1e9 },
      token: alice,
    });
    expect(privileged.status).toBe(403);
    const nested = await call('/accounts/123', {
      method: 'PATCH',
      body: { limits: { isAdmin: true } },
      token: alice,
    });
    expect(nested.status).toBe(403);
    const admin = await token('alice', { roles: ['teller', 'admin'] });
    expect(
      (await call('/accounts/123', { method: 'PATCH', body: { balance: 1 }, token: admin })).status,
    ).toBe(200);
  });

  it('refuses (502) a JSON response too large to filter, and streams other media types untouched', async () => {
    const at = await start({ limits: { maxResponseBufferBytes: 4096 } });
    const bob = await token('bob');
    const res = await call('/accounts/123/statement', { token: bob, at });
    expect(res.status).toBe(502);
    const csv = await call('/accounts/123/statement?format=csv', { token: bob, at });
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('078-05-1120');
    const filtered = await call('/accounts/123/statement', { token: bob });
    expect(filtered.status).toBe(200);
    const list = JSON.parse(filtered.text) as Record<string, unknown>[];
    expect(list).toHaveLength(2000);
    expect(list[0]).not.toHaveProperty('ssn');
  });
});
