import { request } from 'node:http';
import { type Canary, createCanary } from '@rampart/scan';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/** GETs `url` and says how it ended: the status and body read before the end, and whether it completed. */
function fetchUntilEnd(
  url: string,
): Promise<{ status: number | undefined; body: string; completed: boolean }> {
  return new Promise((resolve) => {
    let status: number | undefined;
    let body = '';
    const req = request(url, (res) => {
      status = res.statusCode;
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on('end', () => resolve({ status, body, completed: res.complete }));
      res.on('error', () => resolve({ status, body, completed: false }));
      res.on('aborted', () => resolve({ status, body, completed: false }));
    });
    req.on('error', () => resolve({ status, body, completed: false }));
    req.end();
  });
}

describe('the canary upstream, stalled', () => {
  let canary: Canary;
  beforeEach(async () => {
    canary = await createCanary();
  });
  afterEach(async () => {
    await canary.close();
  });

  it('drips whitespace after JSON headers, then cuts the connection without completing the body', async () => {
    canary.answerUpstream({ kind: 'drip', holdMs: 300, intervalMs: 20 });
    const mark = canary.mark();
    const outcome = await fetchUntilEnd(`${canary.upstreamUrl}/rates`);
    expect(outcome.status).toBe(200);
    expect(outcome.completed).toBe(false);
    expect(outcome.body.trim()).toBe('');
    expect(outcome.body.length).toBeGreaterThan(0);
    expect(canary.hitsSince(mark)[0]!.bytesSent).toBe(outcome.body.length);
  });

  it('hangs without headers, then cuts the connection', async () => {
    canary.answerUpstream({ kind: 'hang', holdMs: 100 });
    const outcome = await fetchUntilEnd(`${canary.upstreamUrl}/rates`);
    expect(outcome.status).toBeUndefined();
    expect(outcome.completed).toBe(false);
  });

  it('lets close() end a stall in progress', async () => {
    canary.answerUpstream({ kind: 'drip', holdMs: 10_000 });
    const pending = fetchUntilEnd(`${canary.upstreamUrl}/rates`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await canary.close();
    expect((await pending).completed).toBe(false);
  });
});
