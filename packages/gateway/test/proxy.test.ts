import { request as httpRequest } from 'node:http';
import { Readable } from 'node:stream';
import { Pool, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createGateway, type Gateway, type GatewayOptions } from '../src/index.js';
import { collectEvents } from './collect-events.js';
import { rawRequest } from './raw-request.js';
import { startUpstream, type TestUpstream } from './start-upstream.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(extra: Partial<GatewayOptions> = {}, upstreamCount = 1) {
  const upstreams: TestUpstream[] = [];
  for (let i = 0; i < upstreamCount; i++) {
    const u = await startUpstream();
    upstreams.push(u);
    cleanups.push(() => u.close());
  }
  const events = collectEvents();
  const gateway: Gateway = createGateway({
    listen: { host: '127.0.0.1', port: 0 },
    adminListen: false,
    upstreams: upstreams.map((u) => u.url),
    eventSink: events.sink,
    ...extra,
  });
  const { port } = await gateway.listen();
  cleanups.push(() => gateway.close());
  const base = `http://127.0.0.1:${port}`;
  return { gateway, port, base, upstream: upstreams[0] as TestUpstream, upstreams, events };
}

describe('proxying', () => {
  it('forwards GET with path and query and returns the upstream response', async () => {
    const { base, upstream } = await setup();
    const res = await request(`${base}/items/42?x=1&y=%20`);
    expect(res.statusCode).toBe(200);
    const body = (await res.body.json()) as { url: string; method: string };
    expect(body).toMatchObject({ method: 'GET', url: '/items/42?x=1&y=%20' });
    expect(upstream.seen).toHaveLength(1);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('streams a chunked POST body through without buffering it first', async () => {
    const { base, upstream } = await setup();
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    // The second chunk is only produced after the upstream has seen the first: proof of streaming.
    upstream.handle((req, res) => {
      let first = true;
      req.on('data', () => {
        if (first) release();
        first = false;
      });
      req.on('end', () => res.end('done'));
    });
    async function* body() {
      yield Buffer.alloc(1000, 'a');
      await gate;
      yield Buffer.alloc(2000, 'b');
    }
    const res = await request(`${base}/upload`, { method: 'POST', body: Readable.from(body()) });
    expect(res.statusCode).toBe(200);
    expect(await res.body.text()).toBe('done');
    const seen = await upstream.settled(0);
    expect(seen.body.length).toBe(3000);
    expect(seen.body.subarray(999, 1001).toString()).toBe('ab');
  });

  it('streams the response body to the client before the upstream finishes it', async () => {
    const { base, upstream } = await setup();
    let finish!: () => void;
    upstream.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first-part;');
      finish = () => res.end('second-part');
    });
    const res = await request(`${base}/stream`);
    const iterator = res.body[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(Buffer.from(first.value as Buffer).toString()).toBe('first-part;');
    finish();
    let rest = '';
    for (let n = await iterator.next(); !n.done; n = await iterator.next())
      rest += Buffer.from(n.value).toString();
    expect(rest).toBe('second-part');
  });

  it('forwards a Content-Length POST body intact and reports sizes in the event', async () => {
    const { base, upstream, events } = await setup();
    const payload = Buffer.alloc(100_000, 7);
    const res = await request(`${base}/data`, { method: 'POST', body: payload });
    const echoed = (await res.body.json()) as { bodyLength: number; headers: Record<string, string> };
    expect(echoed.bodyLength).toBe(100_000);
    expect(echoed.headers['content-length']).toBe('100000');
    expect(upstream.seen[0]?.headers['transfer-encoding']).toBeUndefined();
    const event = await events.waitFor((e) => e.path === '/data');
    expect(event).toMatchObject({ method: 'POST', status: 200, requestSize: 100_000, verdict: 'allow' });
    expect(event.responseSize).toBeGreaterThan(0);
  });

  it('records the response headers sent to the client in the event, redacted', async () => {
    const { base, upstream, events } = await setup();
    upstream.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'set-cookie': 'sid=secret', 'x-trace': 't-1' });
      res.end('ok');
    });
    const res = await request(`${base}/headers`);
    await res.body.text();
    const event = await events.waitFor((e) => e.path === '/headers');
    expect(event.responseHeaders).toMatchObject({
      'content-type': 'text/plain',
      'set-cookie': '[redacted]',
      'x-trace': 't-1',
      via: '1.1 rampart',
      'x-request-id': res.headers['x-request-id'],
    });
    // A refusal's problem response too.
    const refused = await request(`${base}/%2f`);
    await refused.body.text();
    const denial = await events.waitFor((e) => e.status === 400);
    expect(denial.responseHeaders).toMatchObject({ 'content-type': 'application/problem+json' });
  });

  it('keeps connections alive on both sides', async () => {
    const { base, upstream } = await setup();
    const client = new Pool(base, { connections: 1 });
    cleanups.push(() => client.close());
    let clientSockets = 0;
    for (let i = 0; i < 20; i++) {
      const res = await client.request({ path: `/k/${i}`, method: 'GET' });
      await res.body.dump();
      expect(res.statusCode).toBe(200);
    }
    clientSockets = new Set(upstream.seen.map((s) => s.socket)).size;
    expect(upstream.seen).toHaveLength(20);
    expect(clientSockets).toBe(1);
    expect(upstream.connections()).toBe(1);
  });

  it('removes hop-by-hop request headers, including those named by Connection, and sets Via', async () => {
    const { port, upstream } = await setup();
    const raw =
      'GET /h HTTP/1.1\r\nHost: example.test\r\nConnection: close, X-Secret-Hop\r\nX-Secret-Hop: 1\r\n' +
      'Keep-Alive: timeout=5\r\nTE: trailers\r\nTrailer: X-T\r\nUpgrade: websocket\r\nProxy-Authorization: Basic abc\r\n' +
      'Proxy-Connection: keep-alive\r\nX-End-To-End: kept\r\nVia: 1.0 client-proxy\r\n\r\n';
    const res = await rawRequest(port, raw, 1000);
    expect(res.status).toBe(200);
    const h = upstream.seen[0]?.headers ?? {};
    for (const name of [
      'x-secret-hop',
      'keep-alive',
      'te',
      'trailer',
      'upgrade',
      'proxy-authorization',
      'proxy-connection',
    ])
      expect(h[name], name).toBeUndefined();
    expect(h['x-end-to-end']).toBe('kept');
    expect(h.via).toBe('1.0 client-proxy, 1.1 rampart');
  });

  it('removes hop-by-hop response headers, including those named by Connection', async () => {
    const { base, upstream } = await setup();
    upstream.handle((_req, res) => {
      res.setHeader('connection', 'X-Internal-Hop');
      res.setHeader('x-internal-hop', 'secret');
      res.setHeader('keep-alive', 'timeout=100');
      res.setHeader('proxy-authenticate', 'Basic');
      res.setHeader('upgrade', 'h2c');
      res.setHeader('trailer', 'x-t');
      res.setHeader('x-app', 'kept');
      res.end('ok');
    });
    const res = await request(`${base}/r`);
    await res.body.dump();
    for (const name of ['x-internal-hop', 'proxy-authenticate', 'upgrade', 'trailer'])
      expect(res.headers[name], name).toBeUndefined();
    expect(res.headers['keep-alive']).not.toBe('timeout=100');
    expect(res.headers['x-app']).toBe('kept');
    expect(res.headers.via).toBe('1.1 rampart');
  });

  it('strips X-Forwarded-*, Forwarded and path-override headers from untrusted peers', async () => {
    const { base, upstream, events } = await setup();
    const res = await request(`${base}/xf`, {
      headers: {
        'x-forwarded-for': '203.0.113.9',
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'evil.test',
        forwarded: 'for=203.0.113.9;proto=https',
        'x-real-ip': '203.0.113.9',
        'x-original-url': '/admin',
      },
    });
    await res.body.dump();
    const h = upstream.seen[0]?.headers ?? {};
    expect(h['x-forwarded-for']).toBe('127.0.0.1');
    expect(h['x-forwarded-proto']).toBe('http');
    expect(h['x-forwarded-host']).toBe(new URL(base).host);
    expect(h.forwarded).toBe(`for=127.0.0.1;proto=http;host="${new URL(base).host}"`);
    expect(h['x-real-ip']).toBeUndefined();
    expect(h['x-original-url']).toBeUndefined();
    expect((await events.waitFor((e) => e.path === '/xf')).clientIp).toBe('127.0.0.1');
  });

  it('believes and extends X-Forwarded-For from a trusted proxy, skipping trusted hops', async () => {
    const { base, upstream, events } = await setup({ trustedProxies: ['127.0.0.0/8', '10.0.0.0/8'] });
    const res = await request(`${base}/xf`, {
      headers: {
        'x-forwarded-for': '198.51.100.7, 10.1.2.3',
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'api.test',
      },
    });
    await res.body.dump();
    const h = upstream.seen[0]?.headers ?? {};
    expect(h['x-forwarded-for']).toBe('198.51.100.7, 10.1.2.3, 127.0.0.1');
    expect(h['x-forwarded-proto']).toBe('https');
    expect(h['x-forwarded-host']).toBe('api.test');
    expect((await events.waitFor((e) => e.path === '/xf')).clientIp).toBe('198.51.100.7');
  });

  it('takes the client from Forwarded (RFC 7239) when a trusted proxy sends it', async () => {
    const { base, events, upstream } = await setup({ trustedProxies: ['127.0.0.1'] });
    const res = await request(`${base}/fw`, {
      headers: { forwarded: 'for="[2001:db8::7]:4711";proto=https' },
    });
    await res.body.dump();
    expect((await events.waitFor((e) => e.path === '/fw')).clientIp).toBe('2001:db8::7');
    expect(upstream.seen[0]?.headers.forwarded).toBe(
      `for="[2001:db8::7]:4711";proto=https, for=127.0.0.1;proto=http;host="${new URL(base).host}"`,
    );
  });

  it('sends the upstream Host by default and the client Host with preserveHost', async () => {
    const a = await setup();
    await (await request(`${a.base}/h`, { headers: { host: 'public.example' } })).body.dump();
    expect(a.upstream.seen[0]?.headers.host).toBe(new URL(a.upstream.url).host);
    expect(a.upstream.seen[0]?.headers['x-forwarded-host']).toBe('public.example');
    const b = await setup({ proxy: { preserveHost: true } });
    await (await request(`${b.base}/h`, { headers: { host: 'public.example' } })).body.dump();
    expect(b.upstream.seen[0]?.headers.host).toBe('public.example');
  });

  it('prefixes the upstream URL path', async () => {
    const upstream = await startUpstream();
    cleanups.push(() => upstream.close());
    const gateway = createGateway({
      listen: { port: 0 },
      adminListen: false,
      upstreams: [`${upstream.url}/base/`],
    });
    const { port } = await gateway.listen();
    cleanups.push(() => gateway.close());
    await (await request(`http://127.0.0.1:${port}/a/b?c=d`)).body.dump();
    expect(upstream.seen[0]?.url).toBe('/base/a/b?c=d');
  });
});

