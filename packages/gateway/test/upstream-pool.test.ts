import { randomBytes } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { type AddressInfo, connect, createServer as createNetServer, type Socket } from 'node:net';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UpstreamError } from '../src/upstream-client/upstream-error.js';
import {
  type UpstreamController,
  UpstreamPool,
  type UpstreamPoolOptions,
  type UpstreamRequest,
} from '../src/upstream-client/upstream-pool.js';
import { createTestCertificates } from './create-test-certificates.js';
import { startUpstream, type TestUpstream } from './start-upstream.js';

// Black-box tests of the gateway's own HTTP/1.1 upstream client: real `node:http` servers for ordinary
// behaviour, raw `net` servers writing exact bytes for the edge cases. Framing errors of the response are in
// upstream-pool-malformed.test.ts.

const BASE: UpstreamPoolOptions = {
  connections: 4,
  keepAliveTimeoutMs: 10_000,
  headersTimeoutMs: 3_000,
  bodyTimeoutMs: 3_000,
  connectTimeoutMs: 3_000,
};
const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';

const cleanups: (() => unknown)[] = [];
const outcomes: Outcome[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  // Every dispatch of the test, whatever happened to it, ends with exactly one End or Error, last.
  const all = outcomes.splice(0);
  await vi.waitFor(() => {
    for (const o of all) expect(o.terminals(), `${o.label}: no End/Error after destroy()`).toBeGreaterThan(0);
  });
  await sleep(5);
  for (const o of all) expectWellFormed(o);
});

// ---------------------------------------------------------------------------------------------------------------
// Harness

/** What one dispatch's handler saw, in order. */
interface Outcome {
  readonly label: string;
  readonly events: string[];
  statusCode: number | undefined;
  headers: IncomingHttpHeaders;
  readonly chunks: Buffer[];
  error: Error | undefined;
  controller: UpstreamController | undefined;
  startedSynchronously: boolean;
  /** Resolves at the first End or Error. */
  readonly done: Promise<Outcome>;
  body(): Buffer;
  text(): string;
  terminals(): number;
}

interface Hooks {
  onRequestStart?(controller: UpstreamController): void;
  onResponseData?(controller: UpstreamController, chunk: Buffer, outcome: Outcome): void;
}

function request(overrides: Partial<UpstreamRequest> = {}): UpstreamRequest {
  return { method: 'GET', path: '/', headers: { host: '127.0.0.1' }, body: null, ...overrides };
}

/** Dispatches `req` with a recording handler. */
function send(pool: UpstreamPool, req: UpstreamRequest, hooks: Hooks = {}): Outcome {
  let settle: (o: Outcome) => void = () => {};
  const outcome: Outcome = {
    label: `${req.method} ${req.path}`,
    events: [],
    statusCode: undefined,
    headers: {},
    chunks: [],
    error: undefined,
    controller: undefined,
    startedSynchronously: false,
    done: new Promise((resolve) => {
      settle = resolve;
    }),
    body: () => Buffer.concat(outcome.chunks),
    text: () => Buffer.concat(outcome.chunks).toString('latin1'),
    terminals: () => outcome.events.filter((e) => e === 'end' || e === 'error').length,
  };
  outcomes.push(outcome);
  pool.dispatch(req, {
    onRequestStart(controller) {
      outcome.events.push('requestStart');
      outcome.controller = controller;
      hooks.onRequestStart?.(controller);
    },
    onResponseStart(_controller, statusCode, headers) {
      outcome.events.push('responseStart');
      outcome.statusCode = statusCode;
      outcome.headers = headers;
    },
    onResponseData(controller, chunk) {
      outcome.events.push('data');
      outcome.chunks.push(Buffer.from(chunk));
      hooks.onResponseData?.(controller, chunk, outcome);
    },
    onResponseEnd() {
      outcome.events.push('end');
      settle(outcome);
    },
    onResponseError(_controller, error) {
      outcome.events.push('error');
      outcome.error = error;
      settle(outcome);
    },
  });
  outcome.startedSynchronously = outcome.events[0] === 'requestStart';
  return outcome;
}

/** requestStart (synchronously), then at most one responseStart, data only after it, one End or Error, last. */
function expectWellFormed(o: Outcome): void {
  expect(o.startedSynchronously, `${o.label}: onRequestStart inside dispatch()`).toBe(true);
  expect(o.terminals(), `${o.label}: End/Error calls (events ${o.events.join(',')})`).toBe(1);
  expect(o.events.at(-1), `${o.label}: last event`).toMatch(/^(end|error)$/);
  expect(
    o.events.filter((e) => e === 'responseStart').length,
    `${o.label}: responseStart calls`,
  ).toBeLessThan(2);
  const firstData = o.events.indexOf('data');
  if (firstData >= 0)
    expect(o.events.indexOf('responseStart'), `${o.label}: data before head`).toBeLessThan(firstData);
  if (o.events.includes('end')) expect(o.events, `${o.label}: End without head`).toContain('responseStart');
}

async function ok(o: Outcome): Promise<Outcome> {
  const done = await o.done;
  expect(done.error, `${o.label} failed`).toBeUndefined();
  return done;
}

async function failed(o: Outcome): Promise<Error & { code?: string }> {
  const done = await o.done;
  expect(done.events.at(-1), `${o.label}: expected an error, got ${done.statusCode} ${done.text()}`).toBe(
    'error',
  );
  return done.error as Error & { code?: string };
}

function pool(origin: string, options: Partial<UpstreamPoolOptions> = {}): UpstreamPool {
  const p = new UpstreamPool(origin, { ...BASE, ...options });
  cleanups.push(() => p.destroy());
  return p;
}

async function upstream(): Promise<TestUpstream> {
  const up = await startUpstream();
  cleanups.push(() => up.close());
  return up;
}

/** One request head as a raw server saw it. */
interface RawExchange {
  readonly index: number;
  /** Which accepted connection (0-based) carried it. */
  readonly connection: number;
  /** Its position on that connection. */
  readonly onConnection: number;
  readonly head: string;
  readonly body: Buffer;
  readonly socket: Socket;
}

interface RawServer {
  readonly url: string;
  readonly port: number;
  readonly requests: RawExchange[];
  connections(): number;
  closedConnections(): number;
  bytesReceived(): number;
}

/**
 * A `net` server that splits what it receives into request heads (bodies by Content-Length only) and lets
 * `respond` write whatever bytes it likes.
 */
