import { describe, expect, it } from 'vitest';
import { createEwma } from './create-ewma.js';

describe('createEwma', () => {
  it('tracks mean and spread of a stable stream', () => {
    const e = createEwma(0.05);
    for (let i = 0; i < 1000; i++) e.update(i % 2 === 0 ? 900 : 1100);
    expect(e.mean).toBeGreaterThan(950);
    expect(e.mean).toBeLessThan(1050);
    expect(e.stddev).toBeGreaterThan(80);
    expect(e.stddev).toBeLessThan(120);
    expect(e.count).toBe(1000);
  });

  it('follows a level shift', () => {
    const e = createEwma(0.1);
    for (let i = 0; i < 200; i++) e.update(100);
    for (let i = 0; i < 200; i++) e.update(1000);
    expect(e.mean).toBeGreaterThan(990);
    expect(() => createEwma(0)).toThrow(TypeError);
  });
});
