import { createHash } from 'node:crypto';
import { loadApiFromString } from '@rampart/openapi';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../src/index.js';
import { collectEvents, type EventCollector } from './collect-events.js';
import { startUpstream, type TestUpstream } from './start-upstream.js';

const DESCRIPTION = `
openapi: 3.0.3
info: { title: Routing test, version: '1' }
servers: [{ url: 'https://api.example.test/v1' }]
components:
  securitySchemes:
    partnerKey: { type: apiKey, in: header, name: X-API-Key }
paths:
  /users/{id}:
    get:
      operationId: getUser
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses: { '200': { description: ok } }
    delete:
      operationId: deleteUser
      security: [{ partnerKey: [] }]
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses: { '204': { description: gone } }
  /health:
    get:
      responses: { '200': { description: ok } }
`;

const KEY = 'rk_live_4f9a2c0e1b7d4e8a9c3f5b6d7e8f9a0b';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

let upstream: TestUpstream;
let gateway: Gateway;
let base: string;
let events: EventCollector;

beforeAll(async () => {
  upstream = await startUpstream();
  events = collectEvents();
  const model = await loadApiFromString(DESCRIPTION, 'routing.yaml');
  gateway = createGateway({
    listen: { port: 0 },
    adminListen: false,
    upstreams: [upstream.url],
    routing: { model },
    eventSink: events.sink,
    policies: {
      'api-key': {
        scheme: 'partnerKey',
        keys: [{ id: 'partner-a', sha256: sha256(KEY), roles: ['partner'] }],
      },
    },
  });
  base = `http://127.0.0.1:${(await gateway.listen()).port}`;
});
afterAll(async () => {
  await gateway.close();
  await upstream.close();
});

describe('routing by the API description', () => {
  it('forwards a declared operation and records route, operation and params', async () => {
    const res = await request(`${base}/v1/users/%61b%20c`);
    expect(res.statusCode).toBe(200);
    await res.body.dump();
    const event = await events.waitFor((e) => e.path === '/v1/users/ab%20c');
    expect(event).toMatchObject({ route: '/users/{id}', operationId: 'getUser', verdict: 'allow' });
    expect(upstream.seen.at(-1)?.url).toBe('/v1/users/ab%20c');
  });

  it('refuses an unknown path with 404 and an undeclared method with 405 and Allow (no shadow routes)', async () => {
    const before = upstream.seen.length;
    const unknown = await request(`${base}/v1/admin`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toBe('application/problem+json');
    await unknown.body.dump();
    const wrongMethod = await request(`${base}/v1/users/7`, { method: 'PATCH' });
    expect(wrongMethod.statusCode).toBe(405);
    expect(wrongMethod.headers.allow).toBe('GET, DELETE, HEAD');
    await wrongMethod.body.dump();
    const outsideBase = await request(`${base}/users/7`);
    expect(outsideBase.statusCode).toBe(404);
    await outsideBase.body.dump();
    expect(upstream.seen.length).toBe(before);
    const event = await events.waitFor((e) => e.path === '/v1/admin');
    expect(event).toMatchObject({ status: 404, verdict: 'deny', deniedBy: { policy: 'route' } });
  });

  it('accepts HEAD wherever GET is declared', async () => {
    const res = await request(`${base}/v1/health`, { method: 'HEAD' });
    expect(res.statusCode).toBe(200);
    await res.body.dump();
  });
});

describe('api-key policy', () => {
  it('requires a key only on operations whose security names the scheme', async () => {
    const missing = await request(`${base}/v1/users/7`, { method: 'DELETE' });
    expect(missing.statusCode).toBe(401);
    expect(await missing.body.json()).toMatchObject({ status: 401, detail: 'An API key is required.' });
    const wrong = await request(`${base}/v1/users/7`, {
      method: 'DELETE',
      headers: { 'x-api-key': `${KEY}x` },
    });
    expect(wrong.statusCode).toBe(401);
    await wrong.body.dump();
    const ok = await request(`${base}/v1/users/8`, { method: 'DELETE', headers: { 'x-api-key': KEY } });
    expect(ok.statusCode).toBe(200);
    await ok.body.dump();
    const event = await events.waitFor((e) => e.path === '/v1/users/8' && e.method === 'DELETE');
    expect(event.identity).toMatchObject({ subject: 'partner-a', method: 'api-key', roles: ['partner'] });
    expect(event.auth).toBe('success');
    const denied = await events.waitFor(
      (e) => e.path === '/v1/users/7' && e.method === 'DELETE' && e.auth === 'invalid',
    );
    expect(denied.deniedBy?.policy).toBe('api-key');
    // the key never reaches an event
    expect(JSON.stringify(events.events)).not.toContain(KEY);
    // operations without the scheme are not affected
    const open = await request(`${base}/v1/users/9`);
    expect(open.statusCode).toBe(200);
    await open.body.dump();
  });

  it('refuses configurations that would store or log a key', async () => {
    const model = await loadApiFromString(DESCRIPTION, 'routing.yaml');
    expect(() =>
      createGateway({
        upstreams: [upstream.url],
        adminListen: false,
        routing: { model },
        policies: {
          'api-key': { in: 'header', name: 'X-Partner', keys: [{ id: '', sha256: KEY }] },
          'no-such-policy': {},
        },
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'RAMPART_ERR_CONFIG_INVALID',
        problems: expect.arrayContaining([
          expect.objectContaining({ path: 'policies.no-such-policy' }),
          expect.objectContaining({ path: 'policies.api-key.name' }),
          expect.objectContaining({ path: 'policies.api-key.keys[0].id' }),
          expect.objectContaining({ path: 'policies.api-key.keys[0].sha256' }),
        ]),
      }),
    );
  });
});
