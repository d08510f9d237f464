import { describe, expect, it } from 'vitest';
import { decodeBase64 } from './decode-base64.js';
import { decodePercent } from './decode-percent.js';
import { expandDecodings } from './expand-decodings.js';

describe('expandDecodings', () => {
  it('peels URL encoding layer by layer and records each layer', () => {
    const variants = expandDecodings('%25253Cx', { maxDepth: 5, maxTotalChars: 1000 });
    expect(variants.map((v) => v.text)).toEqual(['%25253Cx', '%253Cx', '%3Cx', '<x']);
    expect(variants.at(-1)?.layers).toEqual(['url', 'url', 'url']);
  });

  it('respects the depth bound', () => {
    const variants = expandDecodings('%25253Cx', { maxDepth: 2, maxTotalChars: 1000 });
    expect(variants.map((v) => v.text)).toEqual(['%25253Cx', '%253Cx', '%3Cx']);
    expect(Math.max(...variants.map((v) => v.layers.length))).toBe(2);
  });

  it('respects the total size bound', () => {
    const value = '%2541'.repeat(200);
    const variants = expandDecodings(value, { maxDepth: 10, maxTotalChars: value.length + 10 });
    expect(variants).toHaveLength(1);
    const total = expandDecodings(value, { maxDepth: 10, maxTotalChars: 2000 }).reduce(
      (n, v) => n + v.text.length,
      0,
    );
    expect(total).toBeLessThanOrEqual(2000);
  });

  it('combines layers: base64 of URL-encoded text, entities, escapes, full-width forms', () => {
    const b64 = Buffer.from('%3Cscript%3E').toString('base64');
    expect(expandDecodings(b64, { maxDepth: 3, maxTotalChars: 1000 }).map((v) => v.text)).toContain(
      '<script>',
    );
    expect(expandDecodings('&#60;a&gt;', { maxDepth: 1, maxTotalChars: 100 }).map((v) => v.text)).toContain(
      '<a>',
    );
    expect(expandDecodings('\\u0027\\x27', { maxDepth: 1, maxTotalChars: 100 }).map((v) => v.text)).toContain(
      "''",
    );
    expect(expandDecodings('＜ｘ＞', { maxDepth: 1, maxTotalChars: 100 }).map((v) => v.text)).toContain(
      '<x>',
    );
  });
});

describe('decodePercent', () => {
  it('keeps malformed escapes, decodes %u and overlong UTF-8, and + only when asked', () => {
    expect(decodePercent('%zz%4', false)).toBe('%zz%4');
    expect(decodePercent('%u0027', false)).toBe("'");
    expect(decodePercent('%c0%ae%c0%af', false)).toBe('./');
    expect(decodePercent('a+b', false)).toBe('a+b');
    expect(decodePercent('a+b', true)).toBe('a b');
    expect(decodePercent('%C3%A9', false)).toBe('é');
  });
});

describe('decodeBase64', () => {
  it('decodes printable text and refuses binary, hex and short strings', () => {
    expect(decodeBase64(Buffer.from("' or 1=1 --").toString('base64'))).toBe("' or 1=1 --");
    expect(
      decodeBase64(Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255, 3, 4, 5]).toString('base64')),
    ).toBeUndefined();
    expect(decodeBase64('deadbeefdeadbeefdeadbeef')).toBeUndefined();
    expect(decodeBase64('abc')).toBeUndefined();
  });
});