async function rawServer(respond: (exchange: RawExchange) => void): Promise<RawServer> {
  const requests: RawExchange[] = [];
  const sockets: Socket[] = [];
  let closed = 0;
  let bytes = 0;
  const server = createNetServer((socket) => {
    const connection = sockets.push(socket) - 1;
    let buffered = Buffer.alloc(0);
    let onConnection = 0;
    socket.on('error', () => {});
    socket.on('close', () => closed++);
    socket.on('data', (data: Buffer) => {
      bytes += data.length;
      buffered = Buffer.concat([buffered, data]);
      for (;;) {
        const end = buffered.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buffered.subarray(0, end).toString('latin1');
        const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
        if (buffered.length < end + 4 + length) return;
        const body = buffered.subarray(end + 4, end + 4 + length);
        buffered = buffered.subarray(end + 4 + length);
        const exchange = {
          index: requests.length,
          connection,
          onConnection: onConnection++,
          head,
          body,
          socket,
        };
        requests.push(exchange);
        respond(exchange);
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanups.push(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    connections: () => sockets.length,
    closedConnections: () => closed,
    bytesReceived: () => bytes,
  };
}

/** Writes `data` in pieces of `size` bytes with a turn of the event loop between them. */
async function writeSlowly(socket: Socket, data: string | Buffer, size = 1): Promise<void> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  for (let i = 0; i < bytes.length && !socket.destroyed; i += size) {
    socket.write(bytes.subarray(i, i + size));
    await nextTurn();
  }
}

/** A port nothing listens on: one just released. */
async function closedPort(): Promise<number> {
  const server = createNetServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function pathOf(exchange: RawExchange): string {
  return exchange.head.split(' ')[1] ?? '';
}

// ---------------------------------------------------------------------------------------------------------------

describe('round trips', () => {
  it('sends method, target and headers and delivers status, headers and body', async () => {
    const up = await upstream();
    const p = pool(up.url);
    const o = await ok(
      send(
        p,
        request({
          path: '/a/b?c=1&d=%20e',
          headers: { host: `127.0.0.1:${up.port}`, 'x-one': 'v1', 'x-list': ['a', 'b'] },
        }),
      ),
    );
    expect(o.statusCode).toBe(200);
    expect(o.headers['content-type']).toBe('application/json');
    const echoed = JSON.parse(o.text()) as { method: string; url: string; headers: IncomingHttpHeaders };
    expect(echoed.method).toBe('GET');
    expect(echoed.url).toBe('/a/b?c=1&d=%20e');
    expect(echoed.headers.host).toBe(`127.0.0.1:${up.port}`);
    expect(echoed.headers['x-one']).toBe('v1');
    expect(echoed.headers['x-list']).toBe('a, b');
  });

  it('reports headers like IncomingHttpHeaders: lower-case, set-cookie as array, repeats joined, hop-by-hop kept', async () => {
    const raw = await rawServer(({ socket }) =>
      socket.write(
        'HTTP/1.1 201 Created\r\nContent-Type: text/plain\r\nSet-Cookie: a=1; Path=/\r\nSET-COOKIE: b=2\r\n' +
          'X-Multi: one\r\nx-multi: two\r\nConnection: keep-alive\r\nKeep-Alive: timeout=30\r\n' +
          'X-Empty:\r\nX-Padded: \t padded value \t\r\nContent-Length: 2\r\n\r\nok',
      ),
    );
    const o = await ok(send(pool(raw.url), request()));
    expect(o.statusCode).toBe(201);
    expect(o.headers).toMatchObject({
      'content-type': 'text/plain',
      'set-cookie': ['a=1; Path=/', 'b=2'],
      'x-multi': 'one, two',
      connection: 'keep-alive',
      'keep-alive': 'timeout=30',
      'x-empty': '',
      'x-padded': 'padded value',
      'content-length': '2',
    });
    expect(o.text()).toBe('ok');
  });

  it('delivers a binary body byte for byte', async () => {
    const up = await upstream();
    const payload = Buffer.alloc(256 * 40, 0);
    for (let i = 0; i < payload.length; i++) payload[i] = (i * 7 + (i >> 8)) & 0xff;
    up.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(payload);
    });
    const o = await ok(send(pool(up.url), request()));
    expect(o.body().equals(payload)).toBe(true);
  });

  /**
   * A handler that pauses on every `every`-th chunk and resumes a moment later. pause() may let the rest of the
   * socket read in progress through (bounded by one read); nothing may arrive once the event loop has turned
   * while paused.
   */
  function pausingHooks(every: number): Hooks & { pauses: number; lateData: number } {
    let paused = false;
    let turned = false;
    const hooks = {
      pauses: 0,
      lateData: 0,
      onResponseData(controller: UpstreamController, _chunk: Buffer, outcome: Outcome) {
        if (paused) {
          if (turned) hooks.lateData++;
          return;
        }
        if (outcome.chunks.length % every !== 1 % every) return;
        paused = true;
        turned = false;
        hooks.pauses++;
        controller.pause();
        setImmediate(() => {
          turned = true;
        });
        setTimeout(() => {
          paused = false;
          controller.resume();
        }, 2);
      },
    };
    return hooks;
  }

  it('streams a 5 MB body with pause()/resume(): nothing arrives while paused, every byte in order', async () => {
    const up = await upstream();
    const payload = randomBytes(5 * 1024 * 1024);
    up.handle((_req, res) => {
      res.writeHead(200, { 'content-length': String(payload.length) });
      let offset = 0;
      const pump = (): void => {
        while (offset < payload.length) {
          const piece = payload.subarray(offset, offset + 64 * 1024);
          offset += piece.length;
          if (!res.write(piece)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      pump();
    });
    const hooks = pausingHooks(8);
    const o = await ok(send(pool(up.url), request(), hooks));
    expect(hooks.pauses).toBeGreaterThan(1);
    expect(hooks.lateData).toBe(0);
    expect(o.body().length).toBe(payload.length);
    expect(o.body().equals(payload)).toBe(true);
  });

  it('pause() holds back a many-chunk response that arrived in one read', async () => {
    const chunks = Array.from({ length: 50 }, (_, i) => `chunk-${i};`);
    const raw = await rawServer(({ socket }) =>
      socket.write(
        `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${chunks.map((c) => `${c.length.toString(16)}\r\n${c}\r\n`).join('')}0\r\n\r\n`,
      ),
    );
    const hooks = pausingHooks(1);
    const o = await ok(send(pool(raw.url), request(), hooks));
    expect(hooks.lateData).toBe(0);
    expect(o.text()).toBe(chunks.join(''));
  });

  it('fails once when the request body stream throws, and does not reuse the socket', async () => {
    const up = await upstream();
    const p = pool(up.url);
    const failure = new Error('source failed');
    async function* body(): AsyncGenerator<Buffer> {
      yield Buffer.from('some bytes');
      await nextTurn();
      throw failure;
    }
    const o = send(p, request({ method: 'POST', path: '/upload', headers: { host: 'x' }, body: body() }));
    const error = await failed(o);
    expect(error === failure || error.cause === failure || error.message.includes('source failed')).toBe(
      true,
    );
    const seen = await up.settled(0);
    expect(seen.complete).toBe(false);
    await ok(send(p, request({ path: '/next' })));
    expect(up.connections()).toBe(2);
  });

  it('sends a Buffer body with the caller’s content-length, exactly', async () => {
    const up = await upstream();
    const body = randomBytes(100_000);
    const o = await ok(
      send(
        pool(up.url),
        request({
          method: 'POST',
          path: '/upload',
          headers: {
            host: 'x',
            'content-length': String(body.length),
            'content-type': 'application/octet-stream',
          },
          body,
        }),
      ),
    );
    expect(o.statusCode).toBe(200);
    const seen = await up.settled(0);
    expect(seen.complete).toBe(true);
    expect(seen.headers['content-length']).toBe(String(body.length));
    expect(seen.headers['transfer-encoding']).toBeUndefined();
    expect(seen.body.equals(body)).toBe(true);
  });

  it('sends an AsyncIterable body without content-length chunked (an empty piece does not end it)', async () => {
    const up = await upstream();
    const parts = [
      Buffer.from('first,'),
      Buffer.alloc(0),
      randomBytes(70_000),
      Buffer.from('\r\n0\r\n\r\n'),
      Buffer.from('end'),
    ];
    async function* body(): AsyncGenerator<Buffer> {
      for (const part of parts) {
        yield part;
        await nextTurn();
      }
    }
    const o = await ok(
      send(pool(up.url), request({ method: 'PUT', path: '/stream', headers: { host: 'x' }, body: body() })),
    );
    expect(o.statusCode).toBe(200);
    const seen = await up.settled(0);
    expect(seen.complete).toBe(true);
    expect(seen.headers['transfer-encoding']).toBe('chunked');
    expect(seen.headers['content-length']).toBeUndefined();
    expect(seen.body.equals(Buffer.concat(parts))).toBe(true);
  });

  it('sends an AsyncIterable body with content-length as is, not chunked', async () => {
    const up = await upstream();
    async function* body(): AsyncGenerator<Buffer> {
      yield Buffer.from('hello ');
      yield Buffer.from('world');
    }
    await ok(
      send(
        pool(up.url),
        request({ method: 'POST', headers: { host: 'x', 'content-length': '11' }, body: body() }),
      ),
    );
    const seen = await up.settled(0);
    expect(seen.headers['transfer-encoding']).toBeUndefined();
    expect(seen.body.toString()).toBe('hello world');
  });

  it('sends content-length: 0 for a POST without a body', async () => {
    const up = await upstream();
    await ok(send(pool(up.url), request({ method: 'POST', headers: { host: 'x' }, body: null })));
    const seen = await up.settled(0);
    expect(seen.headers['content-length']).toBe('0');
    expect(seen.headers['transfer-encoding']).toBeUndefined();
  });
});

describe('keep-alive', () => {
  it('serves 20 sequential requests on one socket', async () => {
    const up = await upstream();
    const p = pool(up.url);
    for (let i = 0; i < 20; i++) {
      const o = await ok(send(p, request({ path: `/${i}` })));
      expect((JSON.parse(o.text()) as { url: string }).url).toBe(`/${i}`);
    }
    expect(up.connections()).toBe(1);
    expect(p.stats).toEqual({ open: 1, idle: 1, busy: 0, queued: 0 });
  });

  it('with connections: 2 runs 10 concurrent requests on at most 2 sockets, queueing the rest', async () => {
    const up = await upstream();
    let active = 0;
    let maxActive = 0;
    up.handle((req, res) => {
      active++;
      maxActive = Math.max(maxActive, active);
      setTimeout(() => {
        active--;
        res.end(req.url);
      }, 5);
    });
    const p = pool(up.url, { connections: 2 });
    const all = Array.from({ length: 10 }, (_, i) => send(p, request({ path: `/${i}` })));
    expect(p.stats.queued).toBeGreaterThanOrEqual(8);
    const done = await Promise.all(all.map(ok));
    expect(done.map((o) => o.text())).toEqual(Array.from({ length: 10 }, (_, i) => `/${i}`));
    expect(up.connections()).toBeLessThanOrEqual(2);
    expect(maxActive).toBeLessThanOrEqual(2);
    expect(p.stats.queued).toBe(0);
  });

  it('serves queued requests first in, first out', async () => {
    const up = await upstream();
    up.handle((req, res) => setImmediate(() => res.end(req.url)));
    const p = pool(up.url, { connections: 1 });
    await Promise.all(Array.from({ length: 6 }, (_, i) => ok(send(p, request({ path: `/${i}` })))));
    expect(up.seen.map((s) => s.url)).toEqual(['/0', '/1', '/2', '/3', '/4', '/5']);
  });

  it('does not reuse a socket after Connection: close, and closes it', async () => {
    // The raw server leaves the socket open: only the client can decide not to reuse it.
    const raw = await rawServer(({ socket, index }) =>
      socket.write(
        index === 0 ? 'HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 5\r\n\r\nfirst' : OK,
      ),
    );
    const p = pool(raw.url);
    expect((await ok(send(p, request()))).text()).toBe('first');
    expect((await ok(send(p, request()))).text()).toBe('ok');
    expect(raw.requests.map((r) => r.connection)).toEqual([0, 1]);
    await vi.waitFor(() => expect(raw.closedConnections()).toBeGreaterThanOrEqual(1));
  });

  it('does not reuse a socket after an HTTP/1.0 response without keep-alive', async () => {
    const raw = await rawServer(({ socket, index }) =>
      socket.write(index === 0 ? 'HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nold' : OK),
    );
    const p = pool(raw.url);
    expect((await ok(send(p, request()))).text()).toBe('old');
    expect((await ok(send(p, request()))).text()).toBe('ok');
    expect(raw.requests.map((r) => r.connection)).toEqual([0, 1]);
  });

  it('delivers a close-delimited body (no length, the upstream closes) whole, and then uses a new socket', async () => {
    const raw = await rawServer(({ socket, index }) => {
      if (index > 0) return void socket.write(OK);
      socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n');
      void writeSlowly(socket, 'part one, part two, part three', 7).then(() => socket.end());
    });
    const p = pool(raw.url);
    const o = await ok(send(p, request()));
    expect(o.statusCode).toBe(200);
    expect(o.text()).toBe('part one, part two, part three');
    expect((await ok(send(p, request()))).text()).toBe('ok');
    expect(raw.requests.map((r) => r.connection)).toEqual([0, 1]);
  });

  it('closes an idle socket after keepAliveTimeoutMs', async () => {
    const up = await upstream();
    const p = pool(up.url, { keepAliveTimeoutMs: 50 });
    await ok(send(p, request()));
    await vi.waitFor(() => expect(p.stats).toEqual({ open: 0, idle: 0, busy: 0, queued: 0 }));
    await ok(send(p, request()));
    expect(up.connections()).toBe(2);
  });

  it('keeps an idle socket no longer than the upstream’s Keep-Alive: timeout hint minus 1 s', async () => {
    const raw = await rawServer(({ socket }) =>
      socket.write('HTTP/1.1 200 OK\r\nKeep-Alive: timeout=1\r\nContent-Length: 2\r\n\r\nok'),
    );
    const p = pool(raw.url, { keepAliveTimeoutMs: 60_000 });
    await ok(send(p, request()));
    // 1 s - 1 s = 0: the socket must not linger (the waitFor gives up after 1 s).
    await vi.waitFor(() => expect(p.stats.open).toBe(0));
    await ok(send(p, request()));
    expect(raw.connections()).toBe(2);
  });

  it('retries a GET on a new socket when the server closed the idle one just before it was reused', async () => {
    const up = await upstream();
    const p = pool(up.url);
    await ok(send(p, request()));
    // The server drops its idle keep-alive socket, and the next request goes out before the client can notice.
    up.server.closeIdleConnections();
    const o = await ok(send(p, request({ path: '/again' })));
    expect((JSON.parse(o.text()) as { url: string }).url).toBe('/again');
    // One new connection for the one request: no spare socket opened on the side.
    expect(up.connections()).toBe(2);
    expect(p.stats).toEqual({ open: 1, idle: 1, busy: 0, queued: 0 });
  });

  it('retries a GET on a new socket when a reused socket closes before any response byte (deterministic race)', async () => {
    const raw = await rawServer(({ socket, onConnection }) => {
      if (onConnection === 0) socket.write(OK);
      else socket.destroy();
    });
    const p = pool(raw.url);
    await ok(send(p, request({ path: '/1' })));
    const o = await ok(send(p, request({ path: '/2' })));
    expect(o.text()).toBe('ok');
    expect(raw.requests.map((r) => [pathOf(r), r.connection])).toEqual([
      ['/1', 0],
      ['/2', 0],
      ['/2', 1],
    ]);
    expect(raw.connections()).toBe(2);
    await vi.waitFor(() => expect(p.stats).toEqual({ open: 1, idle: 1, busy: 0, queued: 0 }));
  });

  it('does not send a POST with a streamed body twice when a reused socket closes before any response byte', async () => {
    const raw = await rawServer(({ socket, onConnection }) => {
      if (onConnection === 0) socket.write(OK);
      else socket.destroy();
    });
    const p = pool(raw.url);
    await ok(send(p, request()));
    async function* body(): AsyncGenerator<Buffer> {
      yield Buffer.from('once');
    }
    const o = await send(p, request({ method: 'POST', path: '/pay', headers: { host: 'x' }, body: body() }))
      .done;
    expect(o.events.at(-1)).toBe('error');
    expect(raw.requests.filter((r) => pathOf(r) === '/pay').length).toBeLessThanOrEqual(1);
  });
});

describe('chunked responses', () => {
  it('joins several chunks, ignores extensions and trailers, accepts hex in either case, and reuses the socket', async () => {
    const raw = await rawServer(({ socket, index }) =>
      socket.write(
        index > 0
          ? OK
          : 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n' +
              '5;name=value\r\nhello\r\n1;a;b="q;r"\r\n,\r\na\r\n0123456789\r\nB\r\nABCDEFGHIJK\r\n' +
              '0\r\nX-Trailer: t\r\nX-Other: u\r\n\r\n',
      ),
    );
    const p = pool(raw.url);
    const o = await ok(send(p, request()));
    expect(o.text()).toBe('hello,0123456789ABCDEFGHIJK');
    expect(o.headers['x-trailer']).toBeUndefined();
    expect((await ok(send(p, request()))).text()).toBe('ok');
    expect(raw.connections()).toBe(1);
  });

  it('handles an empty chunked body', async () => {
    const raw = await rawServer(({ socket, index }) =>
      socket.write(index > 0 ? OK : 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'),
    );
    const p = pool(raw.url);
    const o = await ok(send(p, request()));
    expect(o.statusCode).toBe(200);
    expect(o.text()).toBe('');
    expect((await ok(send(p, request()))).text()).toBe('ok');
    expect(raw.connections()).toBe(1);
  });

  it('parses a response written one byte at a time', async () => {
    const response =
      'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n' +
      '4;ext=1\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nX-T: 1\r\n\r\n';
    const raw = await rawServer(({ socket, index }) => {
      void writeSlowly(socket, index > 0 ? OK : response);
    });
    const p = pool(raw.url);
    const o = await ok(send(p, request()));
    expect(o.headers['content-type']).toBe('text/plain');
    expect(o.text()).toBe('Wikipedia in\r\n\r\nchunks.');
    expect((await ok(send(p, request()))).text()).toBe('ok');
    expect(raw.connections()).toBe(1);
  });
});

describe('responses without a body', () => {
  it.each([
    ['HEAD', '/', 'HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nContent-Type: text/plain\r\n\r\n', 200],
    ['GET', '/204', 'HTTP/1.1 204 No Content\r\nContent-Length: 7\r\n\r\n', 204],
    ['GET', '/304', 'HTTP/1.1 304 Not Modified\r\nContent-Length: 1000\r\nETag: "x"\r\n\r\n', 304],
  ])(
    '%s %s with a Content-Length: no body expected, the socket reused',
    async (method, path, head, status) => {
      const raw = await rawServer(({ socket, index }) => socket.write(index > 0 ? OK : head));
      const p = pool(raw.url, { bodyTimeoutMs: 1_000, headersTimeoutMs: 1_000 });
      const o = await ok(send(p, request({ method, path })));
      expect(o.statusCode).toBe(status);
      expect(o.body().length).toBe(0);
      expect((await ok(send(p, request()))).text()).toBe('ok');
      expect(raw.connections()).toBe(1);
    },
  );

  it.each([
    ['in one write', false],
    ['in separate writes', true],
  ])('skips 100 Continue and 103 Early Hints before the final response (%s)', async (_name, slow) => {
    const response =
      'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n' +
      'HTTP/1.1 200 OK\r\nX-Final: yes\r\nContent-Length: 5\r\n\r\nfinal';
    const raw = await rawServer(({ socket, index }) => {
      if (index > 0) socket.write(OK);
      else if (slow) void writeSlowly(socket, response, 9);
      else socket.write(response);
    });
    const p = pool(raw.url);
    const o = await ok(send(p, request()));
    expect(o.events.filter((e) => e === 'responseStart')).toHaveLength(1);
    expect(o.statusCode).toBe(200);
    expect(o.headers['x-final']).toBe('yes');
    expect(o.headers.link).toBeUndefined();
    expect(o.text()).toBe('final');
    expect((await ok(send(p, request()))).text()).toBe('ok');
    expect(raw.connections()).toBe(1);
  });
});

describe('request safety: nothing that would change the request’s meaning is written', () => {
  it.each<[string, Partial<UpstreamRequest>]>([
    ['CRLF in a header value', { headers: { host: 'x', 'x-a': 'a\r\nx-injected: 1' } }],
    ['bare LF in a header value', { headers: { host: 'x', 'x-a': 'a\nx-injected: 1' } }],
    ['bare CR in a header value', { headers: { host: 'x', 'x-a': 'a\rb' } }],
    ['NUL in a header value', { headers: { host: 'x', 'x-a': 'a\0b' } }],
    [
      'CRLF in one value of a list',
      { headers: { host: 'x', 'x-a': ['fine', 'b\r\n\r\nGET /smuggled HTTP/1.1'] } },
    ],
    ['CRLF in the host header', { headers: { host: 'x\r\nx-injected: 1' } }],
    ['a space in a header name', { headers: { host: 'x', 'x a': 'b' } }],
    ['a colon in a header name', { headers: { host: 'x', 'x:a': 'b' } }],
    ['CRLF in a header name', { headers: { host: 'x', 'x\r\ny': 'b' } }],
    ['CRLF in the path', { path: '/a HTTP/1.1\r\nx-injected: 1\r\n\r\nGET /b' }],
    ['a space in the path', { path: '/a b' }],
    ['a space in the method', { method: 'GET /x' }],
  ])('refuses %s', async (_name, overrides) => {
    const raw = await rawServer(({ socket }) => socket.write(OK));
    const p = pool(raw.url);
    const error = await failed(send(p, request(overrides)));
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.code).toBe('UPSTREAM_INVALID_REQUEST');
    // The pool still works, and the only bytes the upstream ever saw are the next, valid request.
    await ok(send(p, request({ path: '/next' })));
    expect(raw.requests.map(pathOf)).toEqual(['/next']);
    expect(raw.bytesReceived()).toBe(Buffer.byteLength(raw.requests[0]?.head ?? '', 'latin1') + 4);
    expect(raw.requests[0]?.head).not.toMatch(/injected|smuggled/);
  });
});

describe('timeouts and failures', () => {
  it('fails with UPSTREAM_HEADERS_TIMEOUT when the upstream never answers, and drops the socket', async () => {
    const raw = await rawServer(() => {});
    const p = pool(raw.url, { headersTimeoutMs: 100 });
    const o = send(p, request());
    const error = await failed(o);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.code).toBe('UPSTREAM_HEADERS_TIMEOUT');
    expect(o.events).not.toContain('responseStart');
    await vi.waitFor(() => expect(raw.closedConnections()).toBe(1));
  });

  it('fails with UPSTREAM_HEADERS_TIMEOUT when the head stalls half way', async () => {
    const raw = await rawServer(({ socket }) => socket.write('HTTP/1.1 200 OK\r\nContent-'));
    const p = pool(raw.url, { headersTimeoutMs: 100 });
    expect((await failed(send(p, request()))).code).toBe('UPSTREAM_HEADERS_TIMEOUT');
  });

  it('honours a per-request headersTimeoutMs', async () => {
    const raw = await rawServer(() => {});
    const p = pool(raw.url, { headersTimeoutMs: 60_000 });
    expect((await failed(send(p, request({ headersTimeoutMs: 100 })))).code).toBe('UPSTREAM_HEADERS_TIMEOUT');
  });

  it('fails with UPSTREAM_BODY_TIMEOUT after onResponseStart when the body stalls', async () => {
    const raw = await rawServer(({ socket }) =>
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello'),
    );
    const p = pool(raw.url, { bodyTimeoutMs: 100 });
    const o = send(p, request());
    const error = await failed(o);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.code).toBe('UPSTREAM_BODY_TIMEOUT');
    expect(o.events).toContain('responseStart');
    expect(o.text()).toBe('hello');
    await vi.waitFor(() => expect(raw.closedConnections()).toBe(1));
  });

  it('honours a per-request bodyTimeoutMs', async () => {
    const raw = await rawServer(({ socket }) =>
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello'),
    );
    const p = pool(raw.url, { bodyTimeoutMs: 60_000 });
    expect((await failed(send(p, request({ bodyTimeoutMs: 100 })))).code).toBe('UPSTREAM_BODY_TIMEOUT');
  });

  it('measures the body timeout as silence, not as total time', async () => {
    const raw = await rawServer(({ socket }) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\n');
      void (async () => {
        for (let i = 0; i < 12 && !socket.destroyed; i++) {
          await sleep(40);
          socket.write('x');
        }
      })();
    });
    const p = pool(raw.url, { bodyTimeoutMs: 300 });
    expect((await ok(send(p, request()))).text()).toBe('x'.repeat(12));
  });

  it('fails with UPSTREAM_CONNECT_TIMEOUT when the upstream does not complete the handshake', async () => {
    // A listener whose event loop is blocked cannot accept: once its backlog is full, the kernel drops new SYNs.
    const gate = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(
      `const { workerData, parentPort } = require('node:worker_threads');
       const server = require('node:net').createServer();
       server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
         parentPort.postMessage(server.address().port);
         setImmediate(() => { Atomics.wait(workerData, 0, 0); process.exit(0); });
       });`,
      { eval: true, workerData: gate },
    );
    const fillers: Socket[] = [];
    cleanups.push(async () => {
      for (const s of fillers) s.destroy();
      Atomics.store(gate, 0, 1);
      Atomics.notify(gate, 0);
      await worker.terminate();
    });
    const [port] = (await once(worker, 'message')) as [number];
    await sleep(10);
    // Fill the backlog until a connection no longer completes.
    for (let i = 0; i < 8; i++) {
      const s = connect(port, '127.0.0.1');
      s.on('error', () => {});
      fillers.push(s);
      const connected = await Promise.race([
        once(s, 'connect').then(() => true),
        sleep(150).then(() => false),
      ]);
      if (!connected) break;
    }
    const p = pool(`http://127.0.0.1:${port}`, { connectTimeoutMs: 100 });
    const error = await failed(send(p, request()));
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.code).toBe('UPSTREAM_CONNECT_TIMEOUT');
    await vi.waitFor(() => expect(p.stats.open).toBe(0));
  });

  it('fails with ECONNREFUSED when nothing listens', async () => {
    const p = pool(`http://127.0.0.1:${await closedPort()}`);
    const error = await failed(send(p, request()));
    expect(error.code).toBe('ECONNREFUSED');
    await vi.waitFor(() => expect(p.stats.open).toBe(0));
  });

  it('fails with UPSTREAM_CLOSED after onResponseStart when the upstream closes mid-body (Content-Length)', async () => {
    const raw = await rawServer(({ socket }) =>
      socket.end('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly part'),
    );
    const o = send(pool(raw.url), request());
    const error = await failed(o);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.code).toBe('UPSTREAM_CLOSED');
    expect(o.events).toContain('responseStart');
    expect(o.text()).toBe('only part');
  });

  it('fails with UPSTREAM_CLOSED when the upstream closes mid-chunk', async () => {
    const raw = await rawServer(({ socket }) =>
      socket.end('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n10\r\nshort'),
    );
    const o = send(pool(raw.url), request());
    expect((await failed(o)).code).toBe('UPSTREAM_CLOSED');
    expect(o.events).toContain('responseStart');
  });

  it('fails with UPSTREAM_CLOSED when the upstream closes a fresh connection without answering', async () => {
    const raw = await rawServer(({ socket }) => socket.end());
    const o = send(
      pool(raw.url),
      request({ method: 'POST', headers: { host: 'x', 'content-length': '1' }, body: Buffer.from('x') }),
    );
    expect((await failed(o)).code).toBe('UPSTREAM_CLOSED');
    expect(o.events).not.toContain('responseStart');
  });

  it('fails with UPSTREAM_CLOSED when the upstream closes mid-head', async () => {
    const raw = await rawServer(({ socket }) => socket.end('HTTP/1.1 200 OK\r\nContent-Len'));
    expect(
      (await failed(send(pool(raw.url), request({ method: 'POST', headers: { host: 'x' } })))).code,
    ).toBe('UPSTREAM_CLOSED');
  });
});

describe('abort()', () => {
  it('while queued: one error with the reason, nothing sent, the pool carries on', async () => {
    let release: () => void = () => {};
    const raw = await rawServer(({ socket, index }) => {
      if (index === 0) release = () => socket.write(OK);
      else socket.write(OK);
    });
    const p = pool(raw.url, { connections: 1 });
    const first = send(p, request({ path: '/first' }));
    const second = send(p, request({ path: '/second' }));
    await vi.waitFor(() => expect(raw.requests).toHaveLength(1));
    expect(p.stats.queued).toBe(1);
    const reason = new Error('client went away');
    second.controller?.abort(reason);
    expect(await failed(second)).toBe(reason);
    expect(second.controller?.aborted).toBe(true);
    expect(p.stats.queued).toBe(0);
    release();
    await ok(first);
    await ok(send(p, request({ path: '/third' })));
    expect(raw.requests.map(pathOf)).toEqual(['/first', '/third']);
    expect(raw.connections()).toBe(1);
  });

  it('inside onRequestStart: one error with the reason, nothing sent', async () => {
    const raw = await rawServer(({ socket }) => socket.write(OK));
    const p = pool(raw.url);
    const reason = new Error('no');
    const o = send(p, request({ path: '/never' }), { onRequestStart: (c) => c.abort(reason) });
    expect(await failed(o)).toBe(reason);
    await ok(send(p, request({ path: '/next' })));
    expect(raw.requests.map(pathOf)).toEqual(['/next']);
  });

  it('while waiting for the head: one error with the reason, the socket closed', async () => {
    const raw = await rawServer(({ socket, index }) => {
      if (index > 0) socket.write(OK);
    });
    const p = pool(raw.url);
    const o = send(p, request());
    await vi.waitFor(() => expect(raw.requests).toHaveLength(1));
    const reason = new Error('stop');
    o.controller?.abort(reason);
    expect(await failed(o)).toBe(reason);
    await vi.waitFor(() => expect(raw.closedConnections()).toBe(1));
    await ok(send(p, request()));
  });

  it('during the body: one error with the reason, no more data, the socket destroyed, the pool carries on', async () => {
    const raw = await rawServer(({ socket, index }) => {
      if (index > 0) return void socket.write(OK);
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n');
      socket.write(Buffer.alloc(1000, 'a'));
      const more = setInterval(
        () => (socket.destroyed ? clearInterval(more) : socket.write(Buffer.alloc(1000, 'b'))),
        2,
      );
    });
    const p = pool(raw.url);
    const reason = new Error('client went away');
    const o = send(p, request(), { onResponseData: (c) => c.abort(reason) });
    expect(await failed(o)).toBe(reason);
    await sleep(20);
    expect(o.events.filter((e) => e === 'data')).toHaveLength(1);
    expect(o.controller?.aborted).toBe(true);
    await vi.waitFor(() => expect(raw.closedConnections()).toBe(1));
    expect((await ok(send(p, request()))).text()).toBe('ok');
    expect(raw.connections()).toBe(2);
  });

  it('during a many-chunk response received in one read: no data after the abort', async () => {
    const chunks = Array.from({ length: 20 }, (_, i) => `c${i}`);
    const raw = await rawServer(({ socket }) =>
      socket.write(
        `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${chunks.map((c) => `${c.length.toString(16)}\r\n${c}\r\n`).join('')}`,
      ),
    );
    const reason = new Error('enough');
    const o = send(pool(raw.url), request(), { onResponseData: (c) => c.abort(reason) });
    expect(await failed(o)).toBe(reason);
    await sleep(10);
    expect(o.events.filter((e) => e === 'data')).toHaveLength(1);
    expect(o.events.at(-1)).toBe('error');
  });

  it('after the end: no second callback, the socket stays reusable', async () => {
    const raw = await rawServer(({ socket }) => socket.write(OK));
    const p = pool(raw.url);
    const o = await ok(send(p, request()));
    o.controller?.abort(new Error('late'));
    await sleep(10);
    expect(o.events.at(-1)).toBe('end');
    await ok(send(p, request()));
    expect(raw.connections()).toBe(1);
  });
});

describe('close() and destroy()', () => {
  it('close(): the in-flight request completes, new ones get UPSTREAM_POOL_CLOSED, then the sockets close', async () => {
    let release: () => void = () => {};
    const raw = await rawServer(({ socket }) => {
      release = () => socket.write(OK);
    });
    const p = pool(raw.url);
    const inFlight = send(p, request({ path: '/slow' }));
    await vi.waitFor(() => expect(raw.requests).toHaveLength(1));
    let closed = false;
    const closing = p.close().then(() => {
      closed = true;
    });
    const late = send(p, request({ path: '/late' }));
    const error = await failed(late);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.code).toBe('UPSTREAM_POOL_CLOSED');
    await sleep(10);
    expect(closed).toBe(false);
    release();
    expect((await ok(inFlight)).text()).toBe('ok');
    await closing;
    await vi.waitFor(() => expect(p.stats.open).toBe(0));
    await vi.waitFor(() => expect(raw.closedConnections()).toBe(1));
    expect(raw.requests.map(pathOf)).toEqual(['/slow']);
  });

  it('close() with nothing in flight resolves and closes idle sockets', async () => {
    const up = await upstream();
    const p = pool(up.url);
    await ok(send(p, request()));
    await p.close();
    await vi.waitFor(() => expect(p.stats.open).toBe(0));
  });

  it('destroy(): the in-flight request gets an error, later ones UPSTREAM_POOL_CLOSED', async () => {
    const raw = await rawServer(() => {});
    const p = pool(raw.url);
    const inFlight = send(p, request());
    await vi.waitFor(() => expect(raw.requests).toHaveLength(1));
    p.destroy();
    expect(await failed(inFlight)).toBeInstanceOf(Error);
    await vi.waitFor(() => expect(raw.closedConnections()).toBe(1));
    expect((await failed(send(p, request()))).code).toBe('UPSTREAM_POOL_CLOSED');
    expect(p.stats).toEqual({ open: 0, idle: 0, busy: 0, queued: 0 });
  });
});

