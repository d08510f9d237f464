import { describe, expect, it } from 'vitest';
import { createHyperLogLog } from './create-hyperloglog.js';

describe('createHyperLogLog', () => {
  it.each([10, 100, 1_000, 50_000])('estimates %i distinct values within 3 standard errors', (n) => {
    const hll = createHyperLogLog(10);
    for (let i = 0; i < n; i++) {
      hll.add(`user-${i}`);
      hll.add(`user-${i}`); // repeats do not count
    }
    const error = 1.04 / Math.sqrt(1024);
    expect(Math.abs(hll.estimate() - n) / n).toBeLessThan(3 * error + 0.01);
  });

  it('merges to the union', () => {
    const a = createHyperLogLog(8);
    const b = createHyperLogLog(8);
    for (let i = 0; i < 500; i++) a.add(`x${i}`);
    for (let i = 250; i < 750; i++) b.add(`x${i}`);
    a.merge(b);
    expect(a.estimate()).toBeGreaterThan(650);
    expect(a.estimate()).toBeLessThan(850);
    expect(() => a.merge(createHyperLogLog(9))).toThrow(TypeError);
  });

  it('is empty after clear and rejects bad precision', () => {
    const hll = createHyperLogLog();
    hll.add('a');
    hll.clear();
    expect(hll.estimate()).toBe(0);
    expect(() => createHyperLogLog(3)).toThrow(TypeError);
  });
});
