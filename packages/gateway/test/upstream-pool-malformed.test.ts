import { once } from 'node:events';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { UpstreamError } from '../src/upstream-client/upstream-error.js';
import { UpstreamPool, type UpstreamPoolOptions } from '../src/upstream-client/upstream-pool.js';

// Black-box tests of how the gateway's upstream client treats responses that break HTTP/1.1 framing
// (RFC 9112): each must fail with UPSTREAM_MALFORMED and the connection must never carry another exchange,
// so that no byte of one response can be read as part of the next.

const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';
const BASE: UpstreamPoolOptions = {
  connections: 1,
  keepAliveTimeoutMs: 10_000,
  headersTimeoutMs: 2_000,
  bodyTimeoutMs: 2_000,
  connectTimeoutMs: 2_000,
};

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Result {
  readonly events: string[];
  readonly statusCode: number | undefined;
  readonly headers: Record<string, unknown>;
  readonly body: string;
  readonly error: (Error & { code?: string }) | undefined;
}

/** One GET through `pool`; resolves at End or Error, then checks that exactly one of them was called. */
async function get(pool: UpstreamPool, path = '/'): Promise<Result> {
  const events: string[] = [];
  const chunks: Buffer[] = [];
  let statusCode: number | undefined;
  let headers: Record<string, unknown> = {};
  let error: Error | undefined;
  await new Promise<void>((resolve) => {
    pool.dispatch(
      { method: 'GET', path, headers: { host: 'x' }, body: null },
      {
        onRequestStart: () => events.push('requestStart'),
        onResponseStart(_c, status, h) {
          events.push('responseStart');
          statusCode = status;
          headers = h;
        },
        onResponseData(_c, chunk) {
          events.push('data');
          chunks.push(Buffer.from(chunk));
        },
        onResponseEnd() {
          events.push('end');
          resolve();
        },
        onResponseError(_c, e) {
          events.push('error');
          error = e;
          resolve();
        },
      },
    );
  });
  await sleep(2);
  expect(
    events.filter((e) => e === 'end' || e === 'error'),
    `events ${events.join(',')}`,
  ).toHaveLength(1);
  return { events, statusCode, headers, body: Buffer.concat(chunks).toString('latin1'), error };
}

interface RawServer {
  readonly url: string;
  /** For each request head received: the connection (0-based) it came on. */
  readonly connectionOf: number[];
  connections(): number;
}

/**
 * A `net` server that answers the `index`-th request head (GET only, no bodies) with `respond`; it never closes
 * a connection itself.
 */
