import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from './escape-html.js';

describe('escapeHtml', () => {
  it('escapes the characters that open tags, end attributes or start entities', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y' \`z\``)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; &#96;z&#96;',
    );
  });

  it('makes control and bidi-override characters visible', () => {
    expect(escapeHtml('a\u0000b\u202ec')).toBe('a\\u0000b\\u202Ec');
  });

  it('prints non-strings through String(), so a Secret shows as [redacted]', () => {
    expect(escapeHtml({ toString: () => '[redacted]' })).toBe('[redacted]');
  });

  it('never lets a markup character through (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (s) => {
        expect(escapeHtml(s)).not.toMatch(/[<>"'`]/);
        expect(escapeHtml(s)).not.toMatch(/&(?!(amp|lt|gt|quot|#39|#96);)/);
      }),
      { numRuns: 300 },
    );
  });
});
