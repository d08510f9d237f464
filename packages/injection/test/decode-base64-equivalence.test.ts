import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64 as referenceDecodeBase64 } from './reference/decode-base64.js';
import { decodeBase64 } from '../src/decode/decode-base64.js';

describe('decodeBase64', () => {
  it('decodes printable base64 and base64url, and refuses binary, hex and short input', () => {
    expect(decodeBase64(Buffer.from("' OR 1=1 -- and more").toString('base64'))).toBe("' OR 1=1 -- and more");
    expect(decodeBase64(Buffer.from('<script>alert(1)</script>').toString('base64url'))).toBe(
      '<script>alert(1)</script>',
    );
    expect(
      decodeBase64(Buffer.from([0, 1, 2, 200, 201, 202, 3, 4, 5, 250, 251, 252]).toString('base64')),
    ).toBe(undefined);
    expect(decodeBase64('8c1e5a9e3b1f4a519d770f7a1f9c2b10')).toBe(undefined);
    expect(decodeBase64('c2hvcnQ=')).toBe(undefined);
  });

  it('answers exactly as the straightforward Buffer-only version on any base64-shaped text', () => {
    const b64 = fc.oneof(
      fc.uint8Array({ minLength: 0, maxLength: 64 }).map((b) => Buffer.from(b).toString('base64')),
      fc.uint8Array({ minLength: 0, maxLength: 64 }).map((b) => Buffer.from(b).toString('base64url')),
      fc.string({ unit: fc.constantFrom(...'abcXYZ019+/-_='), maxLength: 60 }),
      fc.stringMatching(/^[ -~]{0,40}$/).map((t) => Buffer.from(t).toString('base64')),
      fc.stringMatching(/^[ -~]{0,40}$/).map((t) => Buffer.from(t).toString('base64url')),
      fc.uuid(),
    );
    fc.assert(
      fc.property(b64, (text) => {
        expect(decodeBase64(text)).toBe(referenceDecodeBase64(text));
      }),
      { numRuns: 5000, seed: 3 },
    );
  });
});
