import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createHttpTransport,
  parseRetryAfter,
  type ScanRequest,
  type ScanResponse,
  type ScanTransport,
  withBudget,
  withRateLimit,
  withReadOnly,
  withRecorder,
  withRedirects,
  withScanTag,
  withScope,
} from '@rampart/scan';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** A loopback server that records hits and answers from a handler. */
async function startServer(
  handle: (
    url: string,
    headers: Record<string, unknown>,
  ) => { status: number; headers?: Record<string, string>; body?: string },
) {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    const answer = handle(req.url ?? '/', req.headers);
    res.writeHead(answer.status, answer.headers ?? {});
    res.end(answer.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, hits, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A fake transport answering from a list, recording requests. */
function fake(answers: Array<Partial<ScanResponse>>): ScanTransport & { sent: ScanRequest[] } {
  const sent: ScanRequest[] = [];
  return {
    sent,
    async send(request) {
      sent.push(request);
      const answer = answers[Math.min(sent.length - 1, answers.length - 1)] ?? {};
      return {
        status: 200,
        headers: {},
        setCookies: [],
        body: '',
        truncated: false,
        durationMs: 1,
        request,
        ...answer,
      };
    },
  };
}

describe('withScope', () => {
  let target: Awaited<ReturnType<typeof startServer>>;
  let other: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    other = await startServer(() => ({ status: 200, body: 'other origin reached' }));
    target = await startServer((url) =>
      url === '/redirect'
        ? { status: 302, headers: { location: `${other.url}/stolen` } }
        : url === '/hostile'
          ? {
              status: 201,
              headers: { location: `//127.0.0.1:${new URL(other.url).port}/via-protocol-relative` },
            }
          : { status: 200, body: 'ok' },
    );
  });
  afterAll(async () => {
    await target.close();
    await other.close();
  });

  it('refuses a redirect to another origin before contacting it, and counts it', async () => {
    const scoped = withScope(createHttpTransport(), [target.url]);
    const transport = withRedirects(scoped);
    await expect(transport.send({ method: 'GET', url: `${target.url}/redirect` })).rejects.toMatchObject({
      code: 'RAMPART_ERR_SCAN_OUT_OF_SCOPE',
    });
    expect(other.hits).toEqual([]);
    expect(scoped.stats.refused).toBe(1);
    expect([...scoped.stats.refusedOrigins]).toEqual([other.url]);
  });

  it('refuses a URL a check builds from a hostile Location header', async () => {
    const scoped = withScope(createHttpTransport(), [target.url]);
    const created = await scoped.send({ method: 'POST', url: `${target.url}/hostile` });
    const next = new URL(created.headers['location']!, `${target.url}/hostile`).href;
    await expect(scoped.send({ method: 'GET', url: next })).rejects.toMatchObject({
      code: 'RAMPART_ERR_SCAN_OUT_OF_SCOPE',
    });
    await expect(
      scoped.send({ method: 'GET', url: `http://user:pw@${new URL(target.url).host}/` }),
    ).rejects.toThrow(/credentials/);
    await expect(scoped.send({ method: 'GET', url: 'not a url' })).rejects.toThrow(/absolute URL/);
    expect(other.hits).toEqual([]);
    expect(scoped.stats.refused).toBe(3);
  });

  it('lets same-origin requests and redirects through', async () => {
    const transport = withRedirects(withScope(createHttpTransport(), [`${target.url}/base/path`]));
    const response = await transport.send({ method: 'GET', url: `${target.url}/fine` });
    expect(response.status).toBe(200);
    expect(response.body).toBe('ok');
  });

  it('sends TRACE, which fetch() cannot', async () => {
    const response = await createHttpTransport().send({ method: 'TRACE', url: `${target.url}/` });
    expect(response.status).toBe(200);
    expect(target.hits).toContain('TRACE /');
  });
});

