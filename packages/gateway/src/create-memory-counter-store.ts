import type { CounterAlgorithm, CounterStore } from '@rampart/core';

/** Options of `createMemoryCounterStore`. */
export interface MemoryCounterStoreOptions {
  /** Most keys kept; beyond it the oldest are dropped after expired ones. Default 1,000,000. */
  readonly maxKeys?: number;
  /** The clock, epoch milliseconds. Default `Date.now`. For tests. */
  readonly now?: () => number;
}

interface Entry {
  /** fixed/sliding: start of the current window; bucket: time of the last update. */
  at: number;
  /** fixed/sliding: count in the current window; bucket: tokens left. */
  value: number;
  /** sliding: count of the previous window. */
  previous: number;
  /** When the entry no longer matters (epoch ms). */
  expiresAt: number;
}

const SWEEP_EVERY_MS = 10_000;

/** What `CounterStore.consume` resolves to. */
export type CounterResult = Awaited<ReturnType<CounterStore['consume']>>;

/**
 * The in-process `CounterStore`, which can also count synchronously: the rate-limit policy uses `consumeSync`
 * when the store has it, so that a request is not made asynchronous by a counter that never waits.
 */
export interface MemoryCounterStore extends CounterStore {
  /** `consume`, returning its result directly; throws the `TypeError` that `consume` rejects with. */
  consumeSync(
    key: string,
    cost: number,
    limit: number,
    windowMs: number,
    algorithm?: CounterAlgorithm,
  ): CounterResult;
}

/** True when `store` counts synchronously too (the in-memory store). */
export function hasSyncConsume(store: CounterStore): store is MemoryCounterStore {
  return typeof (store as Partial<MemoryCounterStore>).consumeSync === 'function';
}

/**
 * The in-process `CounterStore`: exact (every `consume` runs to completion synchronously, so concurrent requests
 * of one process can never both take the last unit), memory bounded by `maxKeys`, expired keys swept every few
 * seconds during use. Windows are aligned to multiples of `windowMs` since the epoch. Counters are per process:
 * several gateway processes need the Redis store to share them.
 */
export function createMemoryCounterStore(options: MemoryCounterStoreOptions = {}): MemoryCounterStore {
  const maxKeys = options.maxKeys ?? 1_000_000;
  if (!Number.isInteger(maxKeys) || maxKeys < 1)
    throw new TypeError(`createMemoryCounterStore: maxKeys must be a positive integer, got ${maxKeys}`);
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  let lastSweep = now();

  const sweep = (time: number): void => {
    lastSweep = time;
    for (const [key, entry] of entries) if (entry.expiresAt <= time) entries.delete(key);
    for (const key of entries.keys()) {
      if (entries.size <= maxKeys) break;
      entries.delete(key);
    }
  };

  const consumeSync = (
    key: string,
    cost: number,
    limit: number,
    windowMs: number,
    algorithm: CounterAlgorithm = 'fixed-window',
  ): CounterResult => {
    if (!(cost >= 0) || !(limit >= 0) || !(windowMs > 0))
      throw new TypeError(
        `counter "${key}": cost and limit must be >= 0 and windowMs > 0, got ${cost}, ${limit}, ${windowMs}`,
      );
    const time = now();
    if (time - lastSweep >= SWEEP_EVERY_MS || entries.size > maxKeys) sweep(time);
    const id = `${algorithm}\u0000${windowMs}\u0000${key}`;
    let entry = entries.get(id);
    if (!entry) {
      entry = { at: time, value: algorithm === 'token-bucket' ? limit : 0, previous: 0, expiresAt: 0 };
      entries.set(id, entry);
    }
    return algorithm === 'token-bucket'
      ? takeTokens(entry, time, cost, limit, windowMs)
      : algorithm === 'sliding-window'
        ? countSliding(entry, time, cost, limit, windowMs)
        : countFixed(entry, time, cost, limit, windowMs);
  };

  return {
    consume(key, cost, limit, windowMs, algorithm) {
      try {
        return Promise.resolve(consumeSync(key, cost, limit, windowMs, algorithm));
      } catch (error) {
        return Promise.reject(error);
      }
    },
    consumeSync,
  };
}

type Result = { allowed: boolean; remaining: number; resetAt: number };

function countFixed(entry: Entry, time: number, cost: number, limit: number, windowMs: number): Result {
  const start = time - (time % windowMs);
  if (entry.at !== start) {
    entry.at = start;
    entry.value = 0;
  }
  const resetAt = start + windowMs;
  entry.expiresAt = resetAt;
  if (entry.value + cost > limit) return { allowed: false, remaining: limit - entry.value, resetAt };
  entry.value += cost;
  return { allowed: true, remaining: limit - entry.value, resetAt };
}

function countSliding(entry: Entry, time: number, cost: number, limit: number, windowMs: number): Result {
  const start = time - (time % windowMs);
  if (entry.at !== start) {
    entry.previous = entry.at === start - windowMs ? entry.value : 0;
    entry.value = 0;
    entry.at = start;
  }
  entry.expiresAt = start + 2 * windowMs;
  const weight = (windowMs - (time - start)) / windowMs;
  const estimate = entry.previous * weight + entry.value;
  if (estimate + cost > limit) {
    let resetAt: number;
    const room = limit - entry.value - cost;
    if (room >= 0 && entry.previous > 0)
      resetAt = start + windowMs - Math.floor((room * windowMs) / entry.previous);
    else if (entry.value > 0 && limit >= cost)
      resetAt = start + 2 * windowMs - Math.floor(((limit - cost) * windowMs) / entry.value);
    else resetAt = start + 2 * windowMs;
    return {
      allowed: false,
      remaining: Math.max(0, Math.floor(limit - estimate)),
      resetAt: Math.max(resetAt, time + 1),
    };
  }
  entry.value += cost;
  return {
    allowed: true,
    remaining: Math.max(0, Math.floor(limit - estimate - cost)),
    resetAt: start + 2 * windowMs,
  };
}

function takeTokens(entry: Entry, time: number, cost: number, limit: number, windowMs: number): Result {
  const rate = limit / windowMs;
  entry.value = Math.min(limit, entry.value + (time - entry.at) * rate);
  entry.at = time;
  if (entry.value < cost) {
    entry.expiresAt = rate > 0 ? time + Math.ceil((limit - entry.value) / rate) : time + windowMs;
    return {
      allowed: false,
      remaining: Math.floor(entry.value),
      resetAt: rate > 0 && cost <= limit ? time + Math.ceil((cost - entry.value) / rate) : time + windowMs,
    };
  }
  entry.value -= cost;
  const fullAt = time + (rate > 0 ? Math.ceil((limit - entry.value) / rate) : windowMs);
  entry.expiresAt = fullAt;
  return { allowed: true, remaining: Math.floor(entry.value), resetAt: fullAt };
}
