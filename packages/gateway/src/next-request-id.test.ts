import { describe, expect, it } from 'vitest';
import { nextRequestId } from './next-request-id.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('nextRequestId', () => {
  it('gives version 4 UUIDs in the canonical text form, across several refills of the random pool', () => {
    const ids = Array.from({ length: 1000 }, () => nextRequestId());
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('spreads every random digit over all sixteen values (no position is fixed or counted)', () => {
    const seen = Array.from({ length: 36 }, () => new Set<string>());
    for (let i = 0; i < 2000; i++) {
      const id = nextRequestId();
      for (let c = 0; c < 36; c++) seen[c]?.add(id[c] as string);
    }
    const sizes = seen.map((s) => s.size);
    for (const dash of [8, 13, 18, 23]) expect(sizes[dash]).toBe(1);
    expect(sizes[14]).toBe(1); // the version digit
    expect(sizes[19]).toBe(4); // the variant digit: 8, 9, a or b
    const random = sizes.filter((_, c) => ![8, 13, 18, 23, 14, 19].includes(c));
    expect(random).toEqual(Array(30).fill(16));
  });

  it('returns a new string each time (the buffer it is written into is reused)', () => {
    const first = nextRequestId();
    const copy = `${first}`;
    nextRequestId();
    expect(first).toBe(copy);
  });
});
