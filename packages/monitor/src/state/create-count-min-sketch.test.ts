import { describe, expect, it } from 'vitest';
import { createCountMinSketch } from './create-count-min-sketch.js';

describe('createCountMinSketch', () => {
  it('never under-counts and stays close on heavy hitters', () => {
    const cms = createCountMinSketch(1024, 4);
    const truth = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      // Zipf-like: key k appears about 1/k as often.
      const key = `k${Math.floor(1 / (((i * 7919) % 10_007) / 10_007 + 0.001))}`;
      truth.set(key, (truth.get(key) ?? 0) + 1);
      cms.add(key);
    }
    for (const [key, n] of truth) {
      const estimate = cms.estimate(key);
      expect(estimate).toBeGreaterThanOrEqual(n);
      expect(estimate - n).toBeLessThanOrEqual((2 * 20_000) / 1024);
    }
  });

  it('returns the new estimate from add and forgets on clear', () => {
    const cms = createCountMinSketch(64, 2);
    expect(cms.add('a', 3)).toBe(3);
    expect(cms.add('a')).toBe(4);
    expect(cms.estimate('unseen')).toBe(0);
    cms.clear();
    expect(cms.estimate('a')).toBe(0);
    expect(() => createCountMinSketch(0)).toThrow(TypeError);
  });
});
