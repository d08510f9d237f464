/** A string-keyed map for the nested state of one actor (its endpoints), where one key is the common case. */
export interface SmallMap<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  clear(): void;
  readonly size: number;
}

class InlineFirstMap<V> implements SmallMap<V> {
  private firstKey: string | undefined;
  private firstValue: V | undefined;
  private rest: Map<string, V> | undefined;

  get(key: string): V | undefined {
    if (key === this.firstKey) return this.firstValue;
    return this.rest?.get(key);
  }

  set(key: string, value: V): void {
    if (this.firstKey === undefined || key === this.firstKey) {
      this.firstKey = key;
      this.firstValue = value;
      return;
    }
    this.rest ??= new Map();
    this.rest.set(key, value);
  }

  clear(): void {
    this.firstKey = undefined;
    this.firstValue = undefined;
    this.rest = undefined;
  }

  get size(): number {
    return (this.firstKey === undefined ? 0 : 1) + (this.rest?.size ?? 0);
  }
}

/**
 * Creates a map that keeps its first entry in two fields and allocates a `Map` only when a second key arrives:
 * per-actor maps (actor → endpoint → state) usually hold one entry, and with a million actors the difference is
 * the bulk of the memory and of the garbage collector's work. No iteration, no delete: detectors only look up,
 * insert and clear.
 */
export function createSmallMap<V>(): SmallMap<V> {
  return new InlineFirstMap<V>();
}