describe('withRateLimit', () => {
  const clock = () => {
    let now = 1_000_000;
    const sleeps: number[] = [];
    return {
      now: () => now,
      sleep: async (ms: number) => {
        sleeps.push(ms);
        now += ms;
      },
      sleeps,
    };
  };

  it('spaces request starts by 1/rps', async () => {
    const c = clock();
    const transport = withRateLimit(fake([{}]), { requestsPerSecond: 10, now: c.now, sleep: c.sleep });
    for (let i = 0; i < 4; i++) await transport.send({ method: 'GET', url: 'http://x/' });
    expect(c.sleeps).toEqual([100, 100, 100]);
  });

  it('waits a short Retry-After on 429 and retries once', async () => {
    const c = clock();
    const inner = fake([{ status: 429, headers: { 'retry-after': '2' } }, { status: 200 }]);
    const transport = withRateLimit(inner, { requestsPerSecond: 1000, now: c.now, sleep: c.sleep });
    const response = await transport.send({ method: 'GET', url: 'http://x/' });
    expect(response.status).toBe(200);
    expect(inner.sent).toHaveLength(2);
    expect(c.sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2000);
    expect(transport.stats.retryAfterHonoured).toBe(1);
  });

  it('returns the 429 at once when Retry-After is beyond the bound (never stalls the scan)', async () => {
    const c = clock();
    const inner = fake([{ status: 503, headers: { 'retry-after': '60' } }]);
    const transport = withRateLimit(inner, {
      requestsPerSecond: 1000,
      maxRetryAfterMs: 3000,
      now: c.now,
      sleep: c.sleep,
    });
    expect((await transport.send({ method: 'GET', url: 'http://x/' })).status).toBe(503);
    expect(inner.sent).toHaveLength(1);
    expect(c.sleeps).toEqual([]);
    expect(transport.stats.retryAfterTooLong).toBe(1);
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('5', 0)).toBe(5000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
  });
});

describe('withBudget, withReadOnly, withScanTag', () => {
  it('refuses requests beyond the request budget without sending them', async () => {
    const inner = fake([{}]);
    const transport = withBudget(inner, { name: 'check x', maxRequests: 2 });
    await transport.send({ method: 'GET', url: 'http://x/' });
    await transport.send({ method: 'GET', url: 'http://x/' });
    await expect(transport.send({ method: 'GET', url: 'http://x/' })).rejects.toMatchObject({
      code: 'RAMPART_ERR_SCAN_BUDGET',
    });
    expect(inner.sent).toHaveLength(2);
    expect(transport.usage.exhausted).toBe(true);
  });

  it('refuses requests after the time budget', async () => {
    let now = 0;
    const transport = withBudget(fake([{}]), { name: 'scan', maxTimeMs: 100, now: () => now });
    await transport.send({ method: 'GET', url: 'http://x/' });
    now = 150;
    await expect(transport.send({ method: 'GET', url: 'http://x/' })).rejects.toThrow(/100 ms are used up/);
  });

  it('blocks non-safe methods when read-only, and only then', async () => {
    const inner = fake([{}]);
    const readOnly = withReadOnly(inner, true);
    for (const method of ['GET', 'HEAD', 'OPTIONS', 'TRACE'])
      await readOnly.send({ method, url: 'http://x/' });
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      await expect(readOnly.send({ method, url: 'http://x/' })).rejects.toMatchObject({
        code: 'RAMPART_ERR_SCAN_READ_ONLY',
      });
    }
    expect(inner.sent).toHaveLength(4);
    await withReadOnly(inner, false).send({ method: 'DELETE', url: 'http://x/' });
    expect(inner.sent).toHaveLength(5);
  });

  it('tags every request with the scan id, replacing a caller-set value', async () => {
    const inner = fake([{}]);
    await withScanTag(inner, 'rs-1').send({
      method: 'GET',
      url: 'http://x/',
      headers: { 'X-Rampart-Scan': 'forged' },
    });
    expect(inner.sent[0]!.headers).toEqual({ 'x-rampart-scan': 'rs-1' });
    expect(() => withScanTag(inner, 'bad id\n')).toThrow(TypeError);
  });
});

describe('withRecorder', () => {
  it('keeps exchanges with credentials, JWTs and secret fields redacted and bodies cut', async () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIyIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
    const inner = fake([
      {
        status: 200,
        body: JSON.stringify({ accessToken: jwt, user: { name: 'alice' }, password: 'hunter2' }),
      },
      { status: 200, body: `TRACE / HTTP/1.1\r\nAuthorization: Bearer ${jwt}\r\n${'x'.repeat(500)}` },
    ]);
    const recorder = withRecorder(inner, { maxBodyChars: 200 });
    await recorder.send({
      method: 'POST',
      url: 'http://x/login?api_key=k123&page=2',
      headers: { authorization: `Bearer ${jwt}`, cookie: 'sid=abc' },
      body: JSON.stringify({ username: 'alice', password: 'Alice-Wonder-2024' }),
    });
    await recorder.send({ method: 'TRACE', url: 'http://x/' });
    const text = JSON.stringify(recorder.log.exchanges);
    expect(text).not.toContain(jwt);
    expect(text).not.toContain('Alice-Wonder-2024');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('k123');
    expect(text).not.toContain('sid=abc');
    expect(recorder.log.exchanges[0]!.request.headers['authorization']).toBe('Bearer [redacted]');
    expect(recorder.log.exchanges[0]!.request.url).toBe('http://x/login?api_key=%5Bredacted%5D&page=2');
    expect(recorder.log.exchanges[1]!.response!.body!.length).toBeLessThan(260);
    expect(recorder.log.exchanges[1]!.response!.body).toContain('Authorization: [redacted]');
  });
});
