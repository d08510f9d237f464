/** A bounded map from a value to what the inspector concluded about it; the oldest entry goes first when full. */
export interface VerdictCache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  readonly size: number;
}

/**
 * Creates a first-in-first-out cache of at most `capacity` entries. Insertion order is the `Map`'s own, so
 * eviction is one `delete` of its first key: no per-entry bookkeeping, nothing allocated on a hit. Used to
 * remember verdicts on header values, parameters and fields that repeat from request to request (user agents,
 * `Accept` values, `page=2`).
 */
export function createVerdictCache<V>(capacity: number): VerdictCache<V> {
  const map = new Map<string, V>();
  return {
    get: (key) => map.get(key),
    set(key, value) {
      if (map.size >= capacity && !map.has(key)) {
        const oldest = map.keys().next();
        if (oldest.done !== true) map.delete(oldest.value);
      }
      map.set(key, value);
    },
    get size() {
      return map.size;
    },
  };
}
