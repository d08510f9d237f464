import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSlidingWindowCounter } from './create-sliding-window-counter.js';
import { createSlidingWindowLanes } from './create-sliding-window-lanes.js';

describe('createSlidingWindowLanes', () => {
  it('counts each lane within the window and forgets what slid out', () => {
    const w = createSlidingWindowLanes(60_000, 6, 2);
    for (let t = 0; t < 60_000; t += 1000) w.add(0, t);
    w.add(1, 59_000, 3);
    expect(w.total(0, 59_999)).toBe(60);
    expect(w.total(1, 59_999)).toBe(3);
    expect(w.total(0, 89_999)).toBe(30);
    expect(w.total(1, 200_000)).toBe(0);
    expect(w.add(1, 200_001, 5)).toBe(5);
    expect(w.total(0, 200_001)).toBe(0);
  });

  it('gives every lane the totals of a counter of its own, whichever lanes are touched when', () => {
    const step = fc.record({
      dt: fc.integer({ min: 0, max: 40_000 }),
      lane: fc.integer({ min: 0, max: 2 }),
      add: fc.boolean(),
      amount: fc.integer({ min: 1, max: 9 }),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const lanes = createSlidingWindowLanes(60_000, 5, 3);
        const own = [0, 1, 2].map(() => createSlidingWindowCounter(60_000, 5));
        let now = 1_700_000_000_000;
        for (const s of steps) {
          now += s.dt;
          const expected = s.add ? own[s.lane]!.add(now, s.amount) : own[s.lane]!.total(now);
          const actual = s.add ? lanes.add(s.lane, now, s.amount) : lanes.total(s.lane, now);
          expect(actual).toBe(expected);
        }
      }),
    );
  });

  it('rejects a window without lanes or buckets', () => {
    expect(() => createSlidingWindowLanes(60_000, 5, 0)).toThrow(TypeError);
    expect(() => createSlidingWindowLanes(0, 5, 2)).toThrow(TypeError);
  });
});
