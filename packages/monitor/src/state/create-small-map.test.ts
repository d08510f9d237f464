import { describe, expect, it } from 'vitest';
import { createSmallMap } from './create-small-map.js';

describe('createSmallMap', () => {
  it('holds one key inline and more in a map, like a Map', () => {
    const m = createSmallMap<number>();
    expect(m.size).toBe(0);
    expect(m.get('a')).toBeUndefined();
    m.set('a', 1);
    m.set('a', 2);
    expect(m.size).toBe(1);
    expect(m.get('a')).toBe(2);
    m.set('b', 3);
    m.set('c', 4);
    expect(m.size).toBe(3);
    expect([m.get('a'), m.get('b'), m.get('c'), m.get('d')]).toEqual([2, 3, 4, undefined]);
    m.clear();
    expect(m.size).toBe(0);
    expect(m.get('b')).toBeUndefined();
    m.set('c', 5);
    expect([m.size, m.get('c')]).toEqual([1, 5]);
  });
});
