import { loadApiFromString } from '@rampart/openapi';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../src/index.js';
import { collectEvents, type EventCollector } from './collect-events.js';
import { startUpstream, type TestUpstream } from './start-upstream.js';

const DESCRIPTION = `
openapi: 3.0.3
info: { title: Validation test, version: '1' }
paths:
  /items:
    get:
      parameters: [{ name: limit, in: query, schema: { type: integer, maximum: 100 } }]
      responses:
        '200':
          description: ok
          content: { application/json: { schema: { type: array, items: { type: object, required: [id], properties: { id: { type: integer } } } } } }
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [name]
              additionalProperties: false
              properties: { name: { type: string, maxLength: 10 }, password: { type: string, minLength: 12 } }
      responses: { '201': { description: created } }
  /broken:
    get:
      parameters: [{ name: q, in: query, schema: { type: string, pattern: '([' } }]
      responses: { '200': { description: ok } }
`;

let upstream: TestUpstream;
let events: EventCollector;
const gateways: Gateway[] = [];
const warnings: string[] = [];
let model: Awaited<ReturnType<typeof loadApiFromString>>;
let responseBody = '[{"id":1}]';

async function start(config: Record<string, unknown>) {
  const gateway = createGateway({
    listen: { port: 0 },
    adminListen: false,
    upstreams: [upstream.url],
    routing: { model },
    eventSink: events.sink,
    logger: { warn: (m) => warnings.push(m) },
    policies: { 'request-validation': config },
  });
  gateways.push(gateway);
  return `http://127.0.0.1:${(await gateway.listen()).port}`;
}

async function call(base: string, path: string, body?: string, contentType = 'application/json') {
  const res = await request(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body !== undefined ? { body, headers: { 'content-type': contentType } } : {}),
  });
  const text = await res.body.text();
  return { status: res.statusCode, text, id: String(res.headers['x-request-id']) };
}

beforeAll(async () => {
  upstream = await startUpstream();
  upstream.handle((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
      res.end(req.method === 'POST' ? '{}' : responseBody);
    });
  });
  events = collectEvents();
  model = await loadApiFromString(DESCRIPTION, 'validation.yaml');
});
afterAll(async () => {
  await Promise.all(gateways.map((g) => g.close()));
  await upstream.close();
});

describe('request-validation policy', () => {
  let base: string;
  beforeAll(async () => {
    base = await start({});
  });

  it('lets valid requests through', async () => {
    expect((await call(base, '/items?limit=5')).status).toBe(200);
    expect((await call(base, '/items', '{"name":"pen"}')).status).toBe(201);
  });

  it('refuses invalid parameters and bodies with 400 listing the issues', async () => {
    const res = await call(base, '/items?limit=500');
    expect(res.status).toBe(400);
    const problem = JSON.parse(res.text);
    expect(problem.errors).toEqual([
      expect.objectContaining({
        location: 'query',
        name: 'limit',
        message: expect.stringMatching(/<= 100, got "?500/),
      }),
    ]);
    expect((await events.waitFor((e) => e.id === res.id)).deniedBy?.policy).toBe('request-validation');
    expect(
      JSON.parse((await call(base, '/items', '{"name":"a-very-long-name","role":"admin"}')).text).errors,
    ).toHaveLength(1);
    expect((await call(base, '/items', '{}')).status).toBe(400);
    expect((await call(base, '/items', 'name=pen', 'application/x-www-form-urlencoded')).status).toBe(400);
    expect((await call(base, '/items', '{"name":')).status).toBe(400);
  });

  it('never echoes the value of a secret-looking property', async () => {
    const res = await call(base, '/items', '{"name":"pen","password":"hunter2"}');
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/password/);
    expect(res.text).not.toContain('hunter2');
  });

  it('fails closed (500) for an operation whose schema does not compile, logs it once, and keeps the others', async () => {
    const first = await call(base, '/broken?q=x');
    expect(first.status).toBe(500);
    expect((await call(base, '/broken')).status).toBe(500);
    expect(warnings.filter((w) => w.includes('GET /broken'))).toHaveLength(1);
    expect((await call(base, '/items')).status).toBe(200);
  });

  it('logs responses that do not match the description', async () => {
    responseBody = '[{"name":"no id"}]';
    try {
      const res = await call(base, '/items');
      expect(res.status).toBe(200);
      expect(warnings.some((w) => w.includes(res.id) && /GET \/items/.test(w))).toBe(true);
    } finally {
      responseBody = '[{"id":1}]';
    }
  });

  it('blocks them with 502 in "block" mode', async () => {
    const strict = await start({ response: 'block' });
    expect((await call(strict, '/items')).status).toBe(200);
    responseBody = '[{"id":"one"}]';
    try {
      const res = await call(strict, '/items');
      expect(res.status).toBe(502);
      expect(res.text).not.toContain('one');
    } finally {
      responseBody = '[{"id":1}]';
    }
  });
});
