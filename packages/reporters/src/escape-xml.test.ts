import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { escapeXml } from './escape-xml.js';

/** Parses `xml` with a conforming XML 1.0 parser; returns the attribute `a` and the text of the root. */
function parse(xml: string): { attr: string | undefined; text: string; errors: string[] } {
  const errors: string[] = [];
  let attr: string | undefined;
  let text = '';
  const parser = new SaxesParser();
  parser.on('error', (e) => errors.push(e.message));
  parser.on('opentag', (tag) => {
    const a = tag.attributes['a'];
    attr = typeof a === 'string' ? a : (a as { value: string } | undefined)?.value;
  });
  parser.on('text', (t) => {
    text += t;
  });
  parser.write(xml).close();
  return { attr, text, errors };
}

describe('escapeXml', () => {
  it('escapes markup in text and attributes', () => {
    expect(escapeXml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
  });

  it('replaces characters XML 1.0 forbids with a visible escape', () => {
    expect(escapeXml('a\u0000b\u001bc\ud800d\uffffe')).toBe('a\\u0000b\\u001Bc\\uD800d\\uFFFFe');
  });

  it('keeps tabs and newlines in text, and encodes them in attributes so they survive normalization', () => {
    expect(escapeXml('a\tb\nc')).toBe('a\tb\nc');
    expect(escapeXml('a\tb\nc\r', true)).toBe('a&#9;b&#10;c&#13;');
    expect(parse(`<r a="${escapeXml('x\ny\tz', true)}"/>`).attr).toBe('x\ny\tz');
  });

  it('keeps astral characters (emoji) as they are', () => {
    expect(escapeXml('🔥')).toBe('🔥');
  });

  it('always yields well-formed XML that round-trips every allowed character (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        const out = parse(`<r a="${escapeXml(s, true)}">${escapeXml(s)}</r>`);
        expect(out.errors).toEqual([]);
        const allowed = s.replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '');
        // What the parser gives back, minus the visible escapes we introduced, is the allowed input.
        expect(out.attr?.replace(/\\u[0-9A-F]{4}/g, '')).toBe(allowed.replace(/\\u[0-9A-F]{4}/g, ''));
        // XML parsers normalize \r\n and \r in text to \n.
        expect(out.text.replace(/\\u[0-9A-F]{4}/g, '')).toBe(
          allowed.replace(/\\u[0-9A-F]{4}/g, '').replace(/\r\n?/g, '\n'),
        );
      }),
      { numRuns: 300 },
    );
  });
});
