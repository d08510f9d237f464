import { describe, expect, it } from 'vitest';
import { createExpiringCache } from './create-expiring-cache.js';

describe('createExpiringCache', () => {
  it('expires entries at their time', () => {
    const cache = createExpiringCache<string>(10);
    cache.set('a', 'x', 1000);
    expect(cache.get('a', 999)).toBe('x');
    expect(cache.get('a', 1000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('evicts the least recently used entry when full', () => {
    const cache = createExpiringCache<number>(2);
    cache.set('a', 1, Number.POSITIVE_INFINITY);
    cache.set('b', 2, Number.POSITIVE_INFINITY);
    expect(cache.get('a', 0)).toBe(1); // a is now the most recent
    cache.set('c', 3, Number.POSITIVE_INFINITY);
    expect(cache.get('b', 0)).toBeUndefined();
    expect(cache.get('a', 0)).toBe(1);
    expect(cache.get('c', 0)).toBe(3);
    expect(cache.size).toBe(2);
  });
});
