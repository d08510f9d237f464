import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { BankContext } from './bank-context.js';
import { partnerSigningKey } from './partner-signing-key.js';
import { encodeBase64Url } from './sign-jwt.js';
import { type VerifyPartnerJwtOptions, verifyPartnerJwt } from './verify-partner-jwt.js';

const now = 1_700_000_000;
const claims = { sub: 'fintech-aggregator', aud: 'bank-partner-api', exp: now + 600 };
const key = await partnerSigningKey({} as BankContext);
const secure: VerifyPartnerJwtOptions = {
  key,
  keyConfusion: false,
  trustJwkHeader: false,
  followJku: false,
  kidFromFile: false,
  canaryOrigin: undefined,
  now,
};

const rs256 = (
  header: Record<string, unknown>,
  body: Record<string, unknown>,
  privateKey = key.privateKey,
) => {
  const input = `${encodeBase64Url(header)}.${encodeBase64Url(body)}`;
  return `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
};
const hs256 = (header: Record<string, unknown>, body: Record<string, unknown>, secret: string | Buffer) => {
  const input = `${encodeBase64Url(header)}.${encodeBase64Url(body)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
};

describe('verifyPartnerJwt, every flaw off', () => {
  it('accepts RS256 with the bank key chosen by kid', async () => {
    const result = await verifyPartnerJwt(rs256({ alg: 'RS256', kid: key.kid }, claims), secure);
    expect(result).toEqual({ ok: true, claims });
  });

  it('refuses other kids, algorithms, audiences, expired tokens and every header trick', async () => {
    const attacker = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const jwk = attacker.publicKey.export({ format: 'jwk' });
    const refused = [
      rs256({ alg: 'RS256', kid: 'other' }, claims),
      rs256({ alg: 'RS256' }, claims),
      rs256({ alg: 'RS256', kid: key.kid }, { ...claims, aud: 'bank-api' }),
      hs256({ alg: 'HS256', kid: key.kid }, claims, key.pem),
      hs256({ alg: 'HS256', kid: '../../../../dev/null' }, claims, ''),
      rs256({ alg: 'RS256', kid: 'a', jwk }, claims, attacker.privateKey),
      rs256({ alg: 'RS256', kid: 'a', jku: 'http://127.0.0.1:9/keys' }, claims, attacker.privateKey),
      `${encodeBase64Url({ alg: 'none' })}.${encodeBase64Url(claims)}.`,
    ];
    for (const token of refused) {
      expect(await verifyPartnerJwt(token, secure), token.split('.')[0]).toEqual({
        ok: false,
        error: 'invalid_token',
      });
    }
    expect(
      await verifyPartnerJwt(rs256({ alg: 'RS256', kid: key.kid }, { ...claims, exp: now }), secure),
    ).toEqual({ ok: false, error: 'token_expired' });
  });

  it('with key confusion on, takes the PEM (exactly, final newline included) as HMAC secret', async () => {
    const flawed = { ...secure, keyConfusion: true };
    expect((await verifyPartnerJwt(hs256({ alg: 'HS256' }, claims, key.pem), flawed)).ok).toBe(true);
    expect((await verifyPartnerJwt(hs256({ alg: 'HS256' }, claims, key.pem.trimEnd()), flawed)).ok).toBe(
      false,
    );
  });
});
