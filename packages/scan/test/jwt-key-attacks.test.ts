import { createHmac, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { decodeJwt } from '@rampart/scan';
import { describe, expect, it } from 'vitest';
import { classifyJwtAlgorithm } from '../src/jwt/classify-jwt-algorithm.js';
import { createAttackerKey } from '../src/jwt/create-attacker-key.js';
import { deriveHmacSecrets } from '../src/jwt/derive-hmac-secrets.js';
import { encodeSignedJwt } from '../src/jwt/encode-signed-jwt.js';
import { encodeHmacJwt } from '../src/jwt/forge-jwt.js';
import { parseJwks } from '../src/jwt/parse-jwks.js';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const spkiPem = (key: typeof rsa.publicKey) => key.export({ type: 'spki', format: 'pem' }).toString();

describe('deriveHmacSecrets', () => {
  it('gives the encodings a careless verifier feeds to HMAC for an RSA key, most common first', () => {
    const secrets = deriveHmacSecrets(rsa.publicKey);
    const pem = spkiPem(rsa.publicKey);
    const pkcs1 = rsa.publicKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    expect(pem.endsWith('-----END PUBLIC KEY-----\n')).toBe(true);
    expect(secrets.map((s) => s.label)).toEqual([
      'SPKI PEM',
      'SPKI PEM without trailing newline',
      'PKCS#1 PEM',
      'PKCS#1 PEM without trailing newline',
      'SPKI DER',
      'PKCS#1 DER',
    ]);
    expect(secrets.map((s) => s.secret.toString('latin1'))).toEqual([
      pem,
      pem.trimEnd(),
      pkcs1,
      pkcs1.trimEnd(),
      rsa.publicKey.export({ type: 'spki', format: 'der' }).toString('latin1'),
      rsa.publicKey.export({ type: 'pkcs1', format: 'der' }).toString('latin1'),
    ]);
  });

  it('has no PKCS#1 forms for an EC key, and the same bytes whether the key came from PEM or a JWK', () => {
    const fromJwk = createPublicKey({ key: ec.publicKey.export({ format: 'jwk' }), format: 'jwk' });
    const secrets = deriveHmacSecrets(fromJwk);
    expect(secrets.map((s) => s.label)).toEqual([
      'SPKI PEM',
      'SPKI PEM without trailing newline',
      'SPKI DER',
    ]);
    expect(secrets[0]!.secret.toString()).toBe(spkiPem(ec.publicKey));
  });
});

describe('forging tokens', () => {
  const header = { alg: 'RS256', typ: 'JWT', kid: 'k1' };
  const claims = { sub: 'partner', aud: 'api', exp: 4_000_000_000 };

  it('re-signs RS256 claims with HS256/384/512 using public-key bytes, verifiable with that secret', () => {
    const secret = deriveHmacSecrets(rsa.publicKey)[0]!.secret;
    for (const [alg, hash] of [
      ['HS256', 'sha256'],
      ['HS384', 'sha384'],
      ['HS512', 'sha512'],
    ] as const) {
      const forged = encodeHmacJwt({ ...header, alg }, claims, secret);
      const decoded = decodeJwt(forged)!;
      expect(decoded.header).toEqual({ ...header, alg });
      expect(decoded.payload).toEqual(claims);
      expect(decoded.signature).toBe(
        createHmac(hash, secret).update(decoded.signingInput).digest('base64url'),
      );
      // A verifier holding the PEM as a string computes the same signature.
      expect(decoded.signature).toBe(
        createHmac(hash, spkiPem(rsa.publicKey)).update(decoded.signingInput).digest('base64url'),
      );
    }
  });

  it('signs RS256, PS256 and ES256 (r‖s) tokens a standard verifier accepts', () => {
    for (const [alg, pair, options] of [
      ['RS256', rsa, {}],
      ['PS256', rsa, { padding: 6, saltLength: 32 }],
      ['ES256', ec, { dsaEncoding: 'ieee-p1363' as const }],
    ] as const) {
      const token = encodeSignedJwt({ alg, kid: 'k1' }, claims, pair.privateKey);
      const decoded = decodeJwt(token)!;
      expect(decoded.header['alg']).toBe(alg);
      const ok = verify(
        'sha256',
        Buffer.from(decoded.signingInput),
        { key: pair.publicKey, ...options },
        Buffer.from(decoded.signature, 'base64url'),
      );
      expect(ok, alg).toBe(true);
    }
    expect(
      Buffer.from(
        decodeJwt(encodeSignedJwt({ alg: 'ES256' }, claims, ec.privateKey))!.signature,
        'base64url',
      ),
    ).toHaveLength(64);
    expect(() => encodeSignedJwt({ alg: 'HS256' }, claims, rsa.privateKey)).toThrow(TypeError);
  });

  it('makes attacker keys whose public JWK verifies what the private key signs', async () => {
    for (const family of ['rsa', 'ec'] as const) {
      const attacker = await createAttackerKey(family, 'rampart-test');
      expect(attacker.publicJwk).toMatchObject({ kid: 'rampart-test', alg: attacker.alg, use: 'sig' });
      expect(attacker.publicJwk).not.toHaveProperty('d');
      const token = decodeJwt(encodeSignedJwt({ alg: attacker.alg }, claims, attacker.privateKey))!;
      const key = createPublicKey({ key: attacker.publicJwk as never, format: 'jwk' });
      const ok = verify(
        'sha256',
        Buffer.from(token.signingInput),
        family === 'ec' ? { key, dsaEncoding: 'ieee-p1363' } : key,
        Buffer.from(token.signature, 'base64url'),
      );
      expect(ok, family).toBe(true);
    }
  });
});

describe('parseJwks and classifyJwtAlgorithm', () => {
  it('reads RSA and EC keys from a JWK Set, a single JWK and PEM text; skips oct and broken keys', () => {
    const jwkSet = JSON.stringify({
      keys: [
        { ...rsa.publicKey.export({ format: 'jwk' }), kid: 'r1', alg: 'RS256' },
        { ...ec.privateKey.export({ format: 'jwk' }), kid: 'e1' },
        { kty: 'oct', k: 'c2VjcmV0', kid: 'h1' },
        { kty: 'RSA', e: 'AQAB', kid: 'no-modulus' },
      ],
    });
    const keys = parseJwks(jwkSet, 'https://api.example/jwks');
    expect(keys.map((k) => [k.kid, k.alg, k.family, k.key.type])).toEqual([
      ['r1', 'RS256', 'rsa', 'public'],
      ['e1', undefined, 'ec', 'public'],
    ]);
    expect(keys[0]!.key.equals(rsa.publicKey)).toBe(true);
    expect(keys[0]!.source).toBe('https://api.example/jwks');
    expect(parseJwks(JSON.stringify(ec.publicKey.export({ format: 'jwk' })), 'x')[0]!.family).toBe('ec');
    const pemInJson = JSON.stringify({ publicKey: spkiPem(rsa.publicKey) });
    expect(parseJwks(pemInJson, 'x')[0]!.key.equals(rsa.publicKey)).toBe(true);
    expect(parseJwks('not json', 'x')).toEqual([]);
  });

  it('classifies algorithms by key family, case-sensitively', () => {
    expect(
      ['HS256', 'RS384', 'PS512', 'ES256', 'none', 'rs256', 'EdDSA', undefined].map(classifyJwtAlgorithm),
    ).toEqual(['hmac', 'rsa', 'rsa', 'ec', 'other', 'other', 'other', 'other']);
  });
});
