import { describe, expect, it } from 'vitest';
import { createSlidingWindowCounter } from './create-sliding-window-counter.js';
import { createWindowedCountMinSketch } from './create-windowed-count-min-sketch.js';
import { createWindowedDistinctCounter } from './create-windowed-distinct-counter.js';

describe('createSlidingWindowCounter', () => {
  it('counts within the window and forgets what slid out', () => {
    const w = createSlidingWindowCounter(60_000, 6);
    for (let t = 0; t < 60_000; t += 1000) w.add(t);
    expect(w.total(59_999)).toBe(60);
    // 30 s later the first 30 s (three buckets) are gone.
    expect(w.total(89_999)).toBe(30);
    expect(w.total(200_000)).toBe(0);
    expect(w.add(200_001, 5)).toBe(5);
  });

  it('counts late events in the newest bucket instead of dropping them', () => {
    const w = createSlidingWindowCounter(10_000, 10);
    w.add(5000);
    expect(w.add(1000)).toBe(2);
  });
});

describe('createWindowedDistinctCounter', () => {
  it('counts distinct values exactly while small', () => {
    const d = createWindowedDistinctCounter({ windowMs: 60_000 });
    for (let i = 0; i < 50; i++) d.add(`id${i % 10}`, 1000 + i);
    expect(d.estimate(2000)).toBe(10);
  });

  it('decays values from the previous window and does not double-count repeats', () => {
    const d = createWindowedDistinctCounter({ windowMs: 60_000 });
    for (let i = 0; i < 20; i++) d.add(`id${i}`, 10_000);
    // Half way through the next window: the old 20 count half.
    expect(d.estimate(90_000)).toBeCloseTo(10, 5);
    // Re-seeing 10 of them moves them to the current generation without counting them twice.
    for (let i = 0; i < 10; i++) d.add(`id${i}`, 90_000);
    expect(d.estimate(90_000)).toBeCloseTo(10 + 10 * 0.5, 5);
    expect(d.estimate(500_000)).toBe(0);
  });

  it('switches to a HyperLogLog past the exact limit and stays accurate', () => {
    const d = createWindowedDistinctCounter({ windowMs: 60_000, exactLimit: 64, precision: 10 });
    let last = 0;
    for (let i = 0; i < 5000; i++) last = d.add(`obj-${i}`, 1000);
    expect(Math.abs(last - 5000) / 5000).toBeLessThan(0.1);
  });
});

describe('createWindowedCountMinSketch', () => {
  it('counts per key over the window', () => {
    const s = createWindowedCountMinSketch(60_000, 256, 3);
    for (let i = 0; i < 12; i++) s.add('alice', 1000 * i);
    s.add('bob', 5000);
    expect(s.estimate('alice', 20_000)).toBe(12);
    expect(s.estimate('bob', 20_000)).toBe(1);
    // 30 s into the next window half of the old counts remain.
    expect(s.estimate('alice', 90_000)).toBeCloseTo(6, 5);
    expect(s.estimate('alice', 300_000)).toBe(0);
  });
});

describe('createWindowedDistinctCounter with one value per generation', () => {
  it('counts a single repeated value once, carries it into the next window and past the exact limit', () => {
    const d = createWindowedDistinctCounter({ windowMs: 60_000, exactLimit: 1 });
    expect(d.add('a', 0)).toBe(1);
    expect(d.add('a', 1000)).toBe(1);
    // Next window, half way: the previous "a" counts half until it is seen again.
    expect(d.estimate(90_000)).toBeCloseTo(0.5, 5);
    expect(d.add('a', 90_000)).toBeCloseTo(1, 5);
    // A second distinct value passes exactLimit 1: the generation becomes a HyperLogLog and still counts two.
    expect(Math.round(d.add('b', 91_000))).toBe(2);
  });
});
