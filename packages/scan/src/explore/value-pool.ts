import { normalizeFieldName } from './name-resource.js';

/** A value the scan has seen, where, and by whom. */
export interface PooledValue {
  /** Normalized field name (`accountid`); `id` of resource `account` is pooled as both `id` and `accountid`. */
  readonly key: string;
  readonly value: string | number;
  /** The identity whose response (or token) held it. */
  readonly identity: string;
  /** The resource the value belongs to, when known. */
  readonly resource?: string;
  /** The operation (`GET /accounts`) or source (`jwt`, `location`) it came from. */
  readonly source: string;
}

/**
 * Producer-consumer inference: every value seen in a response is pooled under its normalized field name, so
 * a parameter of the same name in another operation can be filled with it (RESTler-style).
 */
export interface ValuePool {
  add(value: PooledValue): void;
  /** Values under `key` (normalized here) seen by `identity` (any identity when omitted), first seen first. */
  valuesFor(key: string, identity?: string): Array<string | number>;
  /** True when `identity` has seen `value` under any key (string comparison). */
  hasSeen(identity: string, value: string | number): boolean;
  /** Every pooled value. */
  all(): readonly PooledValue[];
}

/** An empty {@link ValuePool}. Bounded: at most `maxPerKey` distinct values per key and identity. */
export function createValuePool(maxPerKey = 50): ValuePool {
  const entries: PooledValue[] = [];
  const byKey = new Map<string, PooledValue[]>();
  const seen = new Map<string, Set<string>>();
  return {
    add(value) {
      const list = byKey.get(value.key) ?? [];
      if (list.some((e) => e.identity === value.identity && String(e.value) === String(value.value))) return;
      if (list.filter((e) => e.identity === value.identity).length >= maxPerKey) return;
      list.push(value);
      byKey.set(value.key, list);
      entries.push(value);
      const set = seen.get(value.identity) ?? new Set();
      set.add(String(value.value));
      seen.set(value.identity, set);
    },
    valuesFor(key, identity) {
      const list = byKey.get(normalizeFieldName(key)) ?? [];
      const out: Array<string | number> = [];
      for (const entry of list) {
        if (identity !== undefined && entry.identity !== identity) continue;
        if (!out.some((v) => String(v) === String(entry.value))) out.push(entry.value);
      }
      return out;
    },
    hasSeen(identity, value) {
      return seen.get(identity)?.has(String(value)) ?? false;
    },
    all: () => entries,
  };
}
