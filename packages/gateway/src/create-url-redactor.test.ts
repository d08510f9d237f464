import { redactUrl } from '@rampart/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createUrlRedactor } from './create-url-redactor.js';

const CASES = [
  '/a',
  '/a?',
  '/a?x=1',
  '/a?x=1&token=abc&y',
  '/a?access_token=1&access_token=2&q=hello',
  '/a?%74oken=abc&%E0%A4%A=1&&=&api%5Fkey=k',
  '/a?password&password=&sessionId=9&fields=summary',
  '/accounts/acct-0001/orders/100001?fields=summary',
  '/a?x=1?y=2&apiKey=3',
];

describe('createUrlRedactor', () => {
  it('redacts exactly like core redactUrl, on first sight and from its cache', () => {
    const redact = createUrlRedactor();
    for (let round = 0; round < 2; round++) for (const url of CASES) expect(redact(url)).toBe(redactUrl(url));
    expect(redact('/a?x=1&token=abc')).toBe('/a?x=1&token=%5Bredacted%5D');
  });

  it('returns a target without secret-named parameters unchanged', () => {
    const redact = createUrlRedactor();
    const url = '/accounts/acct-0001/orders?limit=20&status=shipped';
    expect(redact(url)).toBe(url);
  });

  it('still redacts names beyond its cache size', () => {
    const redact = createUrlRedactor(1);
    redact('/a?x=1');
    expect(redact('/a?x=1&secret=2')).toBe('/a?x=1&secret=%5Bredacted%5D');
  });

  it('agrees with core redactUrl on arbitrary targets', () => {
    const part = fc.constantFrom(
      'token',
      'x',
      'api_key',
      'pass',
      '%41',
      '%',
      '=',
      '&',
      '?',
      'Secret',
      'a',
      '1',
      '',
    );
    const target = fc.array(part, { maxLength: 12 }).map((parts) => `/p?${parts.join('')}`);
    const redact = createUrlRedactor(4);
    fc.assert(
      fc.property(target, (url) => {
        expect(redact(url)).toBe(redactUrl(url));
      }),
      { numRuns: 2000 },
    );
  });
});
