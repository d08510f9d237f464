import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { type ApiEvent, Secret } from '@rampart/core';
import {
  createExpressMiddleware,
  createSensor,
  type FastifyLikeInstance,
  registerFastifyHooks,
  type Sensor,
  type SensorOptions,
  wrapRequestListener,
} from '@rampart/sensor';
import { afterEach, describe, expect, it } from 'vitest';

const TOKEN = 'sensor-token-abcdefghijklmnopqrstuvwxyz';

/** A stand-in collector: records batches, or answers with whatever status the test sets. */
async function startCollector() {
  const batches: { events: ApiEvent[]; encoding?: string; authorization?: string }[] = [];
  const state = { status: 200, retryAfter: undefined as string | undefined, hang: false, requests: 0 };
  const server = createServer((req, res) => {
    state.requests += 1;
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      if (state.hang) return;
      if (state.status !== 200) {
        res.writeHead(state.status, state.retryAfter ? { 'retry-after': state.retryAfter } : {});
        res.end('{"error":"test"}');
        return;
      }
      const body = Buffer.concat(parts);
      const json = req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body;
      const doc = JSON.parse(json.toString('utf8')) as { events: ApiEvent[] };
      batches.push({
        events: doc.events,
        ...(req.headers['content-encoding'] ? { encoding: req.headers['content-encoding'] } : {}),
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ accepted: doc.events.length, rejected: [] }));
    });
  });
  await listen(server);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/events`;
  const events = () => batches.flatMap((b) => b.events);
  return { server, url, batches, events, state };
}

function listen(server: Server): Promise<void> {
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r()));
}

function call(
  server: Server,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | string[] },
): Promise<{ status: number; body: string }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    if (Array.isArray(options.body)) for (const chunk of options.body) req.write(chunk);
    else if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

describe('sensor', () => {
  const servers: Server[] = [];
  const sensors: Sensor[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const s of sensors.splice(0)) await s.close({ timeoutMs: 200 });
    for (const s of servers.splice(0)) {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  function sensorFor(url: string, options: Partial<SensorOptions> = {}): Sensor {
    const sensor = createSensor({
      name: 'test-app',
      collectorUrl: url,
      token: new Secret(TOKEN),
      batch: { maxEvents: 50, intervalMs: 20 },
      retry: { initialDelayMs: 10, maxDelayMs: 50 },
      ...options,
    });
    sensors.push(sensor);
    return sensor;
  }

  async function app(listener: (req: IncomingMessage, res: ServerResponse) => void): Promise<Server> {
    const server = createServer(listener);
    servers.push(server);
    await listen(server);
    return server;
  }

  it('records a node:http exchange faithfully and ships it as gzip JSON with the sensor token', async () => {
    const collector = await startCollector();
    servers.push(collector.server);
    const sensor = sensorFor(collector.url, { capture: { requestBodies: true, responseBodies: true } });
    let received = '';
    const server = await app(
      wrapRequestListener(sensor, (req, res) => {
        req.setEncoding('utf8');
        req.on('data', (c: string) => {
          received += c;
        });
        req.on('end', () => {
          res.setHeader('content-type', 'application/json');
          res.setHeader('set-cookie', 'session=server-secret');
          res.statusCode = 201;
          res.write('{"id":42,');
          res.end('"token":"resp-secret","name":"Ada"}');
        });
      }),
    );
    const response = await call(server, {
      method: 'POST',
      path: '/accounts/42/../43?limit=5&api_key=query-secret',
      headers: {
        authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEifQ.sig',
        'content-type': 'application/json',
        'user-agent': 'test-agent/1.0',
      },
      body: ['{"name":"Ada",', '"password":"hunter2"}'],
    });
    expect(response).toEqual({ status: 201, body: '{"id":42,"token":"resp-secret","name":"Ada"}' });
    expect(received).toBe('{"name":"Ada","password":"hunter2"}');

    await sensor.flush();
    await waitFor(() => collector.events().length === 1, 'the event at the collector');
    const batch = collector.batches[0];
    expect(batch?.encoding).toBe('gzip');
    expect(batch?.authorization).toBe(`Bearer ${TOKEN}`);
    const e = collector.events()[0] as ApiEvent;
    expect(e).toMatchObject({
      origin: 'sensor:test-app',
      method: 'POST',
      path: '/accounts/43',
      status: 201,
      requestSize: 35,
      responseSize: 44,
      clientIp: '127.0.0.1',
      userAgent: 'test-agent/1.0',
      auth: 'success',
      verdict: 'observe',
      query: { limit: '5', api_key: '[redacted]' },
    });
    expect(e.rawPath).toBe('/accounts/42/../43?limit=5&api_key=%5Bredacted%5D');
    expect(e.requestHeaders['authorization']).toBe('Bearer [redacted]');
    expect(e.responseHeaders['set-cookie']).toBe('[redacted]');
    expect(e.identity?.method).toBe('jwt');
    expect(e.identity?.subject).toMatch(/^credential:[0-9a-f]{16}$/);
    expect(e.requestBody).toEqual({
      contentType: 'application/json',
      text: '{"name":"Ada","password":"[redacted]"}',
      truncated: false,
      size: 35,
    });
    expect(e.responseBody?.text).toBe('{"id":42,"token":"[redacted]","name":"Ada"}');
    expect(JSON.stringify(e)).not.toMatch(/hunter2|query-secret|server-secret|resp-secret|eyJzdWIi/);
    expect(e.latencyMs).toBeGreaterThanOrEqual(0);
    expect(sensor.stats()).toMatchObject({ captured: 1, delivered: 1, dropped: 0, errors: 0 });
  });

  it('does not sample bodies unless asked, and truncates samples to maxBodyBytes', async () => {
    const collector = await startCollector();
    servers.push(collector.server);
    const plain = sensorFor(collector.url);
    const small = sensorFor(collector.url, { capture: { responseBodies: true, maxBodyBytes: 8 } });
    const handler = (_req: IncomingMessage, res: ServerResponse) => {
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end('0123456789abcdef');
    };
    await call(await app(wrapRequestListener(plain, handler)), { path: '/a' });
    await call(await app(wrapRequestListener(small, handler)), { path: '/b' });
    await plain.flush();
    await small.flush();
    await waitFor(() => collector.events().length === 2, 'two events');
    const byPath = Object.fromEntries(collector.events().map((e) => [e.path, e]));
    expect(byPath['/a']?.responseBody).toEqual({
      contentType: 'text/plain; charset=utf-8',
      truncated: false,
      size: 16,
    });
    expect(byPath['/b']?.responseBody).toEqual({
      contentType: 'text/plain; charset=utf-8',
      text: '01234567',
      truncated: true,
      size: 16,
    });
  });

  it('Express-style middleware records the matched route template and the URL as received', async () => {
    // A tiny Express-compatible harness (Express is not a dependency): a middleware chain, then a router
    // mounted at /api that rewrites req.url and sets req.baseUrl and req.route like Express does.
    const collector = await startCollector();
    servers.push(collector.server);
    const sensor = sensorFor(collector.url);
    const middleware = createExpressMiddleware(sensor);
    const server = await app((req, res) => {
      middleware(req, res, () => {
        const r = req as IncomingMessage & {
          originalUrl?: string;
          baseUrl?: string;
          route?: { path: string };
        };
        r.originalUrl = req.url as string;
        if (req.url?.startsWith('/api/')) {
          r.baseUrl = '/api';
          req.url = req.url.slice(4);
          const m = /^\/users\/([^/?]+)/.exec(req.url);
          if (m) {
            r.route = { path: '/users/:id' };
            res.setHeader('content-type', 'application/json');
            setTimeout(() => res.end(JSON.stringify({ id: m[1] })), 5);
            return;
          }
        }
        res.statusCode = 404;
        res.end();
      });
    });
    await call(server, { path: '/api/users/17?expand=orders' });
    await call(server, { path: '/nowhere' });
    await sensor.flush();
    await waitFor(() => collector.events().length === 2, 'two events');
    const [found, missing] = collector.events();
    expect(found).toMatchObject({
      route: '/api/users/:id',
      rawPath: '/api/users/17?expand=orders',
      status: 200,
    });
    expect(found?.path).toBe('/api/users/17');
    expect(missing?.route).toBeUndefined();
    expect(missing?.status).toBe(404);
  });

  it('Fastify hooks observe through an onRequest hook and pick up the route template', async () => {
    const collector = await startCollector();
    servers.push(collector.server);
    const sensor = sensorFor(collector.url);
    const hooks: Parameters<FastifyLikeInstance['addHook']>[1][] = [];
    const fastify: FastifyLikeInstance = { addHook: (_name, hook) => hooks.push(hook) };
    registerFastifyHooks(fastify, sensor);
    expect(hooks).toHaveLength(1);
    const server = await app((req, res) => {
      const request = { raw: req, routeOptions: { url: '/items/:id' } };
      for (const hook of hooks) hook(request, { raw: res }, () => undefined);
      res.end('ok');
    });
    await call(server, { path: '/items/9' });
    await sensor.flush();
    await waitFor(() => collector.events().length === 1, 'one event');
    expect(collector.events()[0]).toMatchObject({ route: '/items/:id', path: '/items/9', status: 200 });
  });

  it('records a client that went away before the response as status 499', async () => {
    const collector = await startCollector();
    servers.push(collector.server);
    const sensor = sensorFor(collector.url);
    let arrived = false;
    const server = await app(
      wrapRequestListener(sensor, () => {
        arrived = true;
      }),
    );
    const { port } = server.address() as AddressInfo;
    const req = request({ host: '127.0.0.1', port, path: '/slow' });
    req.on('error', () => undefined);
    req.end();
    await waitFor(() => arrived, 'the request at the application');
    req.destroy();
    await waitFor(() => sensor.stats().captured === 1, 'the aborted exchange');
    await sensor.flush();
    await waitFor(() => collector.events().length === 1, 'one event');
    expect(collector.events()[0]?.status).toBe(499);
  });

  it('never slows or breaks the application while the collector is down: bounded queue, drops counted', async () => {
    const sensor = sensorFor('http://127.0.0.1:9/v1/events', {
      maxQueue: 5,
      batch: { maxEvents: 100, intervalMs: 10_000 },
    });
    const server = await app(wrapRequestListener(sensor, (_req, res) => res.end('fine')));
    for (let i = 0; i < 12; i++)
      expect(await call(server, { path: `/r/${i}` })).toEqual({ status: 200, body: 'fine' });
    expect(sensor.stats()).toMatchObject({ captured: 5, queued: 5, dropped: 7 });
    await sensor.close({ timeoutMs: 500 });
    expect(sensor.stats()).toMatchObject({ queued: 0, dropped: 12, delivered: 0 });
  });

  it('swallows its own errors, including a throwing onError hook and a throwing identify', async () => {
    const sensor = sensorFor('http://127.0.0.1:9/v1/events', {
      onError: () => {
        throw new Error('hook failure');
      },
      capture: {
        identify: () => {
          throw new Error('identify failure');
        },
      },
    });
    const server = await app(wrapRequestListener(sensor, (_req, res) => res.end('ok')));
    expect(await call(server, { path: '/x' })).toEqual({ status: 200, body: 'ok' });
    await waitFor(() => sensor.stats().errors === 1, 'the error counted');
    expect(sensor.stats().captured).toBe(0);
  });

  it('retries with backoff after 503 and 429 and then delivers every event once', async () => {
    const collector = await startCollector();
    servers.push(collector.server);
    collector.state.status = 503;
    const sensor = sensorFor(collector.url);
    for (let i = 0; i < 10; i++) sensor.emit(sampleEvent(i));
    await waitFor(() => sensor.stats().retries >= 2, 'two failed attempts');
    collector.state.status = 429;
    collector.state.retryAfter = '0';
    await waitFor(() => sensor.stats().retries >= 3, 'a 429');
    collector.state.status = 200;
    await waitFor(() => collector.events().length === 10, 'delivery');
    expect(collector.events().map((e) => e.id)).toEqual(Array.from({ length: 10 }, (_, i) => `s${i}`));
    expect(sensor.stats()).toMatchObject({ delivered: 10, dropped: 0 });
  });

  it('counts events refused for good (401) and reports them, without retrying', async () => {
    const collector = await startCollector();
    servers.push(collector.server);
    collector.state.status = 401;
    const errors: unknown[] = [];
    const sensor = sensorFor(collector.url, { onError: (e) => errors.push(e) });
    sensor.emit(sampleEvent(1));
    await sensor.flush();
    expect(sensor.stats()).toMatchObject({ refused: 1, retries: 0 });
    expect(String(errors[0])).toMatch(/collector answered 401/);
    expect(collector.state.requests).toBe(1);
  });

  it('spools to disk while the collector is away and replays in order, across a restart, when it is back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rampart-spool-'));
    dirs.push(dir);
    const collector = await startCollector();
    servers.push(collector.server);
    collector.state.status = 503;
    const first = sensorFor(collector.url, { spool: { dir }, batch: { maxEvents: 10, intervalMs: 20 } });
    for (let i = 0; i < 35; i++) first.emit(sampleEvent(i));
    await waitFor(() => first.stats().spooled >= 30, 'events spooled');
    await first.close({ timeoutMs: 300 });
    expect(first.stats()).toMatchObject({ spooled: 35, dropped: 0, delivered: 0 });
    expect(first.stats().spoolBytes).toBeGreaterThan(0);
    expect(existsSync(join(dir, 'spool.ndjson'))).toBe(true);

    collector.state.status = 200;
    const second = sensorFor(collector.url, { spool: { dir }, batch: { maxEvents: 10, intervalMs: 20 } });
    second.emit(sampleEvent(100));
    await waitFor(() => collector.events().length === 36, 'replay');
    // The collector has the events before the sensor has read its answer and counted them as delivered.
    await waitFor(() => second.stats().delivered === 36, 'delivery acknowledged');
    expect(collector.events().map((e) => e.id)).toEqual([
      ...Array.from({ length: 35 }, (_, i) => `s${i}`),
      's100',
    ]);
    expect(second.stats()).toMatchObject({ replayed: 35, delivered: 36, dropped: 0 });
    await waitFor(() => second.stats().spoolBytes === 0, 'spool drained');
    expect(await readdir(dir)).toEqual([]);
  });

  it('drops and counts batches beyond the spool bound', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rampart-spool-'));
    dirs.push(dir);
    const sensor = sensorFor('http://127.0.0.1:9/v1/events', {
      spool: { dir, maxBytes: 4096 },
      batch: { maxEvents: 5, intervalMs: 20 },
    });
    for (let i = 0; i < 40; i++) sensor.emit(sampleEvent(i));
    await sensor.close({ timeoutMs: 300 });
    const stats = sensor.stats();
    expect(stats.spooled).toBeGreaterThan(0);
    expect(stats.dropped).toBeGreaterThan(0);
    expect(stats.spooled + stats.dropped).toBe(40);
    expect(stats.spoolBytes).toBeLessThanOrEqual(4096);
  });

  it('close() honours its deadline when the collector hangs, and spools what it could not deliver', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rampart-spool-'));
    dirs.push(dir);
    const collector = await startCollector();
    servers.push(collector.server);
    collector.state.hang = true;
    const sensor = sensorFor(collector.url, { spool: { dir } });
    for (let i = 0; i < 3; i++) sensor.emit(sampleEvent(i));
    await waitFor(() => collector.state.requests === 1, 'a hanging delivery');
    const started = Date.now();
    await sensor.close({ timeoutMs: 150 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(sensor.stats()).toMatchObject({ spooled: 3, dropped: 0 });
  });

  it('refuses misconfiguration at construction with TypeError', () => {
    const base = { name: 'x', collectorUrl: 'http://127.0.0.1:1/v1/events', token: new Secret('t') };
    expect(() => createSensor({ ...base, name: 'has spaces' })).toThrow(TypeError);
    expect(() => createSensor({ ...base, collectorUrl: 'localhost:3000' })).toThrow(/absolute http\(s\) URL/);
    expect(() => createSensor({ ...base, token: 'plain' as unknown as Secret })).toThrow(/Secret/);
    expect(() => createSensor({ ...base, maxQueue: 0 })).toThrow(/maxQueue/);
  });
});

function sampleEvent(n: number): ApiEvent {
  return {
    id: `s${n}`,
    time: 1_700_000_000_000 + n,
    origin: 'sensor:test-app',
    method: 'GET',
    rawPath: `/items/${n}`,
    path: `/items/${n}`,
    status: 200,
    latencyMs: 1,
    requestSize: 0,
    responseSize: 2,
    clientIp: '10.0.0.1',
    auth: 'none',
    verdict: 'observe',
    requestHeaders: {},
    responseHeaders: {},
  };
}
