import { createInjectionInspector, INJECTION_CLASSES } from '@rampart/injection';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withoutJwtBearer } from './without-jwt-bearer.js';

// Words detectors look for, spelled with base64url characters only, so that they can appear inside a token.
const WORDS = [
  'jndi',
  'ldap',
  'union',
  'select',
  'script',
  'iex',
  'proto',
  'constructor',
  'java',
  'localhost',
  'etc',
  'passwd',
  'sleep',
  'waitfor',
  'onerror',
  'alert',
  'eval',
  'exec',
  'cmd',
  'bash',
  'Runtime',
  'AAAA',
];
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const piece = fc.oneof(
  fc.constantFrom(...WORDS),
  fc.string({ unit: fc.constantFrom(...B64URL), minLength: 1, maxLength: 40 }),
);
const segment = fc.array(piece, { minLength: 1, maxLength: 12 }).map((p) => p.join(''));
const bearer = fc
  .tuple(fc.constantFrom('Bearer', 'bearer', 'BEARER'), segment, segment, fc.oneof(segment, fc.constant('')))
  .map(([scheme, a, b, c]) => `${scheme} ${a}.${b}.${c}`);

describe('withoutJwtBearer', () => {
  it('only skips values in which the inspector finds nothing, at every paranoia level', () => {
    const inspectors = ([1, 2, 3] as const).map((paranoia) =>
      createInjectionInspector({ paranoia, classes: INJECTION_CLASSES }),
    );
    fc.assert(
      fc.property(bearer, (authorization) => {
        expect(withoutJwtBearer({ authorization }).authorization).toBeUndefined();
        for (const inspector of inspectors)
          expect(inspector.inspect({ headers: { authorization } })).toEqual([]);
      }),
      { numRuns: 1500 },
    );
  });

  it('gives the inspector the same verdict as the full headers', () => {
    const inspector = createInjectionInspector({ paranoia: 1 });
    const other = fc.constantFrom(
      'application/json',
      "1' OR '1'='1",
      `${'$'}{jndi:ldap://x/a}`,
      'curl/8',
      '<script>',
    );
    fc.assert(
      fc.property(bearer, other, other, (authorization, ua, custom) => {
        const headers = { authorization, 'user-agent': ua, 'x-note': custom, accept: '*/*' };
        expect(inspector.inspect({ path: '/a?q=1', headers: withoutJwtBearer(headers) })).toEqual(
          inspector.inspect({ path: '/a?q=1', headers }),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every other Authorization value', () => {
    for (const authorization of [
      `Bearer ${'$'}{jndi:ldap://x/a}`,
      'Bearer a.b.c\r\nX: y',
      'Basic dXNlcjpwYXNz',
      'Bearer opaque-token',
      'Bearer a.b.c d',
      `Bearer ${'a'.repeat(9000)}.b.c`,
    ])
      expect(withoutJwtBearer({ authorization, accept: '*/*' })).toEqual({ authorization, accept: '*/*' });
  });
});
