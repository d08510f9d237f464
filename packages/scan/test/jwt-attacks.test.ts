import { createHmac } from 'node:crypto';
import { crackJwtSecret, decodeJwt, JWT_SECRET_WORDLIST } from '@rampart/scan';
import { describe, expect, it } from 'vitest';
import { corruptSignature, encodeHmacJwt, encodeUnsignedJwt, stripSignature } from '../src/jwt/forge-jwt.js';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
function sign(payload: Record<string, unknown>, secret: string, alg = 'HS256'): string {
  const input = `${b64({ alg, typ: 'JWT' })}.${b64(payload)}`;
  const hash = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[alg]!;
  return `${input}.${createHmac(hash, secret).update(input).digest('base64url')}`;
}

describe('JWT attacks', () => {
  it('ships about a thousand distinct secrets, common ones included', () => {
    expect(JWT_SECRET_WORDLIST.length).toBeGreaterThanOrEqual(900);
    expect(new Set(JWT_SECRET_WORDLIST).size).toBe(JWT_SECRET_WORDLIST.length);
    for (const s of ['secret', 'secret1', 'your-256-bit-secret', 'changeme', 'password123']) {
      expect(JWT_SECRET_WORDLIST).toContain(s);
    }
  });

  it('cracks weak HS256/384/512 secrets offline and not strong ones', () => {
    expect(crackJwtSecret(sign({ sub: '1' }, 'secret1'))).toBe('secret1');
    expect(crackJwtSecret(sign({ sub: '1' }, 'your-256-bit-secret', 'HS384'))).toBe('your-256-bit-secret');
    expect(crackJwtSecret(sign({ sub: '1' }, 'changeme', 'HS512'))).toBe('changeme');
    expect(crackJwtSecret(sign({ sub: '1' }, 'q8Jx2v9KfL0pZr7TnW3cYb6H'))).toBeUndefined();
    expect(crackJwtSecret('not.a.jwt')).toBeUndefined();
    expect(crackJwtSecret(encodeUnsignedJwt({}, { sub: '1' }, 'none'))).toBeUndefined();
  });

  it('forges unsigned, stripped, corrupted and re-signed tokens', () => {
    const token = sign({ sub: '2', exp: 10 }, 'secret1');
    const none = decodeJwt(encodeUnsignedJwt({ alg: 'HS256', typ: 'JWT' }, { sub: '2' }, 'nOnE'))!;
    expect(none.header).toEqual({ alg: 'nOnE', typ: 'JWT' });
    expect(none.signature).toBe('');
    expect(stripSignature(token)).toBe(`${token.slice(0, token.lastIndexOf('.'))}.`);
    const corrupted = corruptSignature(token);
    expect(corrupted).not.toBe(token);
    expect(corrupted.length).toBe(token.length);
    const resigned = encodeHmacJwt({ alg: 'HS256', typ: 'JWT' }, { sub: '2', exp: 5 }, 'secret1');
    expect(crackJwtSecret(resigned, ['secret1'])).toBe('secret1');
    expect(decodeJwt(resigned)!.payload).toEqual({ sub: '2', exp: 5 });
  });
});
