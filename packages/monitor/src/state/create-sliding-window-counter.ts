/** A count over the last `windowMs`, kept in a fixed ring of buckets. */
export interface SlidingWindowCounter {
  /** Adds `amount` (default 1) at time `now` and returns the total over the window ending at `now`. */
  add(now: number, amount?: number): number;
  /** The total over the window ending at `now`. */
  total(now: number): number;
}

class RingCounter implements SlidingWindowCounter {
  /** A plain array, not a typed one: V8 typed arrays cost a separate backing store, too much per actor. */
  private readonly counts: number[];
  private readonly bucketMs: number;
  /** Absolute index (`floor(time / bucketMs)`) of the newest bucket. */
  private head = Number.NEGATIVE_INFINITY;
  private sum = 0;

  constructor(windowMs: number, buckets: number) {
    // Pushed one by one: a packed array of small integers, cheaper to create than `new Array(n).fill(0)`.
    const counts: number[] = [];
    for (let i = buckets; i > 0; i--) counts.push(0);
    this.counts = counts;
    this.bucketMs = windowMs / buckets;
  }

  add(now: number, amount = 1): number {
    this.advance(now);
    const n = this.counts.length;
    const slot = ((this.head % n) + n) % n;
    this.counts[slot] = this.counts[slot]! + amount;
    this.sum += amount;
    return this.sum;
  }

  total(now: number): number {
    this.advance(now);
    return this.sum;
  }

  /** Moves the head to `now`, zeroing the buckets that fell out of the window. Time never runs backwards here. */
  private advance(now: number): void {
    const index = Math.floor(now / this.bucketMs);
    if (index <= this.head) return;
    const n = this.counts.length;
    if (index - this.head >= n) {
      this.counts.fill(0);
      this.sum = 0;
    } else {
      for (let i = this.head + 1; i <= index; i++) {
        const slot = ((i % n) + n) % n;
        this.sum -= this.counts[slot]!;
        this.counts[slot] = 0;
      }
      if (this.sum < 1e-9) this.sum = 0;
    }
    this.head = index;
  }
}

/**
 * Creates a sliding-window counter: `buckets` fixed slots of `windowMs / buckets` each, so memory is constant and
 * the window slides in steps of one bucket (the total covers between `windowMs - bucketMs` and `windowMs`).
 * Late events (older than the newest bucket) count in the newest bucket rather than being lost.
 */
export function createSlidingWindowCounter(windowMs: number, buckets = 6): SlidingWindowCounter {
  if (!(windowMs > 0) || !Number.isInteger(buckets) || buckets < 1) {
    throw new TypeError(
      `sliding window needs windowMs > 0 and an integer number of buckets ≥ 1, got ${String(windowMs)} and ${String(buckets)}`,
    );
  }
  return new RingCounter(windowMs, buckets);
}
