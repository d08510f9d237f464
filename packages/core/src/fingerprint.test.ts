import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprintFinding } from './fingerprint.js';

describe('fingerprintFinding', () => {
  it('is the first 32 hex digits of SHA-256 over the location parts, so baselines stay valid', () => {
    const finding = {
      ruleId: 'api1-bola',
      location: { target: 'http://127.0.0.1:8080', method: 'GET', path: '/accounts/{accountId}' },
    };
    expect(fingerprintFinding(finding)).toBe(
      createHash('sha256')
        .update(['api1-bola', '', '', 'http://127.0.0.1:8080', 'GET', '/accounts/{accountId}'].join('\u0000'))
        .digest('hex')
        .slice(0, 32),
    );
  });

  it('agrees with createHash for any parts, unicode included', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (ruleId, file, pointer) => {
        const expected = createHash('sha256')
          .update([ruleId, file, pointer, '', '', ''].join('\u0000'))
          .digest('hex')
          .slice(0, 32);
        expect(fingerprintFinding({ ruleId, location: { document: { file, pointer } } })).toBe(expected);
      }),
    );
  });

  it('ignores line numbers and messages', () => {
    const a = fingerprintFinding({
      ruleId: 'r',
      location: { document: { file: 'a.yaml', pointer: '/x', line: 1 } },
    });
    const b = fingerprintFinding({
      ruleId: 'r',
      location: { document: { file: 'a.yaml', pointer: '/x', line: 99 } },
    });
    expect(a).toBe(b);
  });
});
