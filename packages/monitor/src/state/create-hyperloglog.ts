import { hashString } from './hash-string.js';

/** `2^-r` for every possible register value. */
const POWERS = Float64Array.from({ length: 34 }, (_, r) => 2 ** -r);

/** An approximate distinct counter in `2^precision` bytes (Flajolet et al., 2007). */
export interface HyperLogLog {
  add(value: string): void;
  /** Estimated number of distinct values added. Standard error is about `1.04 / sqrt(2^precision)`. */
  estimate(): number;
  /** Folds `other` (same precision) into this one: the result counts the union. */
  merge(other: HyperLogLog): void;
  clear(): void;
  readonly precision: number;
  /** The registers, for merging. Do not modify. */
  readonly registers: Uint8Array;
}

/**
 * Creates a HyperLogLog with `2^precision` one-byte registers (precision 4 to 16; 8 gives 256 bytes and ~6.5%
 * error, plenty to tell 20 distinct ids from 2,000). Uses a 32-bit hash, with the small-range (linear counting)
 * and large-range corrections of the original paper.
 */
export function createHyperLogLog(precision = 8): HyperLogLog {
  if (!Number.isInteger(precision) || precision < 4 || precision > 16) {
    throw new TypeError(`HyperLogLog precision must be an integer from 4 to 16, got ${String(precision)}`);
  }
  const m = 1 << precision;
  const registers = new Uint8Array(m);
  const alpha = m === 16 ? 0.673 : m === 32 ? 0.697 : m === 64 ? 0.709 : 0.7213 / (1 + 1.079 / m);
  const shift = 32 - precision;
  const guard = 1 << (precision - 1);
  // The harmonic sum and the count of empty registers are kept up to date on every change, so `estimate` is O(1)
  // and detectors can ask after every add.
  let sum = m;
  let zeros = m;
  const raise = (index: number, rank: number): void => {
    const old = registers[index]!;
    if (rank <= old) return;
    registers[index] = rank;
    sum += POWERS[rank]! - POWERS[old]!;
    if (old === 0) zeros--;
  };
  return {
    add(value) {
      const h = hashString(value);
      // The bits after the index, with a guard bit so the rank is bounded by 32 - precision + 1.
      raise(h >>> shift, Math.clz32((h << precision) | guard) + 1);
    },
    estimate() {
      const raw = (alpha * m * m) / sum;
      if (raw <= 2.5 * m && zeros > 0) return m * Math.log(m / zeros);
      const two32 = 2 ** 32;
      if (raw > two32 / 30) return -two32 * Math.log(1 - raw / two32);
      return raw;
    },
    merge(other) {
      if (other.precision !== precision) {
        throw new TypeError(`cannot merge a HyperLogLog of precision ${other.precision} into ${precision}`);
      }
      const theirs = other.registers;
      for (let i = 0; i < m; i++) raise(i, theirs[i]!);
    },
    clear() {
      registers.fill(0);
      sum = m;
      zeros = m;
    },
    precision,
    registers,
  };
}
