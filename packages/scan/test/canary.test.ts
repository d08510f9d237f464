import { request } from 'node:http';
import { loadApi } from '@rampart/openapi';
import { type Canary, createCanary, defineCheck, type ScanResponse, scanTarget } from '@rampart/scan';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

function get(url: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
    })
      .on('error', reject)
      .end();
  });
}

describe('createCanary', () => {
  let canary: Canary;
  beforeEach(async () => {
    canary = await createCanary();
  });
  afterEach(async () => {
    await canary.close();
  });

  it('listens on two loopback origins and records hits with the token of their path', async () => {
    expect(canary.probeUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(canary.upstreamUrl).not.toBe(canary.probeUrl);
    const token = canary.token('import url');
    const mark = canary.mark();
    const answer = await get(canary.probeFor(token));
    expect(answer.body).toContain(`rampart-canary ${token}`);
    const hits = canary.hitsSince(mark, token);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.listener).toBe('probe');
    expect(canary.hitsSince(mark, canary.token('other'))).toEqual([]);
  });

  it('waits for a token and gives up after the timeout', async () => {
    const token = canary.token('late');
    const waiting = canary.waitFor(token, 2000);
    await get(canary.probeFor(token));
    expect((await waiting)?.token).toBe(token);
    expect(await canary.waitFor(canary.token('never'), 20)).toBeUndefined();
  });

  it('redirects from either origin', async () => {
    const target = canary.probeFor(canary.token('target'));
    for (const via of ['probe', 'upstream'] as const) {
      const answer = await get(canary.redirectFor(canary.token('hop'), target, via));
      expect(answer.status).toBe(302);
      expect(answer.headers['location']).toBe(target);
    }
  });

  it('answers upstream requests as told: JSON, redirect, and a bounded oversized JSON streamed to the reader', async () => {
    canary.answerUpstream({ kind: 'json', body: { rates: { USD: 1 } } });
    expect(JSON.parse((await get(`${canary.upstreamUrl}/rates`)).body)).toEqual({ rates: { USD: 1 } });
    canary.answerUpstream({ kind: 'redirect', location: 'http://127.0.0.1:1/x' });
    expect((await get(`${canary.upstreamUrl}/rates`)).status).toBe(302);
    canary.answerUpstream({ kind: 'oversized', bytes: 300_000, body: { base: 'EUR' } });
    const mark = canary.mark();
    const big = await get(`${canary.upstreamUrl}/rates`);
    expect(big.body.length).toBe(300_000);
    expect(JSON.parse(big.body).base).toBe('EUR');
    expect(canary.hitsSince(mark)[0]!.bytesSent).toBe(300_000);
  });
});

describe('scope with a canary', () => {
  it('lets checks reach the canary origins and nothing else besides the target', async () => {
    const canary = await createCanary();
    const model = await loadApi(
      new URL('../../../examples/vulnerable-bank/openapi.yaml', import.meta.url).pathname,
    );
    const seen: string[] = [];
    const outcomes: string[] = [];
    const probe = defineCheck({
      id: 'scope-probe',
      title: 'scope probe',
      severity: 'info',
      owasp: 'API7',
      cwe: 918,
      description: 'test only',
      remediation: 'none',
      async run(ctx) {
        for (const url of [canary.probeFor('x'), `${canary.upstreamUrl}/y`, 'http://127.0.0.1:9/elsewhere']) {
          try {
            await ctx.transport.send({ method: 'GET', url });
            outcomes.push('sent');
          } catch (error) {
            outcomes.push((error as { code?: string }).code ?? 'error');
          }
        }
      },
    });
    try {
      const result = await scanTarget({
        model,
        target: 'http://127.0.0.1:8',
        options: {
          canary,
          checks: [probe],
          transport: {
            async send(req): Promise<ScanResponse> {
              seen.push(new URL(req.url).origin);
              return {
                status: 404,
                headers: {},
                setCookies: [],
                body: '',
                truncated: false,
                durationMs: 1,
                request: req,
              };
            },
          },
        },
      });
      expect(outcomes).toEqual(['sent', 'sent', 'RAMPART_ERR_SCAN_OUT_OF_SCOPE']);
      expect(result.scope.refused).toBe(1);
      expect(seen).not.toContain('http://127.0.0.1:9');
    } finally {
      await canary.close();
    }
  });
});
