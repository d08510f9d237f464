/**
 * A map with a fixed capacity that evicts entries not used recently when full. Every per-actor or per-key state
 * in the monitor lives in one of these, so a million distinct attackers cost at most `capacity` entries.
 */
export interface LruMap<K, V> {
  /** The value, marking the key as recently used. */
  get(key: K): V | undefined;
  /** The value without touching recency. */
  peek(key: K): V | undefined;
  has(key: K): boolean;
  /** Inserts or replaces, marking the key as recently used; evicts when over capacity. */
  set(key: K, value: V): void;
  delete(key: K): boolean;
  clear(): void;
  /** Entries, roughly from least to most recently used. */
  entries(): IterableIterator<[K, V]>;
  readonly size: number;
  readonly capacity: number;
  /** How many entries were evicted to make room since creation. */
  readonly evictions: number;
}

interface Slot<V> {
  value: V;
  /** Used since it was last considered for eviction (the CLOCK "second chance" bit). */
  used: boolean;
  /** Where the key sits in the clock ring; an older ring entry for the same key is stale. */
  position: number;
}

/**
 * Creates a bounded map with CLOCK eviction (second chance), an approximation of LRU that makes `get` a plain
 * lookup plus a flag write. Keys wait in a fixed ring in insertion order; when the map is full, the key at the
 * head is evicted unless it was used since it was queued, in which case it goes to the back with its flag
 * cleared (amortized O(1): each use buys one move). The ring is separate from the `Map` because scanning a `Map`
 * from its start after many deletions walks over their holes. `onEvict` is called for entries pushed out by
 * capacity (not for `delete` or `clear`).
 */
export function createLruMap<K, V>(capacity: number, onEvict?: (key: K, value: V) => void): LruMap<K, V> {
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new TypeError(`LRU map capacity must be a positive integer, got ${String(capacity)}`);
  }
  const map = new Map<K, Slot<V>>();
  const ring: (K | undefined)[] = new Array(capacity);
  let head = 0;
  let queued = 0;
  let evictions = 0;

  const enqueue = (key: K, slot: Slot<V>) => {
    const position = (head + queued) % capacity;
    ring[position] = key;
    slot.position = position;
    queued++;
  };

  /** Takes ring entries from the head until one live unused key is evicted, or until there is ring room. */
  const advance = (evict: boolean) => {
    while (queued > 0) {
      const position = head;
      const key = ring[position] as K;
      ring[position] = undefined;
      head = (head + 1) % capacity;
      queued--;
      const slot = map.get(key);
      if (slot === undefined || slot.position !== position) {
        if (!evict) return;
        continue;
      }
      if (!evict || slot.used) {
        slot.used = false;
        enqueue(key, slot);
        continue;
      }
      map.delete(key);
      evictions++;
      onEvict?.(key, slot.value);
      return;
    }
  };

  return {
    get(key) {
      const slot = map.get(key);
      if (slot === undefined) return undefined;
      slot.used = true;
      return slot.value;
    },
    peek: (key) => map.get(key)?.value,
    has: (key) => map.has(key),
    set(key, value) {
      const existing = map.get(key);
      if (existing !== undefined) {
        existing.value = value;
        existing.used = true;
        return;
      }
      if (map.size >= capacity) advance(true);
      // Deleted keys leave stale ring entries; drop them from the head until there is room.
      while (queued >= capacity) advance(false);
      const slot: Slot<V> = { value, used: false, position: -1 };
      map.set(key, slot);
      enqueue(key, slot);
    },
    delete: (key) => map.delete(key),
    clear() {
      map.clear();
      ring.fill(undefined);
      head = 0;
      queued = 0;
    },
    *entries() {
      for (const [key, slot] of map) yield [key, slot.value];
    },
    get size() {
      return map.size;
    },
    capacity,
    get evictions() {
      return evictions;
    },
  };
}
