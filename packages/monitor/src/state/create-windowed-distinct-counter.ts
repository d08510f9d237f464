import { createHyperLogLog, type HyperLogLog } from './create-hyperloglog.js';

/** Approximately how many distinct values were seen over the last `windowMs`. */
export interface WindowedDistinctCounter {
  /** Records `value` at `now` and returns the estimate over the window ending at `now`. */
  add(value: string, now: number): number;
  estimate(now: number): number;
}

export interface WindowedDistinctCounterOptions {
  readonly windowMs: number;
  /** Values kept exactly (a `Set`) per generation before switching to a HyperLogLog (default 128). */
  readonly exactLimit?: number;
  /** HyperLogLog precision once over `exactLimit` (default 8: 256 bytes). */
  readonly precision?: number;
}

/**
 * One generation of values: `undefined` while empty, the value itself while there is one (most keys see one or
 * two values, and a `Set` costs far more than a string reference), then a `Set`, then a HyperLogLog.
 */
type Generation = undefined | string | Set<string> | HyperLogLog;

const count = (g: Generation): number =>
  g === undefined ? 0 : typeof g === 'string' ? 1 : g instanceof Set ? g.size : g.estimate();

/** Whether an exact generation holds `value` (false for a HyperLogLog, which cannot say). */
const holds = (g: Generation, value: string): boolean =>
  g === undefined ? false : typeof g === 'string' ? g === value : g instanceof Set ? g.has(value) : false;

class DistinctWindow implements WindowedDistinctCounter {
  private current: Generation = undefined;
  private previous: Generation = undefined;
  /** Values of the current generation that were also in the previous one (exact mode only). */
  private overlap = 0;
  private start = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly windowMs: number,
    private readonly exactLimit: number,
    private readonly precision: number,
  ) {}

  add(value: string, now: number): number {
    this.rotate(now);
    const current = this.current;
    if (current === undefined || typeof current === 'string' || current instanceof Set) {
      if (!holds(current, value)) {
        let next: string | Set<string>;
        if (current === undefined) next = value;
        else if (typeof current === 'string') next = new Set([current, value]);
        else next = current.add(value);
        this.current = next;
        if (this.previous !== undefined && holds(this.previous, value)) this.overlap++;
        if (count(next) > this.exactLimit) {
          const hll = createHyperLogLog(this.precision);
          if (typeof next === 'string') hll.add(next);
          else for (const v of next) hll.add(v);
          this.current = hll;
        }
      }
    } else current.add(value);
    return this.estimate(now);
  }

  estimate(now: number): number {
    this.rotate(now);
    const fraction = Math.min(1, (now - this.start) / this.windowMs);
    const current = this.current;
    const exact = current === undefined || typeof current === 'string' || current instanceof Set;
    const previousOnly = Math.max(0, count(this.previous) - (exact ? this.overlap : 0));
    return count(current) + previousOnly * (1 - fraction);
  }

  /** Generations are aligned to multiples of `windowMs`; a gap of two windows forgets everything. */
  private rotate(now: number): void {
    if (now < this.start + this.windowMs) return;
    const aligned = Math.floor(now / this.windowMs) * this.windowMs;
    this.previous = aligned - this.start === this.windowMs ? this.current : undefined;
    this.current = undefined;
    this.overlap = 0;
    this.start = aligned;
  }
}

/**
 * Creates a distinct counter over a sliding window, from two generations (the current window-aligned one and the
 * previous one) weighted like a sliding-window rate limiter: values seen only in the previous generation count
 * in proportion to how much of it is still inside the window. Small generations are exact sets; past
 * `exactLimit` values a generation becomes a HyperLogLog, so memory per key is bounded by
 * `max(exactLimit values, 2^precision bytes)` twice, whatever the attacker sends.
 */
export function createWindowedDistinctCounter(
  options: WindowedDistinctCounterOptions,
): WindowedDistinctCounter {
  const { windowMs, exactLimit = 128, precision = 8 } = options;
  if (!(windowMs > 0)) throw new TypeError(`distinct counter windowMs must be > 0, got ${String(windowMs)}`);
  return new DistinctWindow(windowMs, exactLimit, precision);
}
