/** A bounded least-recently-used cache whose entries also expire at a given time. */
export interface ExpiringCache<V> {
  /** The value, unless absent or expired at `now` (an expired entry is dropped). Marks it recently used. */
  get(key: string, now: number): V | undefined;
  /** Stores `value` until `expiresAt` (epoch ms); evicts the least recently used entry when full. */
  set(key: string, value: V, expiresAt: number): void;
  delete(key: string): void;
  readonly size: number;
}

/**
 * Creates an `ExpiringCache` holding at most `maxEntries` entries. A `Map` keeps insertion order, so re-inserting
 * on every hit makes its first key the least recently used one: O(1) per operation, no timers.
 */
export function createExpiringCache<V>(maxEntries: number): ExpiringCache<V> {
  if (!Number.isInteger(maxEntries) || maxEntries < 0)
    throw new TypeError(`createExpiringCache: maxEntries must be an integer >= 0, got ${maxEntries}`);
  const entries = new Map<string, { value: V; expiresAt: number }>();
  return {
    get(key, now) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      entries.delete(key);
      if (entry.expiresAt <= now) return undefined;
      entries.set(key, entry);
      return entry.value;
    },
    set(key, value, expiresAt) {
      if (maxEntries === 0) return;
      entries.delete(key);
      if (entries.size >= maxEntries) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
      entries.set(key, { value, expiresAt });
    },
    delete(key) {
      entries.delete(key);
    },
    get size() {
      return entries.size;
    },
  };
}
