// End to end: an application instrumented with @rampart/sensor → the monitor's collector endpoint → the SQLite
// store, over real HTTP on 127.0.0.1. Checks the reliability promises of issue 6: malformed events rejected with
// a reason, overload answered with 429 and retried without losing an accepted event, a collector that cannot
// store answered with 503 and the sensor's spool replayed once it can.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ApiEvent, Secret } from '@rampart/core';
import { createCollector, hashSensorToken } from '@rampart/monitor';
import { createSensor, type Sensor, wrapRequestListener } from '@rampart/sensor';
import { createSqliteStore, type SqliteStore } from '@rampart/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const TOKENS = { checkout: 'tok-checkout-7d9f0c2b5a1e4f3d', search: 'tok-search-0a8b7c6d5e4f3a2b' };

describe('sensor → collector → SQLite store', () => {
  let dir: string;
  let store: SqliteStore;
  const servers: Server[] = [];
  const sensors: Sensor[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rampart-e2e-'));
    store = createSqliteStore({ path: join(dir, 'rampart.db'), batch: { maxDelayMs: 5 } });
  });
  afterEach(async () => {
    for (const s of sensors.splice(0)) await s.close({ timeoutMs: 500 });
    for (const s of servers.splice(0)) {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function serve(handler: Parameters<typeof createServer>[1]): Promise<number> {
    const server = createServer(handler);
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return (server.address() as AddressInfo).port;
  }

  function sensor(
    name: keyof typeof TOKENS,
    collectorPort: number,
    extra: Partial<Parameters<typeof createSensor>[0]> = {},
  ) {
    const s = createSensor({
      name,
      collectorUrl: `http://127.0.0.1:${collectorPort}/v1/events`,
      token: new Secret(TOKENS[name]),
      batch: { maxEvents: 10, intervalMs: 20 },
      retry: { initialDelayMs: 10, maxDelayMs: 100 },
      ...extra,
    });
    sensors.push(s);
    return s;
  }

  function get(port: number, path: string, headers: Record<string, string> = {}): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end();
    });
  }

  async function storedCount(): Promise<number> {
    let n = 0;
    let cursor: string | undefined;
    do {
      const page = await store.queryEvents({ limit: 1000, ...(cursor ? { cursor } : {}) });
      n += page.items.length;
      cursor = page.nextCursor;
    } while (cursor);
    return n;
  }

  async function waitFor(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
    for (let i = 0; i < 1000; i++) {
      if (await condition()) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  const tokens = new Map(Object.entries(TOKENS).map(([name, token]) => [hashSensorToken(token), name]));

  it('stores what the application served, attributed to the sensor, with secrets redacted', async () => {
    const collector = createCollector({ sink: (events) => store.saveEvents(events), tokens });
    const collectorPort = await serve(collector);
    const s = sensor('checkout', collectorPort);
    const appPort = await serve(
      wrapRequestListener(s, (req, res) => {
        res.statusCode = req.url?.startsWith('/orders/') ? 200 : 404;
        res.end('{}');
      }),
    );
    for (let i = 0; i < 25; i++) {
      await get(appPort, `/orders/${i}?session_id=sess${i}`, {
        authorization: `Bearer opaque-token-${i % 3}`,
      });
    }
    await get(appPort, '/missing');
    await s.flush();
    await waitFor(async () => (await storedCount()) === 26, '26 stored events');

    const notFound = await store.queryEvents({ status: 404 });
    expect(notFound.items.map((e) => e.path)).toEqual(['/missing']);
    const all = (await store.queryEvents({ limit: 100 })).items;
    expect(new Set(all.map((e) => e.origin))).toEqual(new Set(['sensor:checkout']));
    expect(JSON.stringify(all)).not.toMatch(/opaque-token|sess\d/);
    const authenticated = all.filter((e) => e.path !== '/missing');
    expect(authenticated.every((e) => e.identity?.subject.startsWith('credential:'))).toBe(true);
    expect(new Set(all.filter((e) => e.identity).map((e) => e.identity?.subject)).size).toBe(3);
    expect(s.stats()).toMatchObject({ delivered: 26, dropped: 0, refused: 0 });
  });

  it('rejects malformed events with a reason and stores the rest', async () => {
    const collector = createCollector({ sink: (events) => store.saveEvents(events), tokens });
    const port = await serve(collector);
    const good = {
      id: 'ok-1',
      time: Date.now(),
      origin: 'gateway',
      method: 'GET',
      rawPath: '/a',
      path: '/a',
      status: 200,
      latencyMs: 1,
      requestSize: 0,
      responseSize: 0,
      clientIp: '192.0.2.1',
      auth: 'none',
      verdict: 'observe',
      requestHeaders: {},
      responseHeaders: {},
    };
    const response = await fetch(`http://127.0.0.1:${port}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.search}` },
      body: JSON.stringify({ events: [good, { ...good, id: 'bad-1', clientIp: 7 }] }),
    });
    expect(response.status).toBe(207);
    expect(await response.json()).toEqual({
      accepted: 1,
      rejected: [{ index: 1, reason: 'clientIp must be a string, got number' }],
    });
    expect((await store.getEvent('ok-1'))?.origin).toBe('sensor:search');
    expect(await store.getEvent('bad-1')).toBeUndefined();
  });

  it('under overload answers 429, the sensors retry, and every event is stored exactly once', async () => {
    let gate: (() => void) | undefined;
    const gated = new Promise<void>((resolve) => {
      gate = resolve;
    });
    let first = true;
    const collector = createCollector({
      tokens,
      maxPending: 15,
      retryAfterSeconds: 0,
      sink: async (events) => {
        if (first) {
          first = false;
          await gated;
        }
        await store.saveEvents(events);
      },
    });
    const port = await serve(collector);
    const a = sensor('checkout', port);
    const b = sensor('search', port);
    for (let i = 0; i < 10; i++) a.emit(event(`a${i}`));
    await waitFor(() => collector.stats().pending === 10, 'the first batch held by the sink');
    for (let i = 0; i < 30; i++) b.emit(event(`b${i}`));
    await waitFor(() => collector.stats().overloaded >= 1, 'a 429');
    gate?.();
    await waitFor(async () => (await storedCount()) === 40, 'all 40 events stored');
    // The store commits before the collector answers; the sensors count a delivery when the answer arrives.
    await waitFor(() => a.stats().delivered + b.stats().delivered === 40, 'both sensors told');
    expect(b.stats().retries).toBeGreaterThanOrEqual(1);
    expect(a.stats().delivered + b.stats().delivered).toBe(40);
    expect(store.stats().duplicatesIgnored).toBe(0);
  });

  it('while the store cannot write, the collector answers 503, the sensor spools, and replays once it can', async () => {
    let down = true;
    const collector = createCollector({
      tokens,
      retryAfterSeconds: 0,
      sink: async (events) => {
        if (down) throw new Error('store unavailable');
        await store.saveEvents(events);
      },
    });
    const port = await serve(collector);
    const s = sensor('checkout', port, { spool: { dir: join(dir, 'spool') } });
    for (let i = 0; i < 45; i++) s.emit(event(`e${i}`));
    await waitFor(() => s.stats().spooled === 45, 'everything spooled');
    expect(collector.stats().sinkFailures).toBeGreaterThanOrEqual(1);
    expect(await storedCount()).toBe(0);
    down = false;
    await waitFor(async () => (await storedCount()) === 45, '45 events stored');
    await waitFor(() => s.stats().replayed === 45, 'the sensor told');
    expect(s.stats()).toMatchObject({ replayed: 45, dropped: 0 });
    const ids = (await store.queryEvents({ limit: 100 })).items.map((e) => e.id).sort();
    expect(ids).toEqual(Array.from({ length: 45 }, (_, i) => `e${i}`).sort());
  });
});

function event(id: string): ApiEvent {
  return {
    id,
    time: Date.now(),
    origin: 'sensor:x',
    method: 'GET',
    rawPath: `/items/${id}`,
    path: `/items/${id}`,
    status: 200,
    latencyMs: 2,
    requestSize: 0,
    responseSize: 10,
    clientIp: '198.51.100.2',
    auth: 'none',
    verdict: 'observe',
    requestHeaders: {},
    responseHeaders: {},
  };
}
