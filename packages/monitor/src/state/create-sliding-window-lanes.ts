/**
 * Several counts over the same sliding window, kept in one fixed ring of buckets: what a detector that counts
 * requests, failures and the like per actor needs, in one object and one array instead of one pair per count.
 */
export interface SlidingWindowLanes {
  /** Adds `amount` (default 1) to `lane` at time `now`; returns that lane's total over the window ending at `now`. */
  add(lane: number, now: number, amount?: number): number;
  /** The total of `lane` over the window ending at `now`. */
  total(lane: number, now: number): number;
}

class LaneRing implements SlidingWindowLanes {
  /** `lanes × buckets` counts, lane-major, then one running sum per lane. A plain array: no separate backing store. */
  private readonly cells: number[];
  private readonly bucketMs: number;
  /** Absolute index (`floor(time / bucketMs)`) of the newest bucket. */
  private head = Number.NEGATIVE_INFINITY;

  constructor(
    windowMs: number,
    private readonly buckets: number,
    private readonly lanes: number,
  ) {
    // Pushed one by one: a packed array of small integers, cheaper to create than `new Array(n).fill(0)`.
    const cells: number[] = [];
    for (let i = lanes * (buckets + 1); i > 0; i--) cells.push(0);
    this.cells = cells;
    this.bucketMs = windowMs / buckets;
  }

  add(lane: number, now: number, amount = 1): number {
    this.advance(now);
    const n = this.buckets;
    const cell = lane * n + (((this.head % n) + n) % n);
    const sum = this.lanes * n + lane;
    this.cells[cell] = this.cells[cell]! + amount;
    this.cells[sum] = this.cells[sum]! + amount;
    return this.cells[sum]!;
  }

  total(lane: number, now: number): number {
    this.advance(now);
    return this.cells[this.lanes * this.buckets + lane]!;
  }

  /**
   * Moves the head to `now`, zeroing the buckets that fell out of the window in every lane. Advancing all lanes
   * together gives each the totals it would have had as a counter of its own: zeroing is the same whether it is
   * done in one step or several. Time never runs backwards here.
   */
  private advance(now: number): void {
    const index = Math.floor(now / this.bucketMs);
    if (index <= this.head) return;
    const n = this.buckets;
    const sums = this.lanes * n;
    if (index - this.head >= n) {
      this.cells.fill(0);
    } else {
      for (let lane = 0; lane < this.lanes; lane++) {
        let sum = this.cells[sums + lane]!;
        for (let i = this.head + 1; i <= index; i++) {
          const cell = lane * n + (((i % n) + n) % n);
          sum -= this.cells[cell]!;
          this.cells[cell] = 0;
        }
        this.cells[sums + lane] = sum < 1e-9 ? 0 : sum;
      }
    }
    this.head = index;
  }
}

/**
 * Creates `lanes` sliding-window counters that share one window of `buckets` slots of `windowMs / buckets` each
 * (see `createSlidingWindowCounter` for the semantics of one lane: the total covers between `windowMs - bucketMs`
 * and `windowMs`; late events count in the newest bucket). Memory is one object and one array of
 * `lanes × (buckets + 1)` numbers, whatever the traffic.
 */
export function createSlidingWindowLanes(
  windowMs: number,
  buckets: number,
  lanes: number,
): SlidingWindowLanes {
  if (!(windowMs > 0) || !Number.isInteger(buckets) || buckets < 1 || !Number.isInteger(lanes) || lanes < 1) {
    throw new TypeError(
      `sliding window lanes need windowMs > 0 and integer buckets and lanes ≥ 1, got ${String(windowMs)}, ${String(buckets)} and ${String(lanes)}`,
    );
  }
  return new LaneRing(windowMs, buckets, lanes);
}
