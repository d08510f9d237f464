import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Secret } from './secret.js';

describe('Secret', () => {
  const secret = new Secret('s3cr3t-value');

  it('never prints, logs or serializes its value', () => {
    expect(String(secret)).toBe('[redacted]');
    expect(`${secret}`).toBe('[redacted]');
    expect(JSON.stringify({ secret })).toBe('{"secret":"[redacted]"}');
    expect(inspect({ secret })).not.toContain('s3cr3t');
    expect(Object.keys(secret)).toEqual([]);
    expect(`${JSON.stringify(Object.entries(secret))}`).not.toContain('s3cr3t');
  });

  it('reveals the value on request', () => {
    expect(secret.reveal()).toBe('s3cr3t-value');
  });

  it('rejects non-strings at construction', () => {
    expect(() => new Secret(42 as unknown as string)).toThrow(TypeError);
  });
});
