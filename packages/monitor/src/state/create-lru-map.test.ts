import { describe, expect, it } from 'vitest';
import { createLruMap } from './create-lru-map.js';

describe('createLruMap', () => {
  it('evicts an entry not used since it was queued, giving used ones a second chance', () => {
    const evicted: string[] = [];
    const lru = createLruMap<string, number>(2, (key) => evicted.push(key));
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1); // a was used: it survives the next eviction
    lru.set('c', 3);
    expect(evicted).toEqual(['b']);
    expect(lru.has('a')).toBe(true);
    expect(lru.has('c')).toBe(true);
    expect(lru.evictions).toBe(1);
    // a's second chance is spent: unused since, it goes before c (also unused) only by age.
    lru.set('d', 4);
    expect(evicted).toEqual(['b', 'a']);
  });

  it('keeps a hot key alive under a flood of one-off keys', () => {
    const lru = createLruMap<string, number>(100);
    lru.set('hot', 1);
    for (let i = 0; i < 10_000; i++) {
      lru.get('hot');
      lru.set(`cold${i}`, i);
    }
    expect(lru.get('hot')).toBe(1);
    expect(lru.size).toBe(100);
  });

  it('peek does not change recency; replacing a key does not evict', () => {
    const lru = createLruMap<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.peek('a')).toBe(1);
    lru.set('b', 20);
    lru.set('c', 3);
    expect(lru.has('a')).toBe(false);
    expect(lru.peek('b')).toBe(20);
    expect(lru.size).toBe(2);
  });

  it('never grows past its capacity', () => {
    const lru = createLruMap<number, number>(1000);
    for (let i = 0; i < 100_000; i++) lru.set(i, i);
    expect(lru.size).toBe(1000);
    expect(lru.has(99_999)).toBe(true);
    expect(lru.has(98_999)).toBe(false);
  });

  it('rejects a non-positive capacity', () => {
    expect(() => createLruMap(0)).toThrow(TypeError);
  });
});

describe('createLruMap after deletions', () => {
  it('reuses the room deleted keys leave and still evicts in order', () => {
    const evicted: number[] = [];
    const lru = createLruMap<number, number>(3, (key) => evicted.push(key));
    for (let round = 0; round < 1000; round++) {
      lru.set(round, round);
      if (round % 2 === 0) lru.delete(round);
    }
    expect(lru.size).toBe(3);
    expect([...lru.entries()].map(([k]) => k)).toEqual([995, 997, 999]);
    expect(evicted.length).toBeGreaterThan(0);
  });
});
