import { randomBytes } from 'node:crypto';
import { Secret } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { createBodyCipher } from './create-body-cipher.js';

const key = () => new Secret(randomBytes(32).toString('base64'));

describe('createBodyCipher', () => {
  it('round-trips text, with a fresh IV per value', () => {
    const cipher = createBodyCipher(key());
    const a = cipher.encrypt('{"ssn":"123-45-6789"}', 'evt-1');
    const b = cipher.encrypt('{"ssn":"123-45-6789"}', 'evt-1');
    expect(a.equals(b)).toBe(false);
    expect(a.includes('123-45-6789')).toBe(false);
    expect(cipher.decrypt(a, 'evt-1')).toBe('{"ssn":"123-45-6789"}');
    expect(a.length).toBe(1 + 8 + 12 + 21 + 16);
  });

  it('fails authentication on any flipped bit, a wrong context, or truncation', () => {
    const cipher = createBodyCipher(key());
    const sealed = cipher.encrypt('hello world', 'evt-1');
    for (let i = 9; i < sealed.length; i++) {
      const bad = Buffer.from(sealed);
      bad[i] = (bad[i] ?? 0) ^ 0x01;
      expect(() => cipher.decrypt(bad, 'evt-1'), `byte ${i}`).toThrow(/failed authentication|malformed/);
    }
    expect(() => cipher.decrypt(sealed, 'evt-2')).toThrow(/failed authentication/);
    expect(() => cipher.decrypt(sealed.subarray(0, 20), 'evt-1')).toThrow(/malformed/);
  });

  it('names the missing key id when a value was written with an unknown key', () => {
    const oldCipher = createBodyCipher(key());
    const sealed = oldCipher.encrypt('x', 'e');
    expect(() => createBodyCipher(key()).decrypt(sealed, 'e')).toThrow(
      new RegExp(`written with key ${oldCipher.keyId}, which is not configured`),
    );
  });
});
