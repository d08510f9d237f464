import { hashString } from './hash-string.js';

/** Approximate counts for an unbounded set of keys in fixed memory; never under-counts. */
export interface CountMinSketch {
  /** Adds `amount` (default 1) to `key` and returns the key's new estimate. */
  add(key: string, amount?: number): number;
  estimate(key: string): number;
  clear(): void;
  readonly width: number;
  readonly depth: number;
}

/**
 * Creates a count-min sketch (Cormode and Muthukrishnan, 2005) of `depth` rows of `width` counters, with
 * conservative update (only the counters at the current minimum are raised), which cuts over-counting a lot on
 * skewed traffic. With total count N, an estimate exceeds the truth by more than `2N / width` with probability
 * at most `2^-depth`. Rows are indexed by double hashing two 32-bit hashes.
 */
export function createCountMinSketch(width = 4096, depth = 4): CountMinSketch {
  if (!Number.isInteger(width) || width < 1 || !Number.isInteger(depth) || depth < 1 || depth > 16) {
    throw new TypeError(
      `count-min sketch needs an integer width ≥ 1 and depth 1-16, got width ${String(width)}, depth ${String(depth)}`,
    );
  }
  const counters = new Float64Array(width * depth);
  const slots = new Int32Array(depth);
  const locate = (key: string): void => {
    const h1 = hashString(key, 0x9e3779b9);
    const h2 = hashString(key, 0x7f4a7c15) | 1;
    for (let row = 0; row < depth; row++) {
      slots[row] = row * width + (((h1 + Math.imul(row, h2)) >>> 0) % width);
    }
  };
  const minimum = (): number => {
    let min = Number.POSITIVE_INFINITY;
    for (let row = 0; row < depth; row++) {
      const c = counters[slots[row]!]!;
      if (c < min) min = c;
    }
    return min;
  };
  return {
    add(key, amount = 1) {
      locate(key);
      const target = minimum() + amount;
      for (let row = 0; row < depth; row++) {
        const slot = slots[row]!;
        if (counters[slot]! < target) counters[slot] = target;
      }
      return target;
    },
    estimate(key) {
      locate(key);
      return minimum();
    },
    clear: () => counters.fill(0),
    width,
    depth,
  };
}
