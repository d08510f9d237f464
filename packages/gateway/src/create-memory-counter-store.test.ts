import { describe, expect, it } from 'vitest';
import { createMemoryCounterStore } from './create-memory-counter-store.js';

function clocked(start = 1_000_000) {
  const clock = { now: start };
  return { clock, store: createMemoryCounterStore({ now: () => clock.now }) };
}

describe('createMemoryCounterStore', () => {
  it('fixed window: admits up to the limit per aligned window, then refuses until it ends', async () => {
    const { clock, store } = clocked(60_000);
    for (let i = 0; i < 3; i++) expect((await store.consume('k', 1, 3, 60_000)).allowed).toBe(true);
    const refused = await store.consume('k', 1, 3, 60_000);
    expect(refused).toEqual({ allowed: false, remaining: 0, resetAt: 120_000 });
    clock.now = 120_000;
    expect(await store.consume('k', 1, 3, 60_000)).toEqual({ allowed: true, remaining: 2, resetAt: 180_000 });
  });

  it('sliding window: the previous window still counts in proportion to its overlap', async () => {
    const { clock, store } = clocked(0);
    for (let i = 0; i < 10; i++) await store.consume('k', 1, 10, 1000, 'sliding-window');
    clock.now = 1250; // 75 % of the previous window overlaps: 7.5 counted
    expect((await store.consume('k', 1, 10, 1000, 'sliding-window')).allowed).toBe(true);
    expect((await store.consume('k', 1, 10, 1000, 'sliding-window')).allowed).toBe(true);
    const refused = await store.consume('k', 1, 10, 1000, 'sliding-window');
    expect(refused.allowed).toBe(false);
    expect(refused.resetAt).toBeGreaterThan(1250);
    clock.now = 1900; // 10 % overlap: 1 + 2 counted
    expect((await store.consume('k', 1, 10, 1000, 'sliding-window')).allowed).toBe(true);
  });

  it('token bucket: bursts up to the limit, refills continuously', async () => {
    const { clock, store } = clocked(0);
    for (let i = 0; i < 5; i++)
      expect((await store.consume('k', 1, 5, 1000, 'token-bucket')).allowed).toBe(true);
    const refused = await store.consume('k', 1, 5, 1000, 'token-bucket');
    expect(refused).toEqual({ allowed: false, remaining: 0, resetAt: 200 });
    clock.now = 200;
    expect((await store.consume('k', 1, 5, 1000, 'token-bucket')).allowed).toBe(true);
    expect((await store.consume('k', 1, 5, 1000, 'token-bucket')).allowed).toBe(false);
  });

  it('keeps keys, windows and algorithms apart, and refuses a cost above the limit', async () => {
    const { store } = clocked();
    await store.consume('a', 2, 2, 1000);
    expect((await store.consume('a', 1, 2, 1000)).allowed).toBe(false);
    expect((await store.consume('b', 1, 2, 1000)).allowed).toBe(true);
    expect((await store.consume('a', 1, 2, 2000)).allowed).toBe(true);
    expect((await store.consume('a', 1, 2, 1000, 'token-bucket')).allowed).toBe(true);
    expect((await store.consume('c', 3, 2, 1000)).allowed).toBe(false);
    await expect(store.consume('d', -1, 2, 1000)).rejects.toThrow(TypeError);
  });

  it('is exact under concurrency: 200 parallel consumes against 50 admit exactly 50', async () => {
    const store = createMemoryCounterStore();
    for (const algorithm of ['fixed-window', 'sliding-window', 'token-bucket'] as const) {
      const results = await Promise.all(
        Array.from({ length: 200 }, () => store.consume(`x-${algorithm}`, 1, 50, 3_600_000, algorithm)),
      );
      expect(results.filter((r) => r.allowed)).toHaveLength(50);
    }
  });

  it('bounds memory by maxKeys', async () => {
    const clock = { now: 0 };
    const store = createMemoryCounterStore({ maxKeys: 10, now: () => clock.now });
    for (let i = 0; i < 50; i++) await store.consume(`k${i}`, 1, 1, 60_000);
    // the oldest keys were dropped: k0 is admitted again within its window
    expect((await store.consume('k0', 1, 1, 60_000)).allowed).toBe(true);
    expect((await store.consume('k49', 1, 1, 60_000)).allowed).toBe(false);
  });
});