describe('request()', () => {
  it('resolves with status, headers and a body readable with for await', async () => {
    const up = await upstream();
    up.handle((_req, res) => {
      res.setHeader('set-cookie', ['a=1', 'b=2']);
      res.write('hello ');
      setTimeout(() => res.end('world'), 5);
    });
    const res = await pool(up.url).request(request({ path: '/r' }));
    expect(res.statusCode).toBe(200);
    expect(res.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    const chunks: Buffer[] = [];
    for await (const chunk of res.body) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('hello world');
  });

  const stalledBody = async () =>
    rawServer(({ socket }) => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nstart'));

  async function readAll(body: NodeJS.ReadableStream): Promise<string> {
    let text = '';
    for await (const chunk of body) text += chunk.toString();
    return text;
  }

  it('errors the body stream when an AbortSignal aborts mid-body', async () => {
    const raw = await stalledBody();
    const controller = new AbortController();
    const res = await pool(raw.url, { bodyTimeoutMs: 2_000 }).request({
      ...request(),
      signal: controller.signal,
    });
    expect(res.statusCode).toBe(200);
    const reading = readAll(res.body);
    await sleep(10);
    controller.abort();
    const error = (await reading.then(
      () => undefined,
      (e: unknown) => e,
    )) as (Error & { code?: string }) | undefined;
    expect(error).toBeInstanceOf(Error);
    expect(error?.code).not.toBe('UPSTREAM_BODY_TIMEOUT');
    await vi.waitFor(() => expect(raw.closedConnections()).toBe(1));
  });

  it('errors the body stream when an EventEmitter signal emits abort', async () => {
    const raw = await stalledBody();
    const signal = Object.assign(new EventEmitter(), { aborted: false });
    const res = await pool(raw.url, { bodyTimeoutMs: 2_000 }).request({ ...request(), signal });
    const reading = readAll(res.body);
    await sleep(10);
    signal.aborted = true;
    signal.emit('abort');
    const error = (await reading.then(
      () => undefined,
      (e: unknown) => e,
    )) as (Error & { code?: string }) | undefined;
    expect(error).toBeInstanceOf(Error);
    expect(error?.code).not.toBe('UPSTREAM_BODY_TIMEOUT');
  });

  it('rejects at once with an already aborted signal, sending nothing', async () => {
    const raw = await rawServer(({ socket }) => socket.write(OK));
    const controller = new AbortController();
    controller.abort();
    await expect(pool(raw.url).request({ ...request(), signal: controller.signal })).rejects.toBeInstanceOf(
      Error,
    );
    await sleep(10);
    expect(raw.requests).toHaveLength(0);
  });

  it('rejects with the connection error', async () => {
    const p = pool(`http://127.0.0.1:${await closedPort()}`);
    await expect(p.request(request())).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('rejects with UPSTREAM_HEADERS_TIMEOUT', async () => {
    const raw = await rawServer(() => {});
    await expect(pool(raw.url, { headersTimeoutMs: 100 }).request(request())).rejects.toMatchObject({
      code: 'UPSTREAM_HEADERS_TIMEOUT',
    });
  });
});

describe('https', () => {
  it('makes a round trip with the CA in tls.ca and reuses the connection; fails without it', async () => {
    const pki = createTestCertificates();
    cleanups.push(() => pki.remove());
    const files = pki.files.server!;
    let connections = 0;
    const server = createHttpsServer(
      { cert: readFileSync(files.cert), key: readFileSync(files.key) },
      (req, res) => res.end(`secure ${req.url}`),
    );
    server.on('secureConnection', () => connections++);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    cleanups.push(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });
    const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const trusted = pool(origin, { tls: { ca: readFileSync(pki.files.ca!.cert) } });
    expect((await ok(send(trusted, request({ path: '/1' })))).text()).toBe('secure /1');
    expect((await ok(send(trusted, request({ path: '/2' })))).text()).toBe('secure /2');
    expect(connections).toBe(1);

    const untrusted = pool(origin);
    const error = await failed(send(untrusted, request()));
    expect(error.code).toMatch(/CERT|VERIFY|SIGNATURE|SELF_SIGNED/);
    await vi.waitFor(() => expect(untrusted.stats.open).toBe(0));
  });
});

describe('review findings (regressions)', () => {
  it('a socket paused on the last chunk is not reused with bytes that arrived while it was idle', async () => {
    const raw = await rawServer(({ socket, connection, onConnection }) => {
      if (connection === 0 && onConnection === 0) {
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello');
        // A miscounted body: bytes that belong to no request arrive later, on the idle connection.
        setTimeout(
          () => socket.write('HTTP/1.1 200 OK\r\nx-secret: other\r\nContent-Length: 6\r\n\r\nSTOLEN'),
          20,
        );
      } else socket.write('HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\ngenuine');
    });
    const p = pool(raw.url);
    await ok(send(p, request({ path: '/a' }), { onResponseData: (controller) => controller.pause() }));
    await sleep(80);
    const b = await ok(send(p, request({ path: '/b' })));
    expect(b.text()).toBe('genuine');
    expect(b.headers['x-secret']).toBeUndefined();
    expect(raw.connections()).toBe(2);
  });

  it('reads a head sent a byte at a time in linear time (no copy of the whole head per byte)', async () => {
    // 60 KB of headers one byte per read: quadratic joining would copy ~1.8 GB; the test only checks correctness,
    // the bench-free guard is that it finishes within the default test timeout.
    const headers = Array.from({ length: 1500 }, (_, i) => `x-h${i}: ${'v'.repeat(30)}\r\n`).join('');
    const raw = await rawServer(({ socket }) => {
      void writeSlowly(socket, `HTTP/1.1 200 OK\r\n${headers}Content-Length: 2\r\n\r\nok`, 1);
    });
    const p = pool(raw.url, { maxHeaderBytes: 128 * 1024 });
    const o = await ok(send(p, request()));
    expect(o.text()).toBe('ok');
    expect(o.headers['x-h1499']).toBe('v'.repeat(30));
  });

  it('request(): an upstream failure before anyone reads the body is kept on the stream, not thrown', async () => {
    const raw = await rawServer(({ socket }) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial');
      setTimeout(() => socket.destroy(), 10);
    });
    const p = pool(raw.url);
    const response = await p.request(request());
    await sleep(60); // the failure happens while nobody reads
    expect(response.body.errored).toBeInstanceOf(Error);
    await expect(
      (async () => {
        for await (const _ of response.body) {
          // draining
        }
      })(),
    ).rejects.toThrow();
  });

  it('refuses header values with characters a latin1 write would turn into other bytes, and normalizes framing names', async () => {
    const raw = await rawServer(({ socket }) => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'));
    const p = pool(raw.url);
    const error = await failed(
      send(p, request({ headers: { host: 'a', 'x-user': 'bob\u010d\u010aX-Role: admin' } })),
    );
    expect(error.code).toBe('UPSTREAM_INVALID_REQUEST');
    await ok(
      send(
        p,
        request({
          method: 'POST',
          headers: { host: 'a', 'Transfer-Encoding': 'chunked', 'Content-Length': '99' },
          body: Buffer.from('hello'),
        }),
      ),
    );
    const head = raw.requests.at(-1)?.head.toLowerCase() ?? '';
    expect(head).not.toContain('transfer-encoding');
    expect(head.match(/content-length/g)).toEqual(['content-length']);
    expect(head).toContain('content-length: 5');
  });

  it('never writes streamed body bytes past the declared Content-Length', async () => {
    const raw = await rawServer(({ socket }) => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'));
    const p = pool(raw.url);
    async function* body(): AsyncIterable<Buffer> {
      yield Buffer.from('hello');
      yield Buffer.from('GET /admin HTTP/1.1\r\nHost: a\r\n\r\n');
    }
    const error = await failed(
      send(p, request({ method: 'POST', headers: { host: 'a', 'content-length': '5' }, body: body() })),
    );
    expect(error.code).toBe('UPSTREAM_INVALID_REQUEST');
    await sleep(30);
    expect(raw.requests.map(pathOf)).not.toContain('/admin');
  });

  it('fails with the body timeout when the upstream stops reading a streamed request body', async () => {
    const server = createNetServer((socket) => socket.pause()); // accepts, never reads, never answers
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const sockets: Socket[] = [];
    server.on('connection', (s) => sockets.push(s));
    cleanups.push(async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    });
    const p = pool(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, {
      bodyTimeoutMs: 200,
      headersTimeoutMs: 200,
    });
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    async function* body(): AsyncIterable<Buffer> {
      for (let i = 0; i < 64; i++) yield chunk;
    }
    const error = await failed(send(p, request({ method: 'POST', body: body() })));
    expect(error.code).toBe('UPSTREAM_BODY_TIMEOUT');
  });

  it('close() called twice and destroy() after close() all settle', async () => {
    const raw = await rawServer(({ socket }) => {
      setTimeout(() => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'), 200);
    });
    const p = pool(raw.url);
    const inFlight = send(p, request());
    await vi.waitFor(() => expect(raw.requests).toHaveLength(1), { interval: 5 });
    const first = p.close();
    const second = p.close();
    expect(second).toBe(first);
    await ok(inFlight);
    await Promise.all([first, second]);
    p.destroy();
    await first;
  });

  it('a handler that throws in onResponseEnd does not leave the connection stuck', async () => {
    const up = await upstream();
    const p = pool(up.url);
    await new Promise<void>((resolve) => {
      p.dispatch(request(), {
        onRequestStart() {},
        onResponseStart() {},
        onResponseData() {},
        onResponseEnd() {
          resolve();
          throw new Error('handler bug');
        },
        onResponseError() {},
      });
    });
    await vi.waitFor(() => expect(p.stats.busy).toBe(0));
    await ok(send(p, request()));
    await p.close();
  });

  it('request() removes its listener from a shared abort signal when done', async () => {
    const up = await upstream();
    const p = pool(up.url);
    const signal = Object.assign(new EventEmitter(), { aborted: false });
    for (let i = 0; i < 15; i++) {
      const response = await p.request({ ...request(), signal });
      for await (const _ of response.body) {
        // draining
      }
    }
    expect(signal.listenerCount('abort')).toBe(0);
  });
});
