import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import type { ApiEvent, EventSink } from '@rampart/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type CollectorOptions, createCollector } from './create-collector.js';
import { hashSensorToken } from './hash-sensor-token.js';

const TOKEN = 'tok-0123456789abcdef0123456789abcdef';
const tokens = new Map([[hashSensorToken(TOKEN), 'checkout']]);

function event(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: `e${n}`,
    time: Date.now() - 1000,
    origin: 'gateway',
    method: 'POST',
    rawPath: `/orders?access_token=leak${n}`,
    path: '/orders',
    status: 201,
    latencyMs: 3,
    requestSize: 10,
    responseSize: 20,
    clientIp: '10.1.1.1',
    auth: 'success',
    verdict: 'observe',
    requestHeaders: { authorization: 'Bearer leaked', accept: 'application/json' },
    responseHeaders: {},
    ...overrides,
  };
}

describe('createCollector', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
  });

  async function start(options: Partial<CollectorOptions> & Pick<CollectorOptions, 'sink'>) {
    const collector = createCollector({ tokens, ...options });
    const server = createServer(collector);
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const post = (
      body: unknown,
      init: { gzip?: boolean; token?: string | null; headers?: Record<string, string> } = {},
    ) => {
      const json = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
      const payload = init.gzip ? gzipSync(json) : json;
      return fetch(`http://127.0.0.1:${port}/v1/events`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(init.gzip ? { 'content-encoding': 'gzip' } : {}),
          ...(init.token === null ? {} : { authorization: `Bearer ${init.token ?? TOKEN}` }),
          ...init.headers,
        },
        body: payload,
      });
    };
    return { collector, port, post };
  }

  it('accepts a gzip batch, stamps the sensor origin and redacts again before the sink', async () => {
    const got: ApiEvent[] = [];
    const { post, collector } = await start({ sink: async (events) => void got.push(...events) });
    const res = await post({ events: [event(1), event(2)] }, { gzip: true });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 2, rejected: [] });
    expect(got.map((e) => e.origin)).toEqual(['sensor:checkout', 'sensor:checkout']);
    expect(got[0]?.requestHeaders['authorization']).toBe('Bearer [redacted]');
    expect(got[0]?.rawPath).not.toContain('leak');
    expect(collector.stats()).toMatchObject({ batchesAccepted: 1, eventsAccepted: 2, pending: 0 });
  });

  it('accepts a bare JSON array without compression', async () => {
    const got: ApiEvent[] = [];
    const { post } = await start({ sink: async (events) => void got.push(...events) });
    expect((await post([event(1)])).status).toBe(200);
    expect(got).toHaveLength(1);
  });

  it('stores the valid events of a mixed batch and lists each reject with its index and reason (207)', async () => {
    const got: ApiEvent[] = [];
    const { post } = await start({ sink: async (events) => void got.push(...events) });
    const res = await post({ events: [event(1), { ...event(2), status: 'ok' }, event(3), 42] });
    expect(res.status).toBe(207);
    const body = (await res.json()) as { accepted: number; rejected: { index: number; reason: string }[] };
    expect(body.accepted).toBe(2);
    expect(body.rejected.map((r) => r.index)).toEqual([1, 3]);
    expect(body.rejected[0]?.reason).toMatch(/status must be a finite number/);
    expect(got.map((e) => e.id)).toEqual(['e1', 'e3']);
  });

  it('answers 400 when no event of the batch is valid, and applies the extra validate rule', async () => {
    const { post } = await start({
      sink: async () => undefined,
      validate: (e) => (e.clientIp === '0.0.0.0' ? 'clientIp is unknown' : undefined),
    });
    const res = await post({ events: [event(1, { clientIp: '0.0.0.0' })] });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      accepted: 0,
      rejected: [{ index: 0, reason: 'clientIp is unknown' }],
    });
  });

  it('refuses missing and unknown tokens with 401, and takes a verify function', async () => {
    const { post, collector } = await start({ sink: async () => undefined });
    const none = await post({ events: [event(1)] }, { token: null });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await post({ events: [event(1)] }, { token: 'wrong-token' })).status).toBe(401);
    expect(collector.stats().unauthorized).toBe(2);

    const seen: ApiEvent[] = [];
    const { post: post2 } = await start({
      sink: async (events) => void seen.push(...events),
      tokens: (t) => (t === 'dynamic' ? 'edge-1' : undefined),
    });
    expect((await post2({ events: [event(1)] }, { token: 'dynamic' })).status).toBe(200);
    expect(seen[0]?.origin).toBe('sensor:edge-1');
  });

  it('rejects bodies and batches over the limits, and stops a gzip bomb at the decompressed limit', async () => {
    let calls = 0;
    const { post } = await start({
      sink: async () => void calls++,
      maxBodyBytes: 64 * 1024,
      maxDecompressedBytes: 256 * 1024,
      maxEventsPerBatch: 10,
    });
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const bombRes = await post(bomb, { headers: { 'content-encoding': 'gzip' } });
    expect(bombRes.status).toBe(413);
    expect(await bombRes.text()).toMatch(/decompressed body/);
    expect((await post({ events: Array.from({ length: 11 }, (_, i) => event(i)) })).status).toBe(413);
    expect((await post('x'.repeat(100 * 1024))).status).toBe(413);
    expect((await post('{not json')).status).toBe(400);
    expect((await post(Buffer.from('not gzip'), { headers: { 'content-encoding': 'gzip' } })).status).toBe(
      400,
    );
    expect((await post({ events: 'nope' })).status).toBe(400);
    expect((await post('[]', { headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect((await post('[]', { headers: { 'content-encoding': 'br' } })).status).toBe(415);
    expect(calls).toBe(0);
  });

  it('answers 404 and 405 off the endpoint', async () => {
    const { port } = await start({ sink: async () => undefined });
    expect((await fetch(`http://127.0.0.1:${port}/other`, { method: 'POST' })).status).toBe(404);
    const get = await fetch(`http://127.0.0.1:${port}/v1/events`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('under overload answers 429 with Retry-After, takes nothing of that batch, and loses no accepted event', async () => {
    const stored: string[] = [];
    const releases: (() => void)[] = [];
    const { post, collector } = await start({
      maxPending: 5,
      retryAfterSeconds: 3,
      sink: (events) =>
        new Promise<void>((resolve) => {
          releases.push(() => {
            stored.push(...events.map((e) => e.id));
            resolve();
          });
        }),
    });
    const first = post({ events: [event(1), event(2), event(3)] });
    await waitFor(() => collector.stats().pending === 3);
    // 3 pending + 3 more would exceed 5: refused whole.
    const second = await post({ events: [event(4), event(5), event(6)] });
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('3');
    // 3 + 2 fits.
    const third = post({ events: [event(7), event(8)] });
    await waitFor(() => collector.stats().pending === 5);
    expect((await post({ events: [event(9)] })).status).toBe(429);
    for (const release of releases) release();
    expect((await first).status).toBe(200);
    expect((await third).status).toBe(200);
    expect(stored.sort()).toEqual(['e1', 'e2', 'e3', 'e7', 'e8']);
    expect(collector.stats()).toMatchObject({ overloaded: 2, eventsAccepted: 5, pending: 0 });
  });

  it('answers 503 with Retry-After when the sink fails, and counts nothing as accepted', async () => {
    const errors: unknown[] = [];
    const { post, collector } = await start({
      sink: async () => {
        throw new Error('disk full');
      },
      onError: (e) => errors.push(e),
    });
    const res = await post({ events: [event(1)] });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(collector.stats()).toMatchObject({ eventsAccepted: 0, sinkFailures: 1, pending: 0 });
    expect(String(errors[0])).toMatch(/disk full/);
  });

  it('answers only after an EventSink has flushed', async () => {
    const order: string[] = [];
    let releaseFlush: () => void = () => undefined;
    const sink: EventSink = {
      emit: (e) => void order.push(`emit ${e.id}`),
      flush: () =>
        new Promise<void>((resolve) => {
          order.push('flush started');
          releaseFlush = () => {
            order.push('flushed');
            resolve();
          };
        }),
    };
    const { post } = await start({ sink });
    const res = post({ events: [event(1)] }).then((r) => {
      order.push(`answered ${r.status}`);
      return r;
    });
    await waitFor(() => order.includes('flush started'));
    await new Promise((r) => setTimeout(r, 30));
    expect(order).toEqual(['emit e1', 'flush started']);
    releaseFlush();
    await res;
    expect(order).toEqual(['emit e1', 'flush started', 'flushed', 'answered 200']);
  });

  it('refuses a tokens map not keyed by SHA-256 hex at construction', () => {
    expect(() =>
      createCollector({ sink: async () => undefined, tokens: new Map([['plain-token', 'x']]) }),
    ).toThrow(/SHA-256 hex/);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!condition()) throw new Error('condition not reached');
}
