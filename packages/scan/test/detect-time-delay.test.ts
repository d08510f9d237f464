import { describe, expect, it } from 'vitest';
import { detectTimeDelay } from '../src/injection/detect-time-delay.js';
import type { ScanResponse } from '../src/transport/scan-transport.js';

const answer = (durationMs: number, status = 200): ScanResponse => ({
  status,
  headers: {},
  setCookies: [],
  body: '',
  truncated: false,
  durationMs,
  request: { method: 'GET', url: 'http://127.0.0.1/' },
});

describe('detectTimeDelay', () => {
  it.each([
    ['sleeps as asked (1 s, then 2 s)', (s: number) => 40 + s * 1000, 40, true],
    ['is merely slow, the same for both delays', () => 1500, 40, false],
    ['answers fast', () => 45, 40, false],
    ['delays the first only', (s: number) => (s === 1 ? 1100 : 60), 40, false],
    ['has a slow baseline that hides the delay', (s: number) => 900 + s * 300, 900, false],
  ] as const)('target that %s', async (_name, latency, baselineMs, expected) => {
    const proof = await detectTimeDelay(async (seconds) => answer(latency(seconds)), baselineMs);
    expect(proof !== undefined).toBe(expected);
  });

  it('treats 429 as inconclusive', async () => {
    expect(await detectTimeDelay(async (s) => answer(s * 1000 + 50, 429), 40)).toBeUndefined();
  });
});