async function rawServer(respond: (socket: Socket, index: number) => void): Promise<RawServer> {
  const sockets: Socket[] = [];
  const connectionOf: number[] = [];
  const server = createServer((socket) => {
    const connection = sockets.push(socket) - 1;
    let buffered = '';
    socket.on('error', () => {});
    socket.on('data', (data: Buffer) => {
      buffered += data.toString('latin1');
      for (let end = buffered.indexOf('\r\n\r\n'); end >= 0; end = buffered.indexOf('\r\n\r\n')) {
        buffered = buffered.slice(end + 4);
        respond(socket, connectionOf.push(connection) - 1);
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanups.push(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connectionOf,
    connections: () => sockets.length,
  };
}

function pool(origin: string, options: Partial<UpstreamPoolOptions> = {}): UpstreamPool {
  const p = new UpstreamPool(origin, { ...BASE, ...options });
  cleanups.push(() => p.destroy());
  return p;
}

function expectMalformed(result: Result): void {
  expect(result.events.at(-1), `got ${result.statusCode} ${JSON.stringify(result.body)}`).toBe('error');
  expect(result.error).toBeInstanceOf(UpstreamError);
  expect(result.error?.code).toBe('UPSTREAM_MALFORMED');
  expect(result.error?.message.length).toBeGreaterThan(10);
}

const H = 'HTTP/1.1 200 OK\r\n';

describe('malformed responses fail with UPSTREAM_MALFORMED and the socket is not reused', () => {
  it.each([
    [
      'Content-Length and Transfer-Encoding',
      `${H}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
    ],
    [
      'Transfer-Encoding and Content-Length',
      `${H}Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n`,
    ],
    ['two different Content-Length values', `${H}Content-Length: 2\r\nContent-Length: 12\r\n\r\nok`],
    ['a Content-Length list of different values', `${H}Content-Length: 2, 12\r\n\r\nok`],
    ['a non-numeric Content-Length', `${H}Content-Length: abc\r\n\r\nok`],
    ['a negative Content-Length', `${H}Content-Length: -2\r\n\r\nok`],
    ['a Content-Length with a sign', `${H}Content-Length: +2\r\n\r\nok`],
    ['a Content-Length in hex', `${H}Content-Length: 0x2\r\n\r\nok`],
    ['a Content-Length beyond 2^53', `${H}Content-Length: 99999999999999999999\r\n\r\nok`],
    ['Transfer-Encoding: gzip', `${H}Transfer-Encoding: gzip\r\n\r\nok`],
    ['Transfer-Encoding: chunked, gzip', `${H}Transfer-Encoding: chunked, gzip\r\n\r\n2\r\nok\r\n0\r\n\r\n`],
    ['Transfer-Encoding: xchunked', `${H}Transfer-Encoding: xchunked\r\n\r\n2\r\nok\r\n0\r\n\r\n`],
    [
      'Transfer-Encoding in an HTTP/1.0 response',
      'HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n',
    ],
    [
      '101 Switching Protocols to a request that asked for no upgrade',
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\nConnection: upgrade\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok',
    ],
    ['a four-digit status code', 'HTTP/1.1 2000 OK\r\nContent-Length: 2\r\n\r\nok'],
    ['a two-digit status code', 'HTTP/1.1 20 OK\r\nContent-Length: 2\r\n\r\nok'],
    ['a status line that is not HTTP', 'FOO\r\nContent-Length: 2\r\n\r\nok'],
    ['an unknown protocol version', 'HTTP/2.0 200 OK\r\nContent-Length: 2\r\n\r\nok'],
    ['a lower-case protocol name', 'http/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'],
    ['a header line without a colon', `${H}X-Broken header\r\nContent-Length: 2\r\n\r\nok`],
    [
      'obs-fold (a continuation line starting with a space)',
      `${H}X-A: one\r\n two\r\nContent-Length: 2\r\n\r\nok`,
    ],
    [
      'obs-fold (a continuation line starting with a tab)',
      `${H}X-A: one\r\n\ttwo\r\nContent-Length: 2\r\n\r\nok`,
    ],
    ['whitespace between the header name and the colon', `${H}Content-Length : 2\r\n\r\nok`],
    ['a space inside a header name', `${H}Content Length: 2\r\n\r\nok`],
    ['an empty header name', `${H}: x\r\nContent-Length: 2\r\n\r\nok`],
    ['a NUL in a header value', `${H}X-A: a\0b\r\nContent-Length: 2\r\n\r\nok`],
    ['an invalid chunk size', `${H}Transfer-Encoding: chunked\r\n\r\nzz\r\nok\r\n0\r\n\r\n`],
    ['an empty chunk size line', `${H}Transfer-Encoding: chunked\r\n\r\n\r\nok\r\n0\r\n\r\n`],
    ['a negative chunk size', `${H}Transfer-Encoding: chunked\r\n\r\n-2\r\nok\r\n0\r\n\r\n`],
    [
      'a chunk size that overflows',
      `${H}Transfer-Encoding: chunked\r\n\r\nfffffffffffffffffff\r\nok\r\n0\r\n\r\n`,
    ],
    ['chunk data not followed by CRLF', `${H}Transfer-Encoding: chunked\r\n\r\n2\r\nokXX\r\n0\r\n\r\n`],
  ])('%s', async (_name, response) => {
    const raw = await rawServer((socket, index) => socket.write(index === 0 ? response : OK));
    const p = pool(raw.url);
    expectMalformed(await get(p));
    const next = await get(p);
    expect(next.body).toBe('ok');
    expect(raw.connectionOf).toEqual([0, 1]);
  });

  it('a head larger than maxHeaderBytes', async () => {
    const raw = await rawServer((socket, index) =>
      socket.write(index === 0 ? `${H}X-Big: ${'a'.repeat(2_000)}\r\nContent-Length: 2\r\n\r\nok` : OK),
    );
    const p = pool(raw.url, { maxHeaderBytes: 1_024 });
    expectMalformed(await get(p));
    expect((await get(p)).body).toBe('ok');
    expect(raw.connectionOf).toEqual([0, 1]);
  });

  it('a head that never ends, as soon as it passes maxHeaderBytes (not at the headers timeout)', async () => {
    const raw = await rawServer((socket, index) => {
      if (index > 0) return void socket.write(OK);
      socket.write(`${H}X-Big: `);
      const timer = setInterval(
        () => (socket.destroyed ? clearInterval(timer) : socket.write('a'.repeat(512))),
        1,
      );
    });
    const p = pool(raw.url, { maxHeaderBytes: 4_096, headersTimeoutMs: 5_000 });
    expectMalformed(await get(p));
    expect((await get(p)).body).toBe('ok');
  });

  it('a head within maxHeaderBytes passes (near miss)', async () => {
    const raw = await rawServer((socket) =>
      socket.write(`${H}X-Big: ${'a'.repeat(400)}\r\nContent-Length: 2\r\n\r\nok`),
    );
    const result = await get(pool(raw.url, { maxHeaderBytes: 1_024 }));
    expect(result.body).toBe('ok');
    expect(result.headers['x-big']).toBe('a'.repeat(400));
  });
});

describe('lenient but unambiguous input is accepted (near misses)', () => {
  it.each([
    [
      'header names in any case and optional whitespace',
      `HTTP/1.1 200 OK\r\ncontent-LENGTH:   2  \r\n\r\nok`,
    ],
    [
      'Transfer-Encoding: Chunked (case-insensitive)',
      `${H}Transfer-Encoding: Chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n`,
    ],
    ['an empty reason phrase', 'HTTP/1.1 200 \r\nContent-Length: 2\r\n\r\nok'],
    ['a reason phrase with spaces', 'HTTP/1.1 200 Very Fine Indeed\r\nContent-Length: 2\r\n\r\nok'],
    ['chunk size with leading zeros', `${H}Transfer-Encoding: chunked\r\n\r\n0002\r\nok\r\n0000\r\n\r\n`],
  ])('%s', async (_name, response) => {
    const raw = await rawServer((socket) => socket.write(response));
    const p = pool(raw.url);
    const first = await get(p);
    expect(first.error).toBeUndefined();
    expect(first.statusCode).toBe(200);
    expect(first.body).toBe('ok');
    expect((await get(p)).body).toBe('ok');
    expect(raw.connectionOf).toEqual([0, 0]);
  });
});

describe('line endings', () => {
  // RFC 9112 §2.2 lets a recipient accept a bare LF as a line terminator; accepting it in one place and not
  // another would let an upstream hide a header. This client rejects it: a bare LF (and a bare CR) in the head
  // is UPSTREAM_MALFORMED, found as soon as the line arrives (not at the headers timeout).
  it.each([
    ['bare LF everywhere', 'HTTP/1.1 200 OK\nX-A: b\nContent-Length: 2\n\nok'],
    ['a bare LF ending the status line', 'HTTP/1.1 200 OK\nContent-Length: 2\r\n\r\nok'],
    ['a bare LF inside a CRLF head', 'HTTP/1.1 200 OK\r\nX-A: b\nContent-Length: 2\r\n\r\nok'],
    ['a bare CR inside a header value', `${H}X-A: b\rContent-Length: 9\r\nContent-Length: 2\r\n\r\nok`],
  ])('%s is rejected', async (_name, response) => {
    const raw = await rawServer((socket, index) => socket.write(index === 0 ? response : OK));
    const p = pool(raw.url, { headersTimeoutMs: 500 });
    expectMalformed(await get(p));
    expect((await get(p)).body).toBe('ok');
    expect(raw.connectionOf).toEqual([0, 1]);
  });
});

describe('bytes beyond the response never reach the next request', () => {
  it('extra bytes after Content-Length in the same write (a second, unsolicited response)', async () => {
    const raw = await rawServer((socket, index) =>
      socket.write(
        index === 0
          ? `${H}Content-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nevil`
          : `${H}Content-Length: 4\r\n\r\ngood`,
      ),
    );
    const p = pool(raw.url);
    const first = await get(p);
    if (first.error) expectMalformed(first);
    else expect(first.body).toBe('ok');
    const second = await get(p, '/second');
    expect(second.body).toBe('good');
    expect(raw.connectionOf).toEqual([0, 1]);
  });

  it('an unsolicited response on an idle socket', async () => {
    let unsolicitedSent = false;
    const raw = await rawServer((socket, index) => {
      if (index > 0) return void socket.write(`${H}Content-Length: 4\r\n\r\ngood`);
      socket.write(OK);
      setTimeout(
        () =>
          socket.write('HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nevil', () => {
            unsolicitedSent = true;
          }),
        5,
      );
    });
    const p = pool(raw.url);
    expect((await get(p)).body).toBe('ok');
    while (!unsolicitedSent) await sleep(2);
    await sleep(20);
    expect((await get(p, '/second')).body).toBe('good');
    expect(raw.connectionOf).toEqual([0, 1]);
  });
});

describe('property: chunked bodies are reassembled exactly however they are cut', () => {
  it('random bodies, random chunk sizes, random TCP writes', async () => {
    let script: Buffer[] = [];
    const raw = await rawServer((socket) => {
      const pieces = script;
      void (async () => {
        for (const piece of pieces) {
          socket.write(piece);
          await nextTurn();
        }
      })();
    });
    const p = pool(raw.url);
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 3_000 }),
        fc.array(fc.integer({ min: 1, max: 900 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 500 }), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        fc.boolean(),
        async (bytes, chunkSizes, writeSizes, upperHex, extensions) => {
          const body = Buffer.from(bytes);
          const parts: Buffer[] = [Buffer.from(`${H}Transfer-Encoding: chunked\r\n\r\n`, 'latin1')];
          for (let offset = 0, i = 0; offset < body.length; i++) {
            const size = Math.min(chunkSizes[i % chunkSizes.length] ?? 1, body.length - offset);
            const hex = upperHex ? size.toString(16).toUpperCase() : size.toString(16);
            parts.push(Buffer.from(`${hex}${extensions ? ';x=1' : ''}\r\n`, 'latin1'));
            parts.push(body.subarray(offset, offset + size), Buffer.from('\r\n'));
            offset += size;
          }
          parts.push(Buffer.from(extensions ? '0;end\r\nX-Trailer: 1\r\n\r\n' : '0\r\n\r\n', 'latin1'));
          const response = Buffer.concat(parts);
          script = [];
          for (let offset = 0, i = 0; offset < response.length; i++) {
            const size = writeSizes[i % writeSizes.length] ?? 1;
            script.push(response.subarray(offset, offset + size));
            offset += size;
          }
          const result = await get(p);
          expect(result.error).toBeUndefined();
          expect(Buffer.from(result.body, 'latin1').equals(body)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
    // Every response was framed exactly: all of them travelled on the one keep-alive connection.
    expect(raw.connections()).toBe(1);
  });
});