describe('events', () => {
  it('emits one event per request with redacted credentials and never the Authorization value', async () => {
    const { base, events } = await setup();
    const res = await request(`${base}/secret?api_key=abc123&page=2`, {
      headers: {
        authorization: 'Bearer eyJhbGciOi.super.secret',
        cookie: 'sid=topsecret',
        'x-api-key': 'k-123',
      },
    });
    await res.body.dump();
    const event = await events.waitFor((e) => e.path === '/secret');
    const text = JSON.stringify(event);
    expect(text).not.toContain('eyJhbGciOi');
    expect(text).not.toContain('topsecret');
    expect(text).not.toContain('k-123');
    expect(text).not.toContain('abc123');
    expect(event.requestHeaders.authorization).toBe('Bearer [redacted]');
    expect(event.rawPath).toContain('page=2');
    expect(event).toMatchObject({
      origin: 'gateway',
      method: 'GET',
      status: 200,
      auth: 'none',
      verdict: 'allow',
    });
    expect(event.id).toBe(res.headers['x-request-id']);
    expect(event.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('survives an event sink that throws', async () => {
    const upstream = await startUpstream();
    cleanups.push(() => upstream.close());
    const warnings: string[] = [];
    const gateway = createGateway({
      listen: { port: 0 },
      adminListen: false,
      upstreams: [upstream.url],
      eventSink: {
        emit: () => {
          throw new Error('sink down');
        },
      },
      logger: { warn: (m) => warnings.push(m) },
    });
    const { port } = await gateway.listen();
    cleanups.push(() => gateway.close());
    const res = await request(`http://127.0.0.1:${port}/x`);
    expect(res.statusCode).toBe(200);
    await res.body.dump();
    const again = await request(`http://127.0.0.1:${port}/y`);
    expect(again.statusCode).toBe(200);
    await again.body.dump();
    expect(warnings.some((w) => w.includes('sink down'))).toBe(true);
  });
});

describe('upstream failures', () => {
  it('answers 502 problem+json when the upstream is down, without internal detail', async () => {
    const { base, upstream, events } = await setup();
    await upstream.close();
    const res = await request(`${base}/down`);
    expect(res.statusCode).toBe(502);
    expect(res.headers['content-type']).toBe('application/problem+json');
    const body = (await res.body.json()) as Record<string, unknown>;
    expect(body).toEqual({
      type: 'about:blank',
      title: 'Bad Gateway',
      status: 502,
      detail: 'The upstream service is unavailable.',
      instance: `urn:uuid:${res.headers['x-request-id']}`,
    });
    expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
    const event = await events.waitFor((e) => e.path === '/down');
    expect(event.status).toBe(502);
  });

  it('answers 504 when the upstream does not send headers in time', async () => {
    const { base, upstream } = await setup({ proxy: { headersTimeoutMs: 200 } });
    upstream.handle(() => {
      /* never answers */
    });
    const res = await request(`${base}/slow`);
    expect(res.statusCode).toBe(504);
    expect(((await res.body.json()) as { title: string }).title).toBe('Gateway Timeout');
  });

  it('retries an idempotent request on another upstream when the first refuses the connection', async () => {
    const { base, upstreams } = await setup({}, 2);
    await (upstreams[0] as TestUpstream).close();
    for (let i = 0; i < 4; i++) {
      const res = await request(`${base}/r${i}`);
      expect(res.statusCode).toBe(200);
      await res.body.dump();
    }
    expect((upstreams[1] as TestUpstream).seen).toHaveLength(4);
  });

  it('does not retry a streamed POST', async () => {
    const { base, upstreams } = await setup({ proxy: { healthCheck: { unhealthyAfter: 100 } } }, 2);
    await (upstreams[0] as TestUpstream).close();
    const statuses: number[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await request(`${base}/p`, { method: 'POST', body: Readable.from([Buffer.from('x')]) });
      statuses.push(res.statusCode);
      await res.body.dump();
    }
    // Round-robin: one of the two attempts hits the dead upstream first and must not be replayed.
    expect(statuses.sort()).toEqual([200, 502]);
  });

  it('buffers a small Content-Length body, so that an idempotent PUT is retried on another upstream', async () => {
    const { base, upstreams, events } = await setup({ proxy: { healthCheck: { unhealthyAfter: 100 } } }, 2);
    await (upstreams[0] as TestUpstream).close();
    for (let i = 0; i < 2; i++) {
      const res = await request(`${base}/put${i}`, { method: 'PUT', body: Buffer.from(`{"n":${i}}`) });
      expect(res.statusCode).toBe(200);
      const echoed = (await res.body.json()) as { bodyLength: number };
      expect(echoed.bodyLength).toBe(7);
    }
    const live = upstreams[1] as TestUpstream;
    expect(live.seen.map((s) => s.body.toString())).toEqual(['{"n":0}', '{"n":1}']);
    const event = await events.waitFor((e) => e.path === '/put1');
    expect(event).toMatchObject({ method: 'PUT', status: 200, requestSize: 7 });
  });

  it('spreads requests round-robin and takes an upstream out of rotation after passive failures', async () => {
    const { base, upstreams } = await setup(
      { proxy: { retries: 0, healthCheck: { unhealthyAfter: 1, cooldownMs: 60_000 } } },
      3,
    );
    for (let i = 0; i < 6; i++) await (await request(`${base}/rr`)).body.dump();
    expect(upstreams.map((u) => u.seen.length)).toEqual([2, 2, 2]);
    await (upstreams[2] as TestUpstream).close();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await request(`${base}/rr`);
      statuses.push(res.statusCode);
      await res.body.dump();
    }
    // the first request to the dead upstream fails (no retries configured), then it is out of rotation
    expect(statuses.filter((s) => s === 502)).toHaveLength(1);
    expect((upstreams[2] as TestUpstream).seen).toHaveLength(2);
    expect((upstreams[0] as TestUpstream).seen.length + (upstreams[1] as TestUpstream).seen.length).toBe(9);
  });

  it('aborts the upstream request when the client disconnects mid-body, and still emits an event', async () => {
    const { port, upstream, events } = await setup();
    upstream.handle(() => {
      /* waits for the body */
    });
    const req = httpRequest({
      port,
      host: '127.0.0.1',
      method: 'POST',
      path: '/abort',
      headers: { 'content-length': '100000' },
    });
    req.on('error', () => {});
    req.write(Buffer.alloc(10_000, 1));
    while (upstream.seen.length === 0) await new Promise((r) => setTimeout(r, 10));
    req.destroy();
    const seen = await upstream.settled(0);
    expect(seen.complete).toBe(false);
    const event = await events.waitFor((e) => e.path === '/abort');
    expect(event.status).toBe(499);
    expect(event.requestSize).toBeGreaterThan(0);
    expect(event.requestSize).toBeLessThan(100_000);
    // the gateway still serves
    upstream.handle((_q, r) => r.end('fine'));
    expect((await request(`http://127.0.0.1:${port}/after`)).statusCode).toBe(200);
  });
});

describe('limits', () => {
  it('refuses a declared oversized body with 413 before contacting the upstream', async () => {
    const { port, upstream, events } = await setup({ limits: { maxBodyBytes: 1000 } });
    const res = await rawRequest(
      port,
      'POST /big HTTP/1.1\r\nHost: a\r\nContent-Length: 5000\r\n\r\n' + 'x'.repeat(100),
    );
    expect(res.status).toBe(413);
    expect(res.text).toContain('application/problem+json');
    expect(res.text.toLowerCase()).toContain('connection: close');
    expect(upstream.seen).toHaveLength(0);
    expect((await events.waitFor((e) => e.path === '' && e.status === 413)).deniedBy?.policy).toBe('limits');
  });

  it('refuses a chunked body with 413 once it passes the limit while streaming', async () => {
    const { port, events } = await setup({ limits: { maxBodyBytes: 1000 } });
    const chunk = (s: string) => `${s.length.toString(16)}\r\n${s}\r\n`;
    const res = await rawRequest(
      port,
      'POST /big HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n' +
        chunk('y'.repeat(600)) +
        chunk('y'.repeat(600)) +
        '0\r\n\r\n',
    );
    expect(res.status).toBe(413);
    const event = await events.waitFor((e) => e.path === '/big');
    expect(event.status).toBe(413);
  });

  it('refuses oversized headers with 431 and an over-long URL with 414', async () => {
    const { port, events } = await setup({ limits: { maxHeaderBytes: 2048, maxUrlLength: 100 } });
    const big = await rawRequest(port, `GET / HTTP/1.1\r\nHost: a\r\nX-Big: ${'z'.repeat(4000)}\r\n\r\n`);
    expect(big.status).toBe(431);
    expect(big.text).toContain('"status":431');
    const long = await rawRequest(
      port,
      `GET /${'u'.repeat(200)} HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n`,
    );
    expect(long.status).toBe(414);
    await events.waitFor((e) => e.status === 431 && e.deniedBy?.policy === 'http-parser');
  });

  it('closes a slowloris connection that never finishes its headers', async () => {
    const { port, events } = await setup({ limits: { headersTimeoutMs: 300, requestTimeoutMs: 600 } });
    const res = await rawRequest(port, 'GET / HTTP/1.1\r\nHost: a\r\nX-Slow: 1\r\n', 10_000);
    expect(res.closedByServer).toBe(true);
    expect(res.status).toBe(408);
    await events.waitFor((e) => e.status === 408);
  });
});

describe('lifecycle', () => {
  it('reloads under load without failing a request, and in-flight requests finish on the old config', async () => {
    const { gateway, base, upstream } = await setup();
    const second = await startUpstream();
    cleanups.push(() => second.close());
    const client = new Pool(base, { connections: 8 });
    cleanups.push(() => client.close());
    let stop = false;
    const failures: number[] = [];
    let done = 0;
    const worker = async () => {
      while (!stop) {
        const res = await client.request({ path: '/load', method: 'GET' });
        await res.body.dump();
        if (res.statusCode !== 200) failures.push(res.statusCode);
        done++;
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    while (done < 50) await new Promise((r) => setTimeout(r, 5));
    await gateway.reload({
      listen: { host: '127.0.0.1', port: 0 },
      adminListen: false,
      upstreams: [second.url],
    });
    const atReload = done;
    while (done < atReload + 100) await new Promise((r) => setTimeout(r, 5));
    stop = true;
    await Promise.all(workers);
    expect(failures).toEqual([]);
    expect(upstream.seen.length).toBeGreaterThan(0);
    expect(second.seen.length).toBeGreaterThan(0);
  });

  it('keeps the old configuration when a reload is invalid and says why', async () => {
    const { gateway, base } = await setup();
    await expect(
      gateway.reload({
        listen: { host: '127.0.0.1', port: 0 },
        adminListen: false,
        upstreams: ['localhost:3000'],
      }),
    ).rejects.toThrow(/upstreams\[0\]\.url: must be an absolute http\(s\) URL, got "localhost:3000"/);
    await expect(
      gateway.reload({
        listen: { host: '127.0.0.1', port: 1 },
        adminListen: false,
        upstreams: ['http://127.0.0.1:1'],
      }),
    ).rejects.toThrow(/listen: cannot change on reload/);
    const res = await request(`${base}/still`);
    expect(res.statusCode).toBe(200);
    await res.body.dump();
  });

  it('closes gracefully: an in-flight request completes, new connections are refused', async () => {
    const { gateway, port, upstream } = await setup();
    let finish!: () => void;
    upstream.handle((_req, res) => {
      finish = () => res.end('late but complete');
    });
    const pending = request(`http://127.0.0.1:${port}/slow`);
    while (upstream.seen.length === 0) await new Promise((r) => setTimeout(r, 5));
    const closed = gateway.close();
    await new Promise((r) => setTimeout(r, 50));
    await expect(request(`http://127.0.0.1:${port}/new`)).rejects.toThrow();
    finish();
    const res = await pending;
    expect(await res.body.text()).toBe('late but complete');
    expect(res.headers.connection).toBe('close');
    await closed;
  });

  it('cuts in-flight requests after the shutdown deadline', async () => {
    const { gateway, port, upstream } = await setup({ shutdownTimeoutMs: 100 });
    upstream.handle(() => {
      /* never answers */
    });
    const pending = request(`http://127.0.0.1:${port}/hang`).then(
      (r) => r.statusCode,
      () => 'reset',
    );
    while (upstream.seen.length === 0) await new Promise((r) => setTimeout(r, 5));
    await gateway.close();
    expect(await pending).toBe('reset');
  });
});

describe('admin listener', () => {
  it('serves /healthz, /readyz and Prometheus /metrics on loopback', async () => {
    const upstream = await startUpstream();
    cleanups.push(() => upstream.close());
    const gateway = createGateway({
      listen: { port: 0 },
      adminListen: { port: 0 },
      upstreams: [upstream.url],
      proxy: { healthCheck: { path: '/health', intervalMs: 50, unhealthyAfter: 1, healthyAfter: 1 } },
    });
    const { port, admin } = await gateway.listen();
    cleanups.push(() => gateway.close());
    expect(admin?.address).toBe('127.0.0.1');
    const adminBase = `http://127.0.0.1:${admin?.port}`;
    expect((await request(`${adminBase}/healthz`)).statusCode).toBe(200);
    await (await request(`http://127.0.0.1:${port}/a/b`)).body.dump();
    await (await request(`http://127.0.0.1:${port}/a/b`, { method: 'DELETE' })).body.dump();
    const metrics = await (await request(`${adminBase}/metrics`)).body.text();
    expect(metrics).toContain('# TYPE rampart_gateway_requests_total counter');
    expect(metrics).toContain(
      'rampart_gateway_requests_total{route="unmatched",method="GET",status="200",verdict="allow"} 1',
    );
    expect(metrics).toContain(
      'rampart_gateway_requests_total{route="unmatched",method="DELETE",status="200",verdict="allow"} 1',
    );
    expect(metrics).toMatch(
      /rampart_gateway_request_duration_seconds_bucket\{route="unmatched",le="\+Inf"\} 2/,
    );
    expect(metrics).toContain(`rampart_gateway_upstream_healthy{upstream="${upstream.url}"} 1`);
    // every non-comment line is `name{labels} value`
    for (const line of metrics
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith('#')))
      expect(line).toMatch(/^[a-z_]+(\{[^}]*\})? [0-9.e+-]+$/);
    expect((await request(`${adminBase}/readyz`)).statusCode).toBe(200);
    // active health check takes the upstream out: readyz turns 503
    await upstream.close();
    let status = 200;
    while (status === 200) {
      const r = await request(`${adminBase}/readyz`);
      status = r.statusCode;
      await r.body.dump();
      if (status === 200) await new Promise((r2) => setTimeout(r2, 20));
    }
    expect(status).toBe(503);
  });
});
