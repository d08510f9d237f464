/** An exponentially weighted moving mean and variance of a stream of numbers. */
export interface Ewma {
  update(value: number): void;
  readonly mean: number;
  readonly variance: number;
  readonly stddev: number;
  /** Values seen so far. */
  readonly count: number;
}

class ExponentialAverage implements Ewma {
  mean = 0;
  variance = 0;
  count = 0;

  constructor(private readonly alpha: number) {}

  update(value: number): void {
    this.count++;
    if (this.count === 1) {
      this.mean = value;
      return;
    }
    // Warm up with the plain running mean until 1/alpha values are in, so early values do not dominate.
    const a = Math.max(this.alpha, 1 / this.count);
    const delta = value - this.mean;
    this.mean += a * delta;
    this.variance = (1 - a) * (this.variance + a * delta * delta);
  }

  get stddev(): number {
    return Math.sqrt(this.variance);
  }
}

/**
 * Creates an EWMA of mean and variance (West, 1979, incremental form) with smoothing factor `alpha` in (0, 1]:
 * about the last `2 / alpha` values matter. Constant memory: three numbers.
 */
export function createEwma(alpha = 0.05): Ewma {
  if (!(alpha > 0 && alpha <= 1)) throw new TypeError(`EWMA alpha must be in (0, 1], got ${String(alpha)}`);
  return new ExponentialAverage(alpha);
}
