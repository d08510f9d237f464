import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64 } from '../src/decode/decode-base64.js';

const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * The straightforward version (decode with Buffer, then count printable characters) that `decodeBase64` must answer
 * exactly as, without its shortcuts. Decodes `text` as base64 (standard or URL-safe, padding optional) when it looks like base64 and decodes to
 * mostly printable text (at least 90% printable ASCII or whitespace). Returns `undefined` otherwise, so binary
 * payloads such as images are not inspected as text. A `data:…;base64,` prefix is skipped.
 */
function referenceDecodeBase64(text: string, minLength = 12): string | undefined {
  let body = text.trim();
  if (body.startsWith('data:')) {
    const comma = body.indexOf(',');
    if (comma < 0 || !body.slice(0, comma).endsWith(';base64')) return undefined;
    body = body.slice(comma + 1);
  }
  if (body.length < minLength || body.length % 4 === 1 || !BASE64.test(body)) return undefined;
  // Pure hex or pure digits are far more often ids and hashes than base64.
  if (/^[0-9a-fA-F]+$/.test(body)) return undefined;
  const bytes = Buffer.from(body, body.includes('-') || body.includes('_') ? 'base64url' : 'base64');
  if (bytes.length === 0) return undefined;
  let printable = 0;
  for (const byte of bytes) {
    if ((byte >= 0x20 && byte < 0x7f) || byte === 0x09 || byte === 0x0a || byte === 0x0d) printable++;
  }
  if (printable / bytes.length < 0.9) return undefined;
  return bytes.toString('latin1');
}

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
