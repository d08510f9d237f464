import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from './errors.js';
import { renderErrorDocs } from './render-error-docs.js';

describe('error catalogue docs', () => {
  it('docs/errors.md matches the catalogue (regenerate: node scripts/generate-error-docs.mjs)', () => {
    const committed = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
    expect(committed).toBe(renderErrorDocs());
  });

  it('every code follows RAMPART_ERR_<AREA>_<CONDITION> and has a meaning', () => {
    for (const [code, meaning] of Object.entries(ERROR_CODES)) {
      expect(code).toMatch(/^RAMPART_ERR_[A-Z]+(_[A-Z]+)*$/);
      expect(meaning.length).toBeGreaterThan(10);
    }
  });
});
