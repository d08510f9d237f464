import { Readable } from 'node:stream';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, definePolicy, type Gateway } from '../src/index.js';
import { collectEvents, type EventCollector } from './collect-events.js';
import { startUpstream, type TestUpstream } from './start-upstream.js';

/** Reads the JSON body on /json, throws on /boom-closed and /boom-open, adds a header everywhere. */
const inspectJson = definePolicy({
  id: 'test-inspect-json',
  stage: 'validate-request',
  failMode: 'closed',
  description: 'Test policy: parses JSON bodies and remembers the field count.',
  compile: () => async (ctx) => {
    ctx.setResponseHeader('x-inspected', 'yes');
    if (ctx.path === '/boom-closed') throw new Error('dependency down');
    if (ctx.path !== '/json') return undefined;
    const value = (await ctx.readJson()) as Record<string, unknown>;
    return Object.keys(value).length > 3
      ? { status: 422, detail: 'Too many fields.', reason: 'more than 3 fields' }
      : undefined;
  },
});
const openOnError = definePolicy({
  id: 'test-open',
  stage: 'authorize',
  failMode: 'open',
  description: 'Test policy: fails open when it throws.',
  compile: () => (ctx) => {
    if (ctx.path === '/boom-open') throw new Error('optional dependency down');
    return undefined;
  },
});

let upstream: TestUpstream;
let gateway: Gateway;
let base: string;
let events: EventCollector;

beforeAll(async () => {
  upstream = await startUpstream();
  events = collectEvents();
  gateway = createGateway({
    listen: { port: 0 },
    adminListen: false,
    upstreams: [upstream.url],
    customPolicies: [inspectJson, openOnError],
    limits: { maxJsonDepth: 5, maxBodyBytes: 10_000 },
    eventSink: events.sink,
  });
  base = `http://127.0.0.1:${(await gateway.listen()).port}`;
});
afterAll(async () => {
  await gateway.close();
  await upstream.close();
});

const post = (path: string, body: string) =>
  request(`${base}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });

describe('policy pipeline', () => {
  it('forwards the body a policy buffered, byte for byte', async () => {
    const before = upstream.seen.length;
    const res = await post('/json', '{"a":1,"b":[1,2,{"c":"x"}]}');
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-inspected']).toBe('yes');
    await res.body.dump();
    expect((await upstream.settled(before)).body.toString()).toBe('{"a":1,"b":[1,2,{"c":"x"}]}');
  });

  it('refuses JSON nested deeper than limits.maxJsonDepth and malformed JSON with 400', async () => {
    const deep = await post('/json', `${'['.repeat(6)}${']'.repeat(6)}`);
    expect(deep.statusCode).toBe(400);
    expect(((await deep.body.json()) as { detail: string }).detail).toMatch(/deeper than 5/);
    const okDepth = await post('/json', `{"a":${'['.repeat(4)}"[[[[[[[["${']'.repeat(4)}}`);
    expect(okDepth.statusCode).toBe(200);
    await okDepth.body.dump();
    const bad = await post('/json', '{"a":');
    expect(bad.statusCode).toBe(400);
    await bad.body.dump();
  });

  it('refuses a body larger than limits.maxBodyBytes when a policy buffers it (chunked)', async () => {
    const res = await request(`${base}/json`, {
      method: 'POST',
      body: Readable.from(
        (async function* () {
          yield Buffer.from(`{"a":"${'x'.repeat(6000)}`);
          yield Buffer.from(`${'x'.repeat(6000)}"}`);
        })(),
      ),
    });
    expect(res.statusCode).toBe(413);
    await res.body.dump();
  });

  it('turns a policy denial into a problem response with policy headers and the event detail', async () => {
    const res = await post('/json', '{"a":1,"b":2,"c":3,"d":4}');
    expect(res.statusCode).toBe(422);
    expect(res.headers['x-inspected']).toBe('yes');
    const body = (await res.body.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 422, detail: 'Too many fields.' });
    expect(JSON.stringify(body)).not.toContain('more than 3 fields');
    const event = await events.waitFor((e) => e.status === 422);
    expect(event.deniedBy).toEqual({ policy: 'test-inspect-json', reason: 'more than 3 fields' });
  });

  it('fails closed with 503 or open per the policy when a handler throws', async () => {
    const closed = await request(`${base}/boom-closed`);
    expect(closed.statusCode).toBe(503);
    expect(await closed.body.text()).not.toContain('dependency down');
    const event = await events.waitFor((e) => e.path === '/boom-closed');
    expect(event.deniedBy?.reason).toContain('dependency down');
    const open = await request(`${base}/boom-open`);
    expect(open.statusCode).toBe(200);
    await open.body.dump();
  });
});
