import { createHash } from 'node:crypto';
import { loadApiFromString } from '@rampart/openapi';
import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../src/index.js';
import { collectEvents, type EventCollector } from './collect-events.js';
import { startUpstream, type TestUpstream } from './start-upstream.js';

const DESCRIPTION = `
openapi: 3.0.3
info: { title: Rate limit test, version: '1' }
components:
  securitySchemes:
    key: { type: apiKey, in: header, name: X-API-Key }
paths:
  /items:
    get:
      security: []
      responses: { '200': { description: ok } }
  /reports:
    get:
      security: [{ key: [] }]
      responses: { '200': { description: ok } }
  /transfers:
    post:
      operationId: createTransfer
      security: [{ key: [] }]
      responses: { '201': { description: created } }
`;

const KEYS = { alice: 'rk_alice_0123456789abcdef0123456789ab', bob: 'rk_bob_0123456789abcdef0123456789abcd' };
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

let upstream: TestUpstream;
let events: EventCollector;
let gateway: Gateway;
let pool: Pool;

beforeAll(async () => {
  upstream = await startUpstream();
  events = collectEvents();
  gateway = createGateway({
    listen: { port: 0 },
    adminListen: false,
    upstreams: [upstream.url],
    routing: { model: await loadApiFromString(DESCRIPTION, 'rl.yaml') },
    eventSink: events.sink,
    policies: {
      'api-key': {
        scheme: 'key',
        keys: [
          { id: 'alice', sha256: sha(KEYS.alice) },
          { id: 'bob', sha256: sha(KEYS.bob) },
        ],
      },
      'rate-limit': {
        limits: [
          {
            name: 'per-ip-items',
            by: ['ip', 'operation'],
            limit: 50,
            windowSeconds: 3600,
            operations: ['GET /items'],
          },
          {
            name: 'per-key',
            by: ['api-key'],
            limit: 5,
            windowSeconds: 3600,
            algorithm: 'token-bucket',
            operations: ['GET /reports'],
          },
        ],
        quotas: [{ name: 'transfers', operations: ['createTransfer'], limit: 3, periodSeconds: 3600 }],
      },
    },
  });
  const { port } = await gateway.listen();
  pool = new Pool(`http://127.0.0.1:${port}`, { connections: 64 });
});
afterAll(async () => {
  await pool.close();
  await gateway.close();
  await upstream.close();
});

async function call(path: string, key?: string, method = 'GET') {
  const res = await pool.request({ path, method: method as 'GET', headers: key ? { 'x-api-key': key } : {} });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, text, id: String(res.headers['x-request-id']) };
}

describe('rate-limit policy', () => {
  it('is exact under concurrency: 200 parallel requests against a limit of 50 let exactly 50 through', async () => {
    const before = upstream.seen.length;
    const results = await Promise.all(Array.from({ length: 200 }, () => call('/items')));
    const passed = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status === 429);
    expect(passed).toHaveLength(50);
    expect(refused).toHaveLength(150);
    expect(upstream.seen.length - before).toBe(50);
    const one = refused[0] as (typeof refused)[number];
    expect(Number(one.headers['retry-after'])).toBeGreaterThan(0);
    expect(one.headers['ratelimit-policy']).toBe('"per-ip-items";q=50;w=3600');
    expect(one.headers['ratelimit']).toMatch(/^"per-ip-items";r=0;t=\d+$/);
    expect(one.headers['content-type']).toBe('application/problem+json');
    expect(await events.waitFor((e) => e.id === one.id)).toMatchObject({
      status: 429,
      verdict: 'deny',
      deniedBy: { policy: 'rate-limit' },
    });
    expect(String(passed[0]?.headers['ratelimit'])).toMatch(/^"per-ip-items";r=\d+;t=\d+$/);
  });

  it('counts per API key: one caller exhausting its bucket does not affect another', async () => {
    for (let i = 0; i < 5; i++) expect((await call('/reports', KEYS.alice)).status).toBe(200);
    expect((await call('/reports', KEYS.alice)).status).toBe(429);
    expect((await call('/reports', KEYS.bob)).status).toBe(200);
  });

  it('enforces a business-flow quota per identity (3 transfers per hour)', async () => {
    for (let i = 0; i < 3; i++) expect((await call('/transfers', KEYS.bob, 'POST')).status).toBe(200);
    const fourth = await call('/transfers', KEYS.bob, 'POST');
    expect(fourth.status).toBe(429);
    expect(JSON.parse(fourth.text).detail).toMatch(/quota "transfers"/);
    expect(fourth.headers['ratelimit-policy']).toBe('"transfers";q=3;w=3600');
    expect((await call('/transfers', KEYS.alice, 'POST')).status).toBe(200);
  });

  it('reports every configuration problem', () => {
    expect(() =>
      createGateway({
        upstreams: ['http://127.0.0.1:1'],
        adminListen: false,
        policies: {
          'rate-limit': {
            limits: [{ name: 'x y', by: ['user'], limit: -1 }],
            quotas: [{ name: 'q', limit: 1, periodSeconds: 60 }],
          },
        },
      }),
    ).toThrowError(
      /name: must be a token[\s\S]*by: "user" is not one of[\s\S]*limit: must be an integer[\s\S]*windowSeconds: is required[\s\S]*operations: is required/,
    );
  });
});
