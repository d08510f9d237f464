import { type CountMinSketch, createCountMinSketch } from './create-count-min-sketch.js';

/** Approximate per-key counts over a sliding window, for key sets too large to track one by one. */
export interface WindowedCountMinSketch {
  /** Adds `amount` (default 1) to `key` at `now`; returns the key's estimate over the window ending at `now`. */
  add(key: string, now: number, amount?: number): number;
  estimate(key: string, now: number): number;
}

/**
 * Two count-min sketches, the current window-aligned generation and the previous one; the previous counts in
 * proportion to the part of it still inside the window. Memory is `2 × width × depth` counters, whatever the
 * number of keys.
 */
export function createWindowedCountMinSketch(
  windowMs: number,
  width = 4096,
  depth = 4,
): WindowedCountMinSketch {
  if (!(windowMs > 0)) throw new TypeError(`windowed sketch windowMs must be > 0, got ${String(windowMs)}`);
  let current: CountMinSketch = createCountMinSketch(width, depth);
  let previous: CountMinSketch = createCountMinSketch(width, depth);
  let start = Number.NEGATIVE_INFINITY;
  const rotate = (now: number): number => {
    if (now >= start + windowMs) {
      const aligned = Math.floor(now / windowMs) * windowMs;
      const spare = previous;
      spare.clear();
      if (aligned - start === windowMs) {
        previous = current;
      } else {
        current.clear();
        previous = current;
      }
      current = spare;
      start = aligned;
    }
    return 1 - Math.min(1, (now - start) / windowMs);
  };
  return {
    add(key, now, amount = 1) {
      const weight = rotate(now);
      return current.add(key, amount) + previous.estimate(key) * weight;
    },
    estimate(key, now) {
      const weight = rotate(now);
      return current.estimate(key) + previous.estimate(key) * weight;
    },
  };
}
